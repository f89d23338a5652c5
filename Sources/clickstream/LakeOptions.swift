import ArgumentParser
import Foundation
import Lake
import Logging

/// Where the raw events are.
struct LakeOptions: ParsableArguments {
    @Option(name: .customLong("lake-dir"), help: "Local lake folder. Env: LAKE_DIR. Default: ./.clickstream/lake")
    var lakeDirectory: String?

    @Option(name: .customLong("raw-bucket"), help: "S3 bucket of the raw lake. Env: RAW_BUCKET or RAW_BUCKET_NAME.")
    var rawBucket: String?

    @Option(name: .customLong("raw-prefix"), help: "Key prefix of the raw events. Env: RAW_PREFIX. Default: events/")
    var rawPrefix: String?

    var prefix: String { rawPrefix ?? Environment.current["RAW_PREFIX"] ?? "events/" }

    /// The store these options name: S3 when a bucket is set, else the local folder.
    func makeStore(logger: Logger, _ environment: Environment = .current) throws -> any RawStore {
        if let bucket = rawBucket ?? environment.first("RAW_BUCKET", "RAW_BUCKET_NAME") {
            let configuration = S3Lake.Configuration.fromEnvironment(bucket: bucket, environment: environment.values)
            if configuration.endpoint == nil, environment.first("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3") != nil {
                throw ConfigurationError("AWS_ENDPOINT_URL is not a valid URL")
            }
            return S3Lake(configuration: configuration, logger: logger, environment: environment.values)
        }
        let path = lakeDirectory ?? environment["LAKE_DIR"] ?? ".clickstream/lake"
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return LocalLake(root: url)
    }
}
