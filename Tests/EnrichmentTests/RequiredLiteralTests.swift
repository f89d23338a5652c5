@testable import Enrichment
import Testing

/// The literal prefilter may only skip regexes that cannot match: it must never require what a match can lack.
@Suite("Required literals of uap-core regexes")
struct RequiredLiteralTests {
    func runs(_ pattern: String, caseInsensitive: Bool = false) -> [String]? {
        RequiredLiteral(pattern: pattern, caseInsensitive: caseInsensitive)?.runs.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("top-level text and required groups give runs; alternations, optional groups and quantified atoms do not")
    func runsOfPatterns() {
        #expect(runs("Mozilla.{1,100}Mobile.{1,100}(AspiegelBot|PetalBot)") == ["Mozilla", "Mobile"])
        #expect(runs(#"(Apple\s?TV)"#) == ["Apple", "TV"])
        #expect(runs(#"(Firefox)/(\d+)\.(\d+)(?: Mobile)?"#) == ["Firefox"])
        #expect(runs(#"Version/(\d+)\.(\d+)(?:\.(\d+)|) Safari/"#) == ["Version/", " Safari/"])
        #expect(runs("colou?r") == ["colo"])
        #expect(runs("bots?/x") == ["bot", "/x"])
        #expect(runs(#"(?=Android)(Chrome)"#) == ["Chrome"])
        #expect(runs("(?:Chrome|Chromium)/") == nil)
    }

    @Test("what it cannot read, or a top-level alternation, gives no prefilter")
    func nothingProven() {
        #expect(runs("Chrome|Firefox") == nil)
        #expect(runs(#"\x41BC"#) == nil)
        #expect(runs("(?i)Chrome") == nil)
        #expect(runs(#"^.{0,100}(bot|crawl)"#) == nil)
    }

    @Test("case-insensitive rules compare lower-cased text")
    func caseInsensitive() throws {
        let literal = try #require(RequiredLiteral(pattern: "SamsungBrowser", caseInsensitive: true))
        let text = Array("mozilla/5.0 SAMSUNGBROWSER/26".utf8)
        #expect(literal.isContained(in: text, lowered: text.map(RequiredLiteral.lower)))
        let exact = try #require(RequiredLiteral(pattern: "SamsungBrowser", caseInsensitive: false))
        #expect(!exact.isContained(in: text, lowered: text.map(RequiredLiteral.lower)))
    }
}
