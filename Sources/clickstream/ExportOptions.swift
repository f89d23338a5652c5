import ArgumentParser
import Export
import Foundation
import Parquet

/// Where and how the analytics lake is written: shared by `clickstream export` and `serve`'s export step.
struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("export-prefix"), help: "Key prefix of the Parquet export, outside the raw prefix. Env: EXPORT_PREFIX. Default: exports/")
    var exportPrefix: String?

    @Option(name: .customLong("export-delay"),
            help: "A UTC day is exported once it ended this long ago and no load touched it for as long (0 for at once). Env: EXPORT_DELAY. Default: 2h.")
    var exportDelay: String?

    @Option(name: .customLong("compression"), help: "snappy, zstd, zstd:LEVEL (1-19) or none. Env: EXPORT_COMPRESSION. Default: snappy.")
    var compression: String?

    @Option(name: .customLong("row-group-mb"), help: "Uncompressed MiB per row group. Env: EXPORT_ROW_GROUP_MB. Default: 128.")
    var rowGroupMB: Int?

    func makeConfiguration(rawPrefix: String, _ environment: Environment = .current) throws -> LakeExport.Configuration {
        var configuration = LakeExport.Configuration()
        configuration.prefix = ExportLayout(prefix: exportPrefix ?? environment["EXPORT_PREFIX"] ?? "exports/").prefix
        try LakeExport.validate(exportPrefix: configuration.prefix, rawPrefix: rawPrefix)
        let delayText = exportDelay ?? environment["EXPORT_DELAY"] ?? "2h"
        if delayText == "0" {
            configuration.delay = .zero
        } else {
            guard let delay = DurationParser.parse(delayText) else {
                throw ValidationError("EXPORT_DELAY / --export-delay must be a duration like 2h, 30m or 0, got \(delayText)")
            }
            configuration.delay = delay
        }
        let codec = (compression ?? environment["EXPORT_COMPRESSION"] ?? "snappy").lowercased()
        switch codec {
        case "snappy": configuration.parquet.compression = .snappy
        case "none", "uncompressed": configuration.parquet.compression = .uncompressed
        case "zstd": configuration.parquet.compression = .zstd(level: 3)
        case let text where text.hasPrefix("zstd:"):
            guard let level = Int32(text.dropFirst(5)), (1...19).contains(level) else {
                throw ValidationError("EXPORT_COMPRESSION zstd:LEVEL takes a level 1-19, got \(text)")
            }
            configuration.parquet.compression = .zstd(level: level)
        default:
            throw ValidationError("EXPORT_COMPRESSION / --compression must be snappy, zstd, zstd:LEVEL or none, got \(codec)")
        }
        if let megabytes = rowGroupMB ?? environment["EXPORT_ROW_GROUP_MB"].flatMap(Int.init) {
            guard megabytes > 0 else { throw ValidationError("--row-group-mb must be positive") }
            configuration.parquet.rowGroupSize = megabytes << 20
        }
        return configuration
    }
}
