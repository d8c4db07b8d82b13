// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sentinel-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sentinel-report", targets: ["sentinel-report"]),
        // For the render-only benchmark in Benchmarks/, a separate package.
        .library(name: "PostMortem", targets: ["PostMortem"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .executableTarget(
            name: "embed-templates",
            path: "Sources/embed-templates"
        ),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["embed-templates"]
        ),
        // UTF-8 byte helpers (line ranges, eight-byte scans, character counts, hashes) that both
        // rendering and the domain use: the lowest layer, in a folder of Templates since the
        // package's layout has no folder below it.
        .target(name: "Bytes", path: "Sources/Templates/Bytes"),
        .target(
            name: "Templates",
            dependencies: [
                "Bytes",
                "CCmarkGFM",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Bytes"],
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "PostMortem",
            dependencies: [
                "Bytes",
                "CLibpq",
                "CPCRE2",
                "Templates",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sentinel-report",
            dependencies: [
                "PostMortem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TestSupport", dependencies: ["PostMortem"], path: "Tests/TestSupport", exclude: ["check-html5.py"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Bytes", "Templates", "TestSupport"]),
        .testTarget(
            name: "PostMortemTests", dependencies: ["Bytes", "PostMortem", "Templates", "TestSupport"], exclude: ["Golden"]),
        // Everything that needs PostgreSQL (scripts/test starts one): the store, runs, and the built binary.
        .testTarget(name: "IntegrationTests", dependencies: ["PostMortem", "Templates", "TestSupport"]),
    ]
)
