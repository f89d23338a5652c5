import Foundation

/// `_manifest.json` beside a day's file: which generation the folder holds, at which data version, and the
/// file with its row count, size and MD5, so a reader (or an audit) can check the folder against it.
struct ExportManifest: Codable, Sendable {
    struct File: Codable, Sendable {
        let key: String
        let rows: Int64
        let bytes: Int64
        let md5: String
    }

    let table: String
    let day: String
    let generation: Int
    let dataVersion: Int64
    let exportedAt: Date
    let rows: Int64
    let compression: String
    let decimalsOutOfRange: Int64
    let files: [File]

    enum CodingKeys: String, CodingKey {
        case table, day, generation, rows, compression, files
        case dataVersion = "data_version"
        case exportedAt = "exported_at"
        case decimalsOutOfRange = "decimals_out_of_range"
    }

    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return ((try? encoder.encode(self)).map(Array.init) ?? []) + [0x0A]
    }
}
