import Foundation

/// Temporary C string arrays for libpq calls; the storage lives exactly as long as `body` runs.
enum CStringArray {
    static func with<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptional(strings.map { Optional($0) }, body)
    }

    /// `nil` elements stay null pointers (SQL NULL for parameters). A trailing null terminates the array.
    static func withOptional<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) } + [nil])
    }
}
