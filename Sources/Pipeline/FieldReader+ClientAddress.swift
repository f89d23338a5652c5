import Foundation
import Enrichment

extension FieldReader {
    // The keys of `ClientAddressFields`, as the literals FieldReader looks keys up by (a test keeps them equal).
    static let nestedAddressKeys: [FieldKey] = ["sourceIp", "source_ip"]
    static let topLevelAddressKeys: [FieldKey] = ["user_ip", "userIp", "source_ip", "sourceIp", "client_ip", "clientIp"]

    /// Takes the client's IP address out of `properties` wherever a payload carries one (`ClientAddressFields`):
    /// `ingest`'s members (the caller restores `ingest` afterwards), a kept `_client_ingest` block, and the
    /// top-level members (Kinesis `user_ip`). Under `.truncate` each address is put back as its /24 or /48 (a value
    /// that is no address is dropped, as nothing says what it holds). Returns the address geography should use:
    /// the collector's, else the payload's own; never the client-sent block's (it is not trusted).
    mutating func takeClientAddresses(ingest: inout FieldReader, retention: AddressRetention) -> String? {
        let received = ingest.takeAddresses(Self.nestedAddressKeys, retention: retention)
        if let block = value("_client_ingest"), tape.kind(block) == .object {
            consume("_client_ingest")
            var client = FieldReader(tape: tape, object: block, parentPath: path, key: "_client_ingest")
            _ = client.takeAddresses(Self.nestedAddressKeys, retention: retention)
            restore("_client_ingest", from: client)
        }
        let own = takeAddresses(Self.topLevelAddressKeys, retention: retention)
        return received ?? own
    }

    /// Consumes every member named one of `keys` (truncating it back in under `.truncate`); the first string value.
    private mutating func takeAddresses(_ keys: [FieldKey], retention: AddressRetention) -> String? {
        var first: String?
        for key in keys {
            guard let value = consume(key) else { continue }
            let text = tape.kind(value) == .string ? tape.text(value) : nil
            if first == nil, let text, !text.isEmpty { first = text }
            if retention == .truncate, let text, let address = IPAddress(text.trimmingCharacters(in: .whitespaces)) {
                replace(key, withText: address.truncated.description)
            }
        }
        return first
    }
}
