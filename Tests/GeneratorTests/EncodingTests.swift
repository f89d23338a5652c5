import Foundation
import Testing
@testable import Generator

@Suite("JSON writing and time formatting")
struct EncodingTests {
    @Test("strings are escaped per RFC 8259 and UTF-8 passes through")
    func stringEscaping() throws {
        let tricky = "Tai nghe <Razer> & \"BlackShark\" \\ tab\t line\n\r bell\u{07} đ 🎧"
        var json = JSONWriter()
        json.beginObject()
        json.string("text", tricky)
        json.string("none", nil)
        json.int("price", 1_990_000)
        json.beginObject("nested")
        json.bool("flag", false)
        json.endObject()
        json.endObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text.contains(#"\"BlackShark\" \\ tab\t line\n\r bell\u0007 đ 🎧"#))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(decoded["text"] as? String == tricky)
        #expect(decoded["none"] is NSNull)
        #expect(decoded["price"] as? Int == 1_990_000)
        #expect((decoded["nested"] as? [String: Any])?["flag"] as? Bool == false)
    }

    @Test("receipt times format like ISO8601DateFormatter with milliseconds, before and after 1970")
    func civilTimeMatchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SeededRandom(seed: 3)
        let samples: [Int64] = [0, -1, 951_782_400_000, 1_765_022_399_999, 4_107_542_400_123]
            + (0..<500).map { _ in Int64(random.int(below: 4_000_000_000_000)) - 500_000_000_000 }
        for millis in samples {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
            #expect(CivilTime(milliseconds: millis).iso8601 == expected)
        }
    }

    @Test("product slugs are lowercase ASCII, đ becomes d")
    func slugsAreASCII() {
        #expect(CatalogProduct.slug("Bàn phím AULA M75 TM") == "ban-phim-aula-m75-tm")
        #expect(CatalogProduct.slug("Chuột Logitech G102") == "chuot-logitech-g102")
        #expect(CatalogProduct.slug("Ghế gaming E-Dra Hercules") == "ghe-gaming-e-dra-hercules")
        #expect(CatalogProduct.slug("Đồng hồ điện tử") == "dong-ho-dien-tu")
        let paths = Catalog().products.map(\.urlPath)
        #expect(Set(paths).count == paths.count)
        #expect(paths.allSatisfy { $0.utf8.allSatisfy { $0 < 128 && $0 != UInt8(ascii: " ") } })
    }

    @Test("the catalog has about 60 products over 8 categories and about 15 brands, unique ids")
    func catalogShape() {
        let products = Catalog().products
        #expect((55...65).contains(products.count))
        #expect(Set(products.map(\.category)).count == 8)
        #expect((14...17).contains(Set(products.map(\.brand)).count))
        #expect(Set(products.map(\.id)).count == products.count)
        #expect(products.allSatisfy { ($0.discountPrice ?? 0) < $0.price && $0.price % 1_000 == 0 })
    }
}
