// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 mode with strict concurrency is the default for tools 6.0.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let log: Target.Dependency = .product(name: "Logging", package: "swift-log")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let mustache: Target.Dependency = .product(name: "Mustache", package: "swift-mustache")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

/// Our modules and the modules each depends on (dependencies point down the list), plus package products.
let modules: [(name: String, modules: [String], products: [Target.Dependency])] = [
    ("CivilCalendar", [], []),
    ("JSON", [], []),
    ("Money", [], []),
    ("CSockets", [], []),
    ("Sockets", ["CSockets"], []),
    ("Gzip", ["CZlib"], []),
    ("Snappy", ["CSnappy"], []),
    ("Zstd", ["CZstd"], []),
    ("Parquet", ["Snappy", "Zstd"], []),
    ("PercentEncoding", [], []),
    ("HTTP", ["Sockets", "Gzip", "CivilCalendar", "PercentEncoding"], [log]),
    ("Postgres", ["CLibPQ", "CivilCalendar", "Money"], [log]),
    ("GeoIP", ["CMaxMindDB"], []),
    ("Enrichment", ["GeoIP", "PercentEncoding"], []),
    ("Warehouse", ["Postgres", "Money", "Enrichment"], [log]),
    ("Lake", ["Gzip", "CivilCalendar"], [log, crypto]),
    ("Pipeline", ["Lake", "Gzip", "Postgres", "Warehouse", "Enrichment", "CivilCalendar", "JSON", "Money"], [log, crypto]),
    ("Generator", ["Lake", "Gzip", "CivilCalendar", "JSON"], [log]),
    ("Collector", ["Lake", "HTTP", "Gzip", "CivilCalendar", "JSON", "Money"], [log]),
    ("Export", ["Parquet", "Lake", "Postgres", "Warehouse", "CivilCalendar", "Money"], [log, crypto]),
    ("AccessControl", ["HTTP"], [log, crypto]),
    ("Analytics", ["Postgres", "Warehouse", "CivilCalendar", "Money"], [log]),
    ("Dashboard", ["Analytics", "AccessControl", "HTTP", "Gzip", "Postgres", "Warehouse", "Money"], [log, mustache]),
    ("TestSupport", ["Postgres", "Warehouse"], [log]),
    ("WireTestSupport", ["Sockets", "HTTP"], [log]),
    ("http-bench-server", ["HTTP"], [log]),
    ("clickstream", ["HTTP", "Sockets", "Postgres", "GeoIP", "Enrichment", "Warehouse", "Lake", "Pipeline", "Generator",
                     "Collector", "Analytics", "AccessControl", "Dashboard", "Export", "CivilCalendar"],
     [log, argumentParser]),
]

/// Test targets, each named `<Module>Tests`.
let tests: [(name: String, modules: [String])] = [
    ("CivilCalendarTests", ["CivilCalendar"]),
    ("JSONTests", ["JSON"]),
    ("MoneyTests", ["Money"]),
    ("GzipTests", ["Gzip"]),
    ("ParquetTests", ["Parquet", "Snappy", "Zstd"]),
    ("HTTPTests", ["HTTP", "Sockets", "Gzip", "TestSupport", "WireTestSupport"]),
    ("PostgresTests", ["Postgres", "Money", "TestSupport"]),
    ("GeoIPTests", ["GeoIP"]),
    ("EnrichmentTests", ["Enrichment", "GeoIP"]),
    ("WarehouseTests", ["Warehouse", "Postgres", "Money", "TestSupport"]),
    ("LakeTests", ["Lake"]),
    ("PipelineTests", ["Pipeline", "Lake", "Warehouse", "Postgres", "Money", "Enrichment", "GeoIP", "TestSupport"]),
    ("GeneratorTests", ["Generator", "Lake", "Gzip", "Pipeline", "Enrichment", "GeoIP"]),
    ("CollectorTests", ["Collector", "HTTP", "Lake", "Gzip", "Pipeline", "WireTestSupport"]),
    ("AccessControlTests", ["AccessControl", "HTTP", "TestSupport"]),
    ("AnalyticsTests", ["Analytics", "Warehouse", "Postgres", "Money", "TestSupport"]),
    ("ExportTests", ["Export", "Parquet", "Lake", "Postgres", "Warehouse", "Money", "TestSupport"]),
    ("DashboardTests", ["Dashboard", "AccessControl", "Analytics", "Money", "HTTP", "Sockets", "Gzip", "Postgres", "Warehouse",
                        "TestSupport", "WireTestSupport"]),
]

// `CLICKSTREAM_TESTS=HTTPTests,GzipTests swift test` builds only those tests and the modules they
// need, so one module mid-change does not block work on another. Unset: everything.
// `CLICKSTREAM_EXTRA=http-bench-server` adds more modules (and their dependencies) to such a selection.
let selectedTests = Context.environment["CLICKSTREAM_TESTS"].map { Set($0.split(separator: ",").map(String.init)) }
func closure(of roots: [String]) -> Set<String> {
    var found = Set<String>()
    var pending = roots
    while let name = pending.popLast() {
        guard found.insert(name).inserted else { continue }
        pending += modules.first { $0.name == name }?.modules ?? []
    }
    return found
}
let needed = closure(of: tests.filter { selectedTests?.contains($0.name) ?? true }.flatMap(\.modules)
    + (selectedTests == nil ? ["clickstream", "http-bench-server"] : [])
    + (Context.environment["CLICKSTREAM_EXTRA"]?.split(separator: ",").map(String.init) ?? []))

var targets: [Target] = [
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CMaxMindDB", pkgConfig: "libmaxminddb", providers: [.apt(["libmaxminddb-dev"])]),
]
for module in modules where needed.contains(module.name) {
    let dependencies = module.modules.map { Target.Dependency(stringLiteral: $0) } + module.products
    switch module.name {
    case "clickstream", "http-bench-server":
        targets.append(.executableTarget(name: module.name, dependencies: dependencies, swiftSettings: settings))
    case "CSockets":
        targets.append(.target(name: module.name))
    case "TestSupport", "WireTestSupport":
        targets.append(.target(name: module.name, dependencies: dependencies, path: "Tests/\(module.name)", swiftSettings: settings))
    default:
        targets.append(.target(name: module.name, dependencies: dependencies, swiftSettings: settings))
    }
}
for test in tests where selectedTests?.contains(test.name) ?? true {
    targets.append(.testTarget(name: test.name, dependencies: test.modules.map { Target.Dependency(stringLiteral: $0) },
                               swiftSettings: settings))
}

let packages: [(name: String, package: Package.Dependency)] = [
    ("swift-argument-parser", .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")),
    ("swift-log", .package(url: "https://github.com/apple/swift-log", from: "1.16.2")),
    ("swift-crypto", .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")),
    ("swift-mustache", .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1")),
]
let usedPackages = Set(modules.filter { needed.contains($0.name) }.flatMap(\.products).compactMap { dependency -> String? in
    if case .productItem(_, let package, _, _) = dependency { return package }
    return nil
})

let package = Package(
    name: "clickstream",
    platforms: [.macOS(.v15)],
    products: ["clickstream", "http-bench-server"].filter(needed.contains).map { .executable(name: $0, targets: [$0]) },
    dependencies: packages.filter { usedPackages.contains($0.name) }.map(\.package),
    targets: targets
)
