import Foundation
import Money

/// The amount fields (prices, discount prices, order totals) of every dialect, at the paths the loader
/// reads them from, each checked against `AmountRule` (the loader's own rule): an event the loader would
/// refuse as `bad_number` gets a 400 naming the field now, not a reject an hour later. Every path
/// present is checked, also one the loader would not read for that event (a second spelling, a
/// dataset total outside checkout_complete): an amount is an amount wherever it is sent.
enum AmountFields {
    static let paths: [[StaticString]] = [
        ["orderTotal"], ["order_total"],
        ["product", "price"], ["product", "discountPrice"],
        ["context_product", "product_price"], ["context_product", "product_discount_price"],
        ["context_product_price"], ["context_product_discount_price"],
        ["element", "dataset", "total"], ["element", "dataset", "orderTotal"], ["element", "dataset", "order_total"],
        ["additional_data", "price"], ["additional_data", "order_total"],
        ["metadata", "price"], ["metadata", "discount_price"], ["metadata", "order_total"],
    ]

    /// Throws `badAmount` for the first amount of event `position` that breaks the rule.
    static func check(_ body: [UInt8], _ members: [JSONScanner.Member], position: Int) throws(CollectorError) {
        for path in paths {
            try check(body, members, path[...], field: "", position: position)
        }
    }

    private static func check(_ body: [UInt8], _ members: [JSONScanner.Member], _ path: ArraySlice<StaticString>,
                              field: String, position: Int) throws(CollectorError) {
        guard let key = path.first else { return }
        let field = field.isEmpty ? "\(key)" : "\(field).\(key)"
        for member in members where JSONScanner.equals(body, member.rawKey, key) {
            if path.count == 1 {
                try checkValue(body, member.value, field: field, position: position)
            } else if body[member.value.lowerBound] == UInt8(ascii: "{"),
                      let nested = try? JSONScanner.items(in: body, member.value).items.first?.members {
                try check(body, nested, path.dropFirst(), field: field, position: position)
            }
        }
    }

    /// As the loader reads an amount: a number, or a string holding one (spaces trimmed; "" and null are
    /// no amount).
    private static func checkValue(_ body: [UInt8], _ value: Range<Int>, field: String, position: Int) throws(CollectorError) {
        let literal: String
        switch body[value.lowerBound] {
        case UInt8(ascii: "n"): return
        case UInt8(ascii: "\""):
            literal = (JSONScanner.string(in: body, value) ?? "").trimmingCharacters(in: .whitespaces)
            if literal.isEmpty { return }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            literal = String(decoding: body[value], as: UTF8.self)
        default:
            throw .badAmount(position: position, field: field, problem: "is not a number")
        }
        do throws(AmountRule.Violation) {
            _ = try AmountRule.check(literal)
        } catch {
            let shown = literal.count > 40 ? literal.prefix(40) + "…" : literal
            throw .badAmount(position: position, field: field, problem: "\(shown) \(error)")
        }
    }
}
