// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Anthology",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "anthology", targets: ["AnthologyCLI"]),
        .library(name: "AnthologyKit", targets: ["AnthologyKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // libxml2 from the system (Debian: libxml2-dev): its HTML and XML parsers for `anthology check`.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Everything the tool does, stage by stage; the executable only parses arguments.
        .target(
            name: "AnthologyKit",
            dependencies: [
                "CCmarkGFM",
                "CLibXML2",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [
                .copy("Resources/gazetteer.tsv"), .copy("Resources/gazetteer-index.tsv"), .copy("Resources/given-names.tsv"), .copy("Resources/common-words.txt"),
            ]
        ),
        .executableTarget(
            name: "AnthologyCLI",
            dependencies: [
                "AnthologyKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "AnthologyKitTests",
            dependencies: ["AnthologyKit"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
