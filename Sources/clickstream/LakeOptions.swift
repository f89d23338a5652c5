import ArgumentParser
import Foundation
import Lake

/// Where the raw events are.
struct LakeOptions: ParsableArguments {
    @Option(name: .customLong("lake-dir"), help: "Local lake folder. Env: LAKE_DIR. Default: ./.clickstream/lake")
    var lakeDirectory: String?

    @Option(name: .customLong("raw-bucket"), help: "S3 bucket of the raw lake. Env: RAW_BUCKET or RAW_BUCKET_NAME.")
    var rawBucket: String?

    @Option(name: .customLong("raw-prefix"), help: "Key prefix of the raw events. Env: RAW_PREFIX. Default: events/")
    var rawPrefix: String?

    var prefix: String { rawPrefix ?? Environment.current["RAW_PREFIX"] ?? "events/" }

    /// The store these options name.
    func makeStore(_ environment: Environment = .current) throws -> any RawStore {
        if let bucket = rawBucket ?? environment.first("RAW_BUCKET", "RAW_BUCKET_NAME") {
            throw ConfigurationError("an S3 lake (s3://\(bucket)) is not supported by this build yet: copy the objects to a folder and set LAKE_DIR, or unset RAW_BUCKET")
        }
        let path = lakeDirectory ?? environment["LAKE_DIR"] ?? ".clickstream/lake"
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return LocalLake(root: url)
    }
}
