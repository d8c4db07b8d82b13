// swift-tools-version:6.1
// The render-only benchmark, a package of its own so that building sentinel-report never
// pulls in the benchmark framework. Run from this folder: swift package benchmark
import PackageDescription

let package = Package(
    name: "sentinel-report-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "sentinel-report", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "Synthetic",
            dependencies: [.product(name: "PostMortem", package: "sentinel-report")],
            path: "Benchmarks/Synthetic"
        ),
        .executableTarget(
            name: "Render",
            dependencies: [
                "Synthetic",
                .product(name: "PostMortem", package: "sentinel-report"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Render",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Each step of the rendering alone, for counting its instructions (./count-instructions);
        // not in a folder named Benchmarks, where the benchmark plugin would take it for a benchmark
        // (the plugin looks at the folder that holds the target's folder).
        .executableTarget(
            name: "Stages",
            dependencies: ["Synthetic", .product(name: "PostMortem", package: "sentinel-report")],
            path: "Tools/Stages"
        ),
        // The redactor's throughput on typical log text, in megabytes a second.
        .executableTarget(
            name: "Redaction",
            dependencies: ["Synthetic", .product(name: "PostMortem", package: "sentinel-report")],
            path: "Tools/Redaction"
        ),
    ]
)
