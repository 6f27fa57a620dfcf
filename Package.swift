// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "greenstat",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "greenstat", targets: ["greenstat"]),
        .library(name: "GreenstatCore", targets: ["GreenstatCore"]),
        .library(name: "GreenstatData", targets: ["GreenstatData"]),
        .library(name: "GreenstatTable", targets: ["GreenstatTable"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // Domain-free table I/O: streaming CSV/TSV reading, writing.
        .target(name: "GreenstatTable"),
        // Domain core: codes, taxonomy, records, the classifier. Values and streams only.
        .target(name: "GreenstatCore"),
        // libpq, PostgreSQL's reference client library (Debian: libpq-dev).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // The statistics store: SQLite through GRDB (default) or PostgreSQL through libpq.
        .target(
            name: "GreenstatStore",
            dependencies: ["GreenstatCore", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Loaders and writers: taxonomy files, registers, overrides, output formats, jobs.
        .target(name: "GreenstatData", dependencies: ["GreenstatCore", "GreenstatTable", "GreenstatStore"]),
        // The thin command-line front end.
        .executableTarget(
            name: "greenstat",
            dependencies: [
                "GreenstatCore", "GreenstatData", "GreenstatTable", "GreenstatStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GreenstatTests",
            dependencies: ["GreenstatCore", "GreenstatData", "GreenstatTable", "GreenstatStore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
