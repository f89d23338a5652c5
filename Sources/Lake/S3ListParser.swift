import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a ListObjectsV2 response: the objects, and whether more pages follow.
final class S3ListParser: NSObject, XMLParserDelegate {
    private(set) var objects: [LakeObject] = []
    private(set) var isTruncated = false
    private var text = ""
    private var key: String?
    private var size: Int64 = 0
    private var modified: Date?
    private var etag: String?
    private var inContents = false

    static func parse(_ data: Data) throws -> (objects: [LakeObject], isTruncated: Bool) {
        let delegate = S3ListParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw LakeError.io(operation: "list", key: "", message: "unreadable ListObjectsV2 response: \(parser.parserError?.localizedDescription ?? "?")")
        }
        return (delegate.objects, delegate.isTruncated)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        if name == "Contents" {
            inContents = true
            key = nil; size = 0; modified = nil; etag = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "Key" where inContents: key = text
        case "Size" where inContents: size = Int64(text) ?? 0
        case "LastModified" where inContents:
            modified = HTTPDate.parseISO8601(text) ?? ISO8601DateFormatter().date(from: text)
        case "ETag" where inContents: etag = HTTPDate.unquoted(text)
        case "IsTruncated": isTruncated = text == "true"
        case "Contents":
            inContents = false
            if let key {
                objects.append(LakeObject(key: key, size: size, lastModified: modified ?? Date(timeIntervalSince1970: 0), etag: etag))
            }
        default: break
        }
    }
}
