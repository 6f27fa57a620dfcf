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
        .library(name: "GreenstatStore", targets: ["GreenstatStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev), found with pkg-config.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        // What Swift 6 cannot call directly in libxml2 (`xmlFree`, the `xmlParserVersion` macro), and
        // zlib's CRC-32.
        .target(name: "CXMLShim", dependencies: ["CLibXML2"], linkerSettings: [.linkedLibrary("z")]),
        // Byte-level building blocks shared by the readers, the classifier and the writers: eight
        // bytes at a time (`ByteWord`) and a fast byte-string hash (`ByteHash`).
        .target(name: "GreenstatBytes"),
        // Domain-free table I/O: streaming CSV/TSV/.xlsx reading, text decoding, writing.
        .target(
            name: "GreenstatTable",
            dependencies: [
                "GreenstatBytes", "CLibXML2", "CXMLShim", "CLibCrypto",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Domain core: codes, taxonomy, records, the classifier. Values and streams only.
        .target(name: "GreenstatCore", dependencies: ["GreenstatBytes"]),
        // SHA-256 for input provenance: OpenSSL's libcrypto (libssl-dev; libpq-dev depends on it).
        .systemLibrary(
            name: "CLibCrypto", path: "Sources/CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // libpq, PostgreSQL's reference client library (Debian: libpq-dev).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // The statistics store: SQLite through GRDB (default) or PostgreSQL through libpq.
        .target(
            name: "GreenstatStore",
            dependencies: [
                "GreenstatCore", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Loaders and writers: taxonomy files, registers, overrides, output formats, jobs.
        .target(
            name: "GreenstatData",
            dependencies: ["GreenstatBytes", "GreenstatCore", "GreenstatTable", "GreenstatStore"]),
        // The thin command-line front end.
        .executableTarget(
            name: "greenstat",
            dependencies: [
                "GreenstatCore", "GreenstatData", "GreenstatTable", "GreenstatStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput of the input layer (decoding, .xlsx) for scripts/bench_*.
        .executableTarget(
            name: "greenstat-bench-io", dependencies: ["GreenstatTable", "GreenstatCore", "GreenstatData"]),
        .testTarget(
            name: "GreenstatTests",
            dependencies: [
                "GreenstatBytes", "GreenstatCore", "GreenstatData", "GreenstatTable", "GreenstatStore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
