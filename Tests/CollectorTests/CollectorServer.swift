import Foundation
import Gzip
import HTTP
import Lake
import Logging
import WireTestSupport
@testable import Collector

/// Runs the collector behind the real `HTTPServer` on 127.0.0.1 (a free port) for the duration of `body`,
/// the way `clickstream collect` does, then drains and stops it.
enum CollectorServer {
    static let quietLogger = Logger(label: "collector-tests") { _ in SwiftLogNoOpLogHandler() }

    static func with<T: Sendable>(
        store: any RawStore,
        collector configureCollector: (inout CollectorApp.Configuration) -> Void = { _ in },
        server configureServer: (inout HTTPServer.Configuration) -> Void = { _ in },
        _ body: (Int) async throws -> T
    ) async throws -> T {
        try await withServer(store: store, collector: configureCollector, server: configureServer) { server in
            try await body(server.localPort)
        }
    }

    /// Like `with`, but hands `body` the server itself (for `openConnections`).
    static func withServer<T: Sendable>(
        store: any RawStore,
        collector configureCollector: (inout CollectorApp.Configuration) -> Void = { _ in },
        server configureServer: (inout HTTPServer.Configuration) -> Void = { _ in },
        _ body: (HTTPServer) async throws -> T
    ) async throws -> T {
        var configuration = CollectorApp.Configuration()
        configuration.maxBatchDelay = .milliseconds(20)
        configureCollector(&configuration)
        var router = HTTPRouter()
        let app = CollectorApp(store: store, configuration: configuration, logger: quietLogger)
        app.register(on: &router)
        return try await TestServer.withServer(router: router, configure: { app.configure(&$0); configureServer(&$0) },
                                               logger: quietLogger, body)
    }

    /// Every event stored under `events/` (NDJSON.gz batches and one-event files alike), decoded, in key order.
    static func storedEvents(in store: any RawStore) async throws -> [[String: Any]] {
        var events: [[String: Any]] = []
        try await store.forEachPage(prefix: "events/") { objects in
            for object in objects {
                var bytes = try await store.get(object.key).bytes
                if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
                for line in bytes.split(separator: 0x0A) {
                    if let event = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { events.append(event) }
                }
            }
        }
        return events
    }

    /// The keys under `events/`.
    static func keys(in store: any RawStore) async throws -> [String] {
        var keys: [String] = []
        try await store.forEachPage(prefix: "events/") { keys += $0.map(\.key) }
        return keys
    }

    /// A fresh local lake in a temporary folder.
    static func temporaryLake() throws -> LocalLake {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("collector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return LocalLake(root: root)
    }

    /// The moto endpoint `make test` starts (CLICKSTREAM_TEST_S3_ENDPOINT), or nil.
    static let s3Endpoint = ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_S3_ENDPOINT"].flatMap(URL.init(string:))
    static let s3Environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"]

    /// An S3 lake on `endpoint` in a bucket of its own; `create: false` leaves the bucket missing.
    static func s3Lake(endpoint: URL, create: Bool = true) async throws -> S3Lake {
        var configuration = S3Lake.Configuration(bucket: "collector-\(UUID().uuidString.lowercased().prefix(12))")
        configuration.endpoint = endpoint
        configuration.region = "ap-southeast-1"
        let lake = S3Lake(configuration: configuration, logger: quietLogger, environment: s3Environment)
        if create { try await lake.createBucket() }
        return lake
    }
}
