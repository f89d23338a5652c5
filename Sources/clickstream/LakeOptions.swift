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

    /// The store these options name: S3 when a bucket is set, else the local folder. The default folder is
    /// created when missing; one named by `--lake-dir`/`LAKE_DIR` only for `writing` (a reader that made a
    /// mistyped or unmounted path would report an empty lake instead of the mistake). `isUsed: false` (a server that
    /// runs no ETL) neither checks nor creates it.
    func makeStore(logger: Logger, writing: Bool = false, isUsed: Bool = true,
                   _ environment: Environment = .current) throws -> any RawStore {
        if let bucket = rawBucket ?? environment.first("RAW_BUCKET", "RAW_BUCKET_NAME") {
            let configuration = S3Lake.Configuration.fromEnvironment(bucket: bucket, environment: environment.values)
            if configuration.endpoint == nil, environment.first("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3") != nil {
                throw ConfigurationError("AWS_ENDPOINT_URL is not a valid URL")
            }
            return S3Lake(configuration: configuration, logger: logger, environment: environment.values)
        }
        let named = lakeDirectory ?? environment["LAKE_DIR"]
        let path = named ?? ".clickstream/lake"
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if !isUsed { return LocalLake(root: url) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ConfigurationError("the lake folder \(path) is a file, not a folder (--lake-dir, LAKE_DIR)") }
        } else if named != nil, !writing {
            throw ConfigurationError("the lake folder \(path) does not exist (--lake-dir, LAKE_DIR): check the path and that its volume is mounted")
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw ConfigurationError("cannot create the lake folder \(path): \(error.localizedDescription)")
            }
        }
        return LocalLake(root: url)
    }
}
