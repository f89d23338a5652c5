import Foundation
import Analytics

/// The representation `?format=` asks for: the JSON envelope (default) or RFC 4180 CSV of the data.
enum APIFormat: String, Sendable, CaseIterable {
    case json
    case csv

    /// Reads `format` from the query; absent or empty means JSON. Anything else, or a format the
    /// metric has no table for, is a 400 naming `format`.
    init(queryValue: String?, for metric: APIMetric) throws(FilterError) {
        let text = (queryValue ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard let format = text.isEmpty ? .json : APIFormat(rawValue: text) else {
            throw FilterError(parameter: "format", message: "format must be json or csv.")
        }
        guard metric.formats.contains(format) else {
            let allowed = metric.formats.map(\.rawValue).joined(separator: " or ")
            throw FilterError(parameter: "format", message: "\(metric.rawValue) is available as \(allowed) only.")
        }
        self = format
    }
}
