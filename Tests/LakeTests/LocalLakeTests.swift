import Foundation
import Lake
import Testing

@Suite("Local lake")
struct LocalLakeTests {
    let lake: LocalLake

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        lake = LocalLake(root: root, pageSize: 50)
    }

    @Test("put then get returns the bytes and the hex MD5 as ETag")
    func putThenGet() async throws {
        try await lake.put("events/2025/12/06/05/event-a.json", bytes: Array("hello".utf8), contentType: "application/json")
        let blob = try await lake.get("events/2025/12/06/05/event-a.json")
        #expect(blob.bytes == Array("hello".utf8))
        #expect(blob.etag == "5d41402abc4b2a76b9719d911017c592")
    }

    @Test("listing pages through every key once, in byte order, across folders")
    func listingPagesInOrder() async throws {
        var expected: [String] = []
        for hour in 0..<3 {
            for index in 0..<40 {
                let key = "events/2025/12/06/\(String(format: "%02d", hour))/event-\(String(format: "%04d", index)).json"
                expected.append(key)
                try await lake.put(key, bytes: [0x7B, 0x7D], contentType: "application/json")
            }
        }
        try await lake.put("other/ignored.json", bytes: [1], contentType: "application/json")
        var seen: [String] = []
        var pages = 0
        try await lake.forEachPage(prefix: "events/") { objects in
            pages += 1
            seen += objects.map(\.key)
        }
        #expect(seen == expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(pages == 3)
    }

    @Test("a prefix that ends inside a folder name filters by that name")
    func partialPrefix() async throws {
        for day in ["05", "06", "16"] {
            try await lake.put("events/2025/12/\(day)/00/event-x.json", bytes: [1], contentType: "application/json")
        }
        let page = try await lake.list(prefix: "events/2025/12/0", after: nil)
        #expect(page.objects.map(\.key) == ["events/2025/12/05/00/event-x.json", "events/2025/12/06/00/event-x.json"])
    }

    @Test("keys that could escape the lake folder are refused")
    func refusesEscapingKeys() async throws {
        for key in ["../etc/passwd", "/etc/passwd", "events/../../x", "a\\b", "", "events//x"] {
            await #expect(throws: LakeError.self) { try await lake.put(key, bytes: [1], contentType: "text/plain") }
        }
    }

    @Test("a missing object is notFound")
    func missingObject() async throws {
        await #expect(throws: LakeError.self) { try await lake.get("events/none.json") }
    }

    @Test("a run of keys reads each in order; a missing one is its own failure, not the run's")
    func readsARunOfKeys() async throws {
        try await lake.put("events/2025/12/06/05/a.json", bytes: Array("1".utf8), contentType: "application/json")
        try await lake.put("events/2025/12/06/05/c.json", bytes: Array("3".utf8), contentType: "application/json")
        let results = await lake.get(run: ["events/2025/12/06/05/a.json", "events/2025/12/06/05/b.json", "events/2025/12/06/05/c.json"])
        #expect(results.map { (try? $0.get())?.bytes } == [Array("1".utf8), nil, Array("3".utf8)])
        #expect(throws: LakeError.self) { try results[1].get() }
    }

    @Test("a run spanning folders and the lake root reads every file from its own folder")
    func readsARunAcrossFolders() async throws {
        let keys = ["events/2025/12/06/05/a.json", "events/2025/12/06/06/a.json", "root.json", "events/2025/12/06/05/b.json"]
        for (index, key) in keys.enumerated() {
            try await lake.put(key, bytes: Array("\(index)".utf8), contentType: "application/json")
        }
        let results = await lake.get(run: keys)
        #expect(results.map { (try? $0.get())?.bytes } == keys.indices.map { Array("\($0)".utf8) })
    }

    @Test("in a run, a key under a missing folder is notFound and an escaping key is refused; the rest are read")
    func runFailuresStayWithTheirKeys() async throws {
        try await lake.put("events/2025/12/06/05/a.json", bytes: Array("1".utf8), contentType: "application/json")
        let results = await lake.get(run: ["events/2025/12/06/04/x.json", "events/../../etc/passwd", "events/2025/12/06/05/a.json"])
        let missing = #expect(throws: LakeError.self) { try results[0].get() }
        #expect(missing?.description == LakeError.notFound("events/2025/12/06/04/x.json").description)
        let escaping = #expect(throws: LakeError.self) { try results[1].get() }
        #expect(escaping?.description == LakeError.invalidKey("events/../../etc/passwd").description)
        #expect(try results[2].get().bytes == Array("1".utf8))
    }

    @Test("a file larger than a read's buffer is read whole, in a run and alone")
    func readsLargeFilesWhole() async throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await lake.put("events/big.json", bytes: bytes, contentType: "application/json")
        #expect(try await lake.get(run: ["events/big.json"])[0].get().bytes == bytes)
        #expect(try await lake.get("events/big.json").bytes == bytes)
    }

    @Test("partition start is read from every layout we support")
    func partitionStartOfLayouts() throws {
        let hour = try #require(ISO8601DateFormatter().date(from: "2025-12-06T05:00:00Z"))
        let day = try #require(ISO8601DateFormatter().date(from: "2025-12-06T00:00:00Z"))
        #expect(LakeKeyLayout.partitionStart(of: "events/2025/12/06/05/event-1.json") == hour)
        #expect(LakeKeyLayout.partitionStart(of: "events/2025/12/06/event-1.json") == day)
        #expect(LakeKeyLayout.partitionStart(of: "year=2025/month=12/day=06/hour=05/part-0000.json") == hour)
        #expect(LakeKeyLayout.partitionStart(of: "misc/file.json") == nil)
    }

    @Test("event keys use the UTC hour of receipt")
    func eventKeyLayout() throws {
        let date = try #require(ISO8601DateFormatter().date(from: "2025-12-06T23:59:59Z"))
        let id = try #require(UUID(uuidString: "0B9A7C52-3F1E-4C5A-9D55-2F7F3F0F1A01"))
        #expect(LakeKeyLayout.eventKey(receivedAt: date, id: id) == "events/2025/12/06/23/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json")
    }
}
