import Foundation
import Testing

/// `clickstream collect` as an operator starts it.
@Suite("clickstream collect: start-up checks")
struct CollectCommandTests {
    @Test("a bucket that does not exist stops the collector at start, with the reason, instead of 503 on every POST")
    func missingBucketStopsStartUp() async throws {
        let cli = try CLIProcess.locate()
        let endpoint = try #require(ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_S3_ENDPOINT"],
                                    "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        let process = Process()
        process.executableURL = cli.executable
        process.arguments = ["collect", "--port", "0", "--bind", "127.0.0.1"]
        var environment = ProcessInfo.processInfo.environment
        environment["LAKE_DIR"] = nil
        environment.merge(["RAW_BUCKET": "no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))", "AWS_ENDPOINT_URL": endpoint,
                           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                           "AWS_EC2_METADATA_DISABLED": "true"]) { $1 }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }  // still serving: the check failed (and so will the test)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("does not exist (NoSuchBucket)"), "\(text)")
    }
}
