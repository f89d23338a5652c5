import Foundation
import Lake
import Testing

/// Runs against a real S3-compatible server (moto_server) that `make test` starts and names in
/// CLICKSTREAM_TEST_S3_ENDPOINT.
@Suite("S3 lake")
struct S3LakeTests {
    static let endpoint = ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_S3_ENDPOINT"]
    let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"]

    func makeLake(pageSize: Int = 1_000) async throws -> S3Lake {
        let endpoint = try #require(Self.endpoint.flatMap(URL.init(string:)), "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        var configuration = S3Lake.Configuration(bucket: "lake-\(UUID().uuidString.lowercased().prefix(12))")
        configuration.endpoint = endpoint
        configuration.region = "ap-southeast-1"
        configuration.pageSize = pageSize
        let lake = S3Lake(configuration: configuration, logger: .init(label: "test"), environment: environment)
        try await lake.createBucket()
        return lake
    }

    @Test("put then get returns the bytes, with the ETag S3 computed (MD5, as the local lake)")
    func putThenGet() async throws {
        let lake = try await makeLake()
        try await lake.put("events/2025/12/06/05/event-a.json", bytes: Array("hello".utf8), contentType: "application/json")
        let blob = try await lake.get("events/2025/12/06/05/event-a.json")
        #expect(blob.bytes == Array("hello".utf8))
        #expect(blob.etag == "5d41402abc4b2a76b9719d911017c592")
    }

    @Test("listing pages past the first page, so no key after the first 1,000 is lost")
    func listingPages() async throws {
        let lake = try await makeLake(pageSize: 7)
        var keys: [String] = []
        for index in 0..<25 {
            let key = "events/2025/12/06/\(String(format: "%02d", index % 3))/event-\(index) +ü.json"
            keys.append(key)
            try await lake.put(key, bytes: [0x7B, 0x7D], contentType: "application/json")
        }
        try await lake.put("elsewhere/x.json", bytes: [1], contentType: "application/json")
        var seen: [String] = []
        var pages = 0
        try await lake.forEachPage(prefix: "events/") { objects in
            pages += 1
            seen += objects.map(\.key)
        }
        #expect(seen == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(pages == 4)
    }

    @Test("a missing key is notFound, not a retry loop")
    func missingKey() async throws {
        let lake = try await makeLake()
        await #expect(throws: LakeError.self) { try await lake.get("events/nothing.json") }
    }

    @Test("a bucket that does not exist is named as such, not as a missing object")
    func missingBucket() async throws {
        let endpoint = try #require(Self.endpoint.flatMap(URL.init(string:)), "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        var configuration = S3Lake.Configuration(bucket: "no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))")
        configuration.endpoint = endpoint
        let lake = S3Lake(configuration: configuration, logger: .init(label: "test"), environment: environment)
        let error = await #expect(throws: LakeError.self) { try await lake.list(prefix: "events/", after: nil) }
        #expect(error?.description.contains("bucket \(configuration.bucket) does not exist") == true, "\(String(describing: error))")
    }

    @Test("without keys and without an instance role, the error says to set the keys")
    func missingCredentials() async throws {
        let endpoint = try #require(Self.endpoint.flatMap(URL.init(string:)), "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        var configuration = S3Lake.Configuration(bucket: "any")
        configuration.endpoint = endpoint
        // A metadata endpoint that answers, with an error (a bucket path of the S3 server that does not exist).
        let metadata = endpoint.absoluteString.trimmingCharacters(in: ["/"]) + "/no-metadata-here"
        let lake = S3Lake(configuration: configuration, logger: .init(label: "test"),
                          environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata])
        let error = await #expect(throws: LakeError.self) { try await lake.list(prefix: "events/", after: nil) }
        #expect(error?.description.contains("no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set") == true, "\(String(describing: error))")
    }
}
