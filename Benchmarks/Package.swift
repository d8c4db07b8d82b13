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
        .executableTarget(
            name: "Render",
            dependencies: [
                .product(name: "PostMortem", package: "sentinel-report"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Render",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
