import Crypto
import Foundation

/// Name-based UUIDs, version 5 (SHA-1), per RFC 9562 §5.5: the same name always gives the same id.
public enum UUIDv5 {
    /// The namespace for ids of records that carry no valid uuid of their own. Never change it:
    /// every id already loaded was derived from it, and a replay must find the same ids.
    public static let eventNamespace = UUID(uuid: (
        0xDA, 0xD3, 0x81, 0xD5, 0x69, 0xEE, 0x44, 0x5D, 0x9F, 0x6F, 0x02, 0xF3, 0x2A, 0xF0, 0x27, 0xCC
    ))

    public static func make(namespace: UUID, name: String) -> UUID {
        var hasher = Insecure.SHA1()
        let space = namespace.uuid
        hasher.update(data: [
            space.0, space.1, space.2, space.3, space.4, space.5, space.6, space.7,
            space.8, space.9, space.10, space.11, space.12, space.13, space.14, space.15,
        ])
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }

    /// The id of a record without a valid uuid: v5 of "<objectKey>\n<etag>\n<position>".
    public static func eventID(objectKey: String, etag: String, position: Int) -> UUID {
        make(namespace: eventNamespace, name: "\(objectKey)\n\(etag)\n\(position)")
    }
}
