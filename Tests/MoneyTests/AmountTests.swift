import Money
import Testing

@Suite("Exact amounts of any size: parse, add, subtract, print")
struct AmountTests {
    static let e400 = "1" + String(repeating: "0", count: 400)
    static let eMinus400 = "0." + String(repeating: "0", count: 399) + "1"

    @Test("PostgreSQL's numeric text and literals read back exactly, trailing zeros dropped")
    func readsExactly() throws {
        let cases: [(String, String)] = [
            ("1990000", "1990000"), ("19.90", "19.9"), ("-0.5", "-0.5"), ("0", "0"), ("-0", "0"), ("1e400", Self.e400),
            ("1e-400", Self.eMinus400), ("100000000000000000000", "100000000000000000000"),
            ("0.1234567890123456789012345678901234567890123", "0.1234567890123456789012345678901234567890123"),
            ("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"),
        ]
        for (text, description) in cases {
            #expect(Amount(text)?.description == description, "\(text)")
        }
        #expect(Amount("abc") == nil)
        #expect(Amount("1e999999") == nil)  // past numeric's own range: nothing PostgreSQL prints
    }

    @Test("sums stay exact past Int128 and Double, and mixed sizes add digit for digit")
    func addsExactly() throws {
        let big = try #require(Amount("1e400")), tiny = try #require(Amount("1e-400"))
        #expect((big + tiny).description == Self.e400 + String(Self.eMinus400.dropFirst()))
        #expect((big + tiny - big) == tiny)
        #expect((big - big).description == "0")
        let nearMax = try #require(Amount("17014118346046923173168730371588410.5"))
        #expect((nearMax + nearMax).description == "34028236692093846346337460743176821")
        #expect((try #require(Amount("0.1")) + (try #require(Amount("0.2")))).description == "0.3")
        #expect((Amount(5) - Amount(7)).description == "-2")
        #expect(try #require(Amount("-1e400")) + big == .zero)
    }

    @Test("NaN and the infinities absorb sums as PostgreSQL's numeric does")
    func nonFiniteSums() throws {
        let nan = try #require(Amount("NaN")), infinity = try #require(Amount("Infinity"))
        #expect((nan + Amount(1)).description == "NaN")
        #expect((infinity + Amount(1)).description == "Infinity")
        #expect((infinity + (try #require(Amount("-Infinity")))).description == "NaN")
        #expect(!infinity.isFinite && Amount(1).isFinite)
    }

    @Test("ratios come out right even when both amounts are beyond Double's range")
    func ratios() throws {
        #expect(Amount.ratio(Amount(3), Amount(4)) == 0.75)
        #expect(Amount.ratio(try #require(Amount("2e400")), try #require(Amount("1e400"))) == 2)
        #expect(Amount.ratio(Amount(1), .zero) == nil)
        #expect(Amount.ratio(try #require(Amount("1e400")), try #require(Amount("1e-400"))) == nil)
        #expect(try #require(Amount("1e400")).doubleValue == .infinity)
        #expect(try #require(Amount("19.9")).doubleValue == 19.9)
    }
}
