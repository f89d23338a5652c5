import Enrichment
import Foundation
import Gzip
import Lake

/// Turns an object's bytes into canonical events: gunzip, frame, decode each record.
public enum ObjectDecoder {
    /// Decompressed objects larger than this are refused whole (`invalid_gzip`): memory stays bounded.
    public static let maxDecompressedBytes = 512 << 20
    /// Plain objects larger than this are refused whole, unread (`record_too_large`), for the same reason;
    /// it also keeps every offset within a token tape's 32 bits.
    public static let maxObjectBytes = maxDecompressedBytes

    public static func decode(_ blob: LakeBlob, now: EventTimestamp, enrichment: EnrichmentSettings = .off) -> DecodedObject {
        var decoded = DecodedObject(key: blob.key, etag: blob.etag, sizeBytes: Int64(blob.bytes.count))
        var bytes = blob.bytes
        if bytes.count > maxObjectBytes {  // listed smaller, grown since
            decoded.rejects.append(tooLargeReject(size: Int64(bytes.count)))
            return decoded
        }
        // The magic bytes decide; a `.gz` name on plain bytes is read as plain rather than lost.
        if Gzip.isGzip(bytes) {
            do {
                bytes = try Gzip.decompress(bytes, maxOutput: maxDecompressedBytes)
            } catch {
                decoded.rejects.append(RecordReject(position: 0, reason: .invalidGzip, detail: "cannot gunzip: \(error)",
                                                    excerpt: ""))
                return decoded
            }
        }
        let framed = RecordFramer.frame(bytes)
        let context = RecordContext(objectKey: blob.key, etag: blob.etag, lastModified: EventTimestamp(blob.lastModified), now: now,
                                    addressRetention: enrichment.addressRetention)
        decoded.rejects = framed.rejects
        decoded.events.reserveCapacity(framed.records.count)
        var session = enrichment.enricher.map { EnrichmentSession($0) }
        for record in framed.records {
            switch EventDecoder.decode(record, context: context) {
            case .success(var event):
                if !event.unknownFields.isEmpty {
                    decoded.tally(event.unknownFields, dialect: event.dialect)
                    event.unknownFields = []
                }
                session?.enrich(&event)
                event.sourceIP = nil
                decoded.events.append(event)
            case .failure(let rejection):
                let excerpt = record.rawRange.map { RecordReject.excerpt(of: bytes, in: $0) }
                    ?? record.tape.excerpt(record.root)
                decoded.rejects.append(RecordReject(position: record.position, reason: rejection.reason,
                                                    detail: RecordReject.sanitized(rejection.detail), excerpt: excerpt))
            }
        }
        decoded.rejects.sort { $0.position < $1.position }
        return decoded
    }

    /// An object listed larger than `maxObjectBytes`: refused without reading it.
    public static func tooLarge(_ object: LakeObject) -> DecodedObject {
        var decoded = DecodedObject(key: object.key, etag: object.etag, sizeBytes: object.size)
        decoded.rejects = [tooLargeReject(size: object.size)]
        return decoded
    }

    private static func tooLargeReject(size: Int64) -> RecordReject {
        RecordReject(position: 0, reason: .recordTooLarge,
                     detail: "object of \(size) bytes exceeds \(maxObjectBytes >> 20) MiB; split it into smaller objects",
                     excerpt: "")
    }

    /// A local lake entry that is no regular file: refused unread (never followed), ledgered like any
    /// object, so it is recorded once and not again on every run.
    public static func notRegularFile(_ object: LakeObject, kind: String) -> DecodedObject {
        var decoded = DecodedObject(key: object.key, etag: object.etag, sizeBytes: object.size)
        decoded.rejects = [RecordReject(position: 0, reason: .notARegularFile,
                                        detail: "a \(kind), not a regular file: it is not read or followed", excerpt: "")]
        return decoded
    }

    /// An object that could not be read from the lake: explained now, retried next run.
    public static func unreadable(_ object: LakeObject, error: any Error) -> DecodedObject {
        var decoded = DecodedObject(key: object.key, etag: object.etag, sizeBytes: object.size)
        decoded.isRetryable = true
        decoded.rejects = [RecordReject(position: 0, reason: .unreadableObject,
                                        detail: RecordReject.sanitized("cannot read the object: \(error)"), excerpt: "")]
        return decoded
    }
}
