import Enrichment
import Foundation
import Synchronization
import Testing

/// Every case of uap-core's own test files must come out as uap-core says (the README lists exceptions).
@Suite("uap-core conformance")
struct UAPCoreConformanceTests {
    static let parser = Result { try UserAgentParser(rulesFile: Repository.data.appendingPathComponent("uap-core-regexes.json")) }

    /// Cases whose answer differs, as "file: user agent → expected ≠ actual", for one readable failure.
    /// Checked on every core at once (the device file has 16,000 cases).
    static func mismatches(_ file: String, fields: [String], parse: @escaping @Sendable (String) -> [String?]) throws -> [String] {
        let cases = try UAPCoreCases.load(file)
        let chunks = stride(from: 0, to: cases.count, by: 500).map { cases[$0..<min($0 + 500, cases.count)] }
        let found = Mutex([[String]](repeating: [], count: chunks.count))
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            let failures = chunks[chunk].compactMap { testCase -> String? in
                guard let userAgent = testCase["user_agent_string"] ?? nil else { return "\(file): a case without user_agent_string" }
                let expected = fields.map { testCase[$0] ?? nil }
                let actual = parse(userAgent)
                return expected == actual ? nil : "\(file): \(userAgent) → \(expected) ≠ \(actual)"
            }
            found.withLock { $0[chunk] = failures }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    @Test("browsers: every case of test_ua.yaml")
    func browsers() throws {
        let parser = try Self.parser.get()
        let failures = try Self.mismatches("test_ua.yaml", fields: ["family", "major", "minor", "patch"]) {
            let browser = parser.browser($0)
            return [browser.family, browser.major, browser.minor, browser.patch]
        }
        #expect(failures.isEmpty, "\(failures.count) cases:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("operating systems: every case of test_os.yaml")
    func operatingSystems() throws {
        let parser = try Self.parser.get()
        let failures = try Self.mismatches("test_os.yaml", fields: ["family", "major", "minor", "patch", "patch_minor"]) {
            let os = parser.operatingSystem($0)
            return [os.family, os.major, os.minor, os.patch, os.patchMinor]
        }
        #expect(failures.isEmpty, "\(failures.count) cases:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("devices: every case of test_device.yaml")
    func devices() throws {
        let parser = try Self.parser.get()
        let failures = try Self.mismatches("test_device.yaml", fields: ["family", "brand", "model"]) {
            let device = parser.device($0)
            return [device.family, device.brand, device.model]
        }
        #expect(failures.isEmpty, "\(failures.count) cases:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("the files hold as many cases as uap-core ships (the reader misses none)")
    func readsEveryCase() throws {
        #expect(try UAPCoreCases.load("test_ua.yaml").count == 1_601)
        #expect(try UAPCoreCases.load("test_os.yaml").count == 483)
        #expect(try UAPCoreCases.load("test_device.yaml").count == 16_129)
    }
}
