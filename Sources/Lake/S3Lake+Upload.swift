import Foundation
import Synchronization

extension S3Lake {
    /// A multipart upload (parts of at least `S3MultipartUpload.partSize`), which S3 shows under the key only
    /// once completed; an object smaller than one part is a single PUT at commit.
    public func startUpload(_ key: String, contentType: String) async throws -> any LakeUpload {
        S3MultipartUpload(lake: self, key: key, contentType: contentType)
    }
}

/// An S3 upload in progress. Bytes gather until a part's worth, then go up as the next part; the upload is
/// created with the first part. Killed before completing, it stays invisible (an AbortIncompleteMultipartUpload
/// lifecycle rule on the bucket removes its parts).
final class S3MultipartUpload: LakeUpload {
    /// S3's minimum for every part but the last is 5 MiB.
    static let partSize = 8 << 20

    private struct State {
        var pending: [UInt8] = []
        var uploadID: String?
        var parts: [(number: Int, etag: String)] = []
        var isClosed = false
    }

    let key: String
    private let lake: S3Lake
    private let contentType: String
    private let state = Mutex(State())

    init(lake: S3Lake, key: String, contentType: String) {
        self.lake = lake
        self.key = key
        self.contentType = contentType
    }

    func write(_ bytes: [UInt8]) async throws {
        let part: [UInt8]? = try state.withLock { state in
            guard !state.isClosed else { throw LakeError.io(operation: "write", key: key, message: "the upload is closed") }
            state.pending.append(contentsOf: bytes)
            guard state.pending.count >= Self.partSize else { return nil }
            defer { state.pending = [] }
            return state.pending
        }
        if let part { try await upload(part) }
    }

    func commit() async throws {
        let (rest, uploadID) = state.withLock { state in
            state.isClosed = true
            defer { state.pending = [] }
            return (state.pending, state.uploadID)
        }
        guard uploadID != nil else {
            try await lake.put(key, bytes: rest, contentType: contentType)
            return
        }
        if !rest.isEmpty { try await upload(rest) }
        let (id, parts) = state.withLock { ($0.uploadID ?? "", $0.parts) }
        let body = "<CompleteMultipartUpload>" + parts.map {
            "<Part><PartNumber>\($0.number)</PartNumber><ETag>\"\($0.etag)\"</ETag></Part>"
        }.joined() + "</CompleteMultipartUpload>"
        let (data, _) = try await lake.send("POST", key: key, query: [URLQueryItem(name: "uploadId", value: id)],
                                            body: Array(body.utf8), headers: ["content-type": "application/xml"],
                                            operation: "complete upload")
        // S3 may answer 200 and put the failure in the body.
        if let code = S3Lake.element("Code", in: data) {
            throw LakeError.io(operation: "complete upload", key: key, message: "S3 answered \(code): \(S3Lake.element("Message", in: data) ?? "")")
        }
    }

    func abort() async {
        let uploadID = state.withLock { state in
            state.isClosed = true
            state.pending = []
            return state.uploadID
        }
        guard let uploadID else { return }
        _ = try? await lake.send("DELETE", key: key, query: [URLQueryItem(name: "uploadId", value: uploadID)], operation: "abort upload")
    }

    /// Sends the next part, creating the upload first when this is the first one.
    private func upload(_ part: [UInt8]) async throws {
        var uploadID = state.withLock { $0.uploadID }
        if uploadID == nil {
            let (data, _) = try await lake.send("POST", key: key, query: [URLQueryItem(name: "uploads", value: "")],
                                                headers: ["content-type": contentType], operation: "create upload")
            guard let created = S3Lake.element("UploadId", in: data) else {
                throw LakeError.io(operation: "create upload", key: key, message: "S3 gave no UploadId")
            }
            state.withLock { $0.uploadID = created }
            uploadID = created
        }
        let number = state.withLock { $0.parts.count + 1 }
        let (_, response) = try await lake.send("PUT", key: key, query: [
            URLQueryItem(name: "partNumber", value: String(number)), URLQueryItem(name: "uploadId", value: uploadID ?? ""),
        ], body: part, operation: "upload part")
        let etag = HTTPDate.unquoted(response.value(forHTTPHeaderField: "ETag") ?? "")
        state.withLock { $0.parts.append((number, etag)) }
    }
}
