import Money
import Testing

@Suite("The intake rule for prices and totals: 0 ≤ value < 10^15, at most 4 decimal places")
struct AmountRuleTests {
    @Test("numbers within the rule are admitted with their warehouse text, decimals as written up to 4")
    func admitsAmountsWithinTheRule() throws {
        let cases: [(String, String)] = [
            ("1990000", "1990000"), ("19.90", "19.90"), ("0", "0"), ("-0", "0"), ("0.00", "0"), ("+5", "5"),
            ("1.99e6", "1990000"), ("1.5e-2", "0.015"), ("150e-2", "1.50"), ("1.2300000000", "1.2300"),
            ("999999999999999.9999", "999999999999999.9999"), ("0.0001", "0.0001"), ("1E3", "1000"),
            // A 50-digit integer is judged by its value like any other literal.
            (String(repeating: "0", count: 49) + "1", "1"),
            ("12.5000000000000000000000000000000000000000", "12.5000"),
        ]
        for (literal, text) in cases {
            #expect(try AmountRule.check(literal).text == text, "\(literal)")
        }
        #expect(try AmountRule.check("1.99e6").amount == Amount(1_990_000))
    }

    @Test("negative, too large, too precise and malformed literals are refused with the rule they break")
    func refusesWithTheReason() {
        let cases: [(String, AmountRule.Violation)] = [
            ("-5", .negative), ("-1e400", .negative), ("-0.01", .negative),
            ("1e15", .tooLarge), ("1000000000000000", .tooLarge), ("1e400", .tooLarge),
            ("1" + String(repeating: "0", count: 49), .tooLarge), ("1e999999999999999999", .tooLarge),
            ("0.00001", .tooManyDecimals), ("1e-400", .tooManyDecimals), ("1.23456", .tooManyDecimals),
            ("1.5e-4", .tooManyDecimals),
            ("", .notANumber), (".5", .notANumber), ("1.", .notANumber), ("1,990", .notANumber), ("NaN", .notANumber),
            ("Infinity", .notANumber), ("0x10", .notANumber), ("1e", .notANumber), ("--1", .notANumber), (" 1", .notANumber),
        ]
        for (literal, violation) in cases {
            #expect(throws: violation, "\(literal)") { try AmountRule.check(literal) }
        }
    }
}
