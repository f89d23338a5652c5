import Analytics
@testable import Dashboard
import Foundation
import HTTP
import Testing

@Suite("CSV, Prometheus text, query keys, the response cache, trend periods, deadlines")
struct APIPartsTests {
    @Test("CSV quotes what needs quoting, doubles quotes, ends lines with CRLF and defuses formulas")
    func csv() {
        var table = CSVTable(header: ["name", "n", "x", "price"])
        table.append([.text("plain"), .integer(1), .number(0.25), .decimal("19.90")])
        table.append([.text("a,b \"c\"\nd"), .integer(nil), .number(3), .decimal("-5")])
        table.append([.text("=HYPERLINK(\"x\")"), .integer(-2), .number(nil), .decimal("=1+1")])
        #expect(String(decoding: table.bytes(), as: UTF8.self) == """
            name,n,x,price\r
            plain,1,0.25,19.90\r
            "a,b ""c""
            d",,3,-5\r
            "'=HYPERLINK(""x"")",-2,,'=1+1\r

            """)
    }

    @Test("CSV defuses formulas behind leading whitespace or control characters, and a leading tab, CR, LF or NUL alone")
    func csvFormulaGuardSeesThroughLeadingWhitespace() {
        let guarded = [" =1+1", "  +1", "\t-1", "\r@SUM(A1)", "\n=cmd", "\r\n=1", "\u{A0}=1", "|cmd", " |cmd",
                       "\t", "\tplain", "\rplain", "\nplain", "\0plain", "\u{1}=1"]
        for text in guarded {
            #expect(CSVTable.guardFormula(text) == "'" + text, "\(text.debugDescription)")
        }
        for text in ["plain", " plain", "a=b", "1+1", "", " ", "'quoted"] {
            #expect(CSVTable.guardFormula(text) == text, "\(text.debugDescription)")
        }
        var table = CSVTable(header: ["name"])
        table.append([.text(" =HYPERLINK(\"x\")")])
        table.append([.text("\n@SUM(A1)")])
        #expect(String(decoding: table.bytes(), as: UTF8.self) == "name\r\n\"' =HYPERLINK(\"\"x\"\")\"\r\n\"'\n@SUM(A1)\"\r\n")
    }

    @Test("Prometheus label values and help text are escaped")
    func prometheusEscaping() {
        var text = PrometheusText()
        text.family("m", .gauge, help: "a\\b\nc")
        text.sample("m", [("route", "a\"b\\c\nd")], 1.5)
        text.sample("m", [], 3)
        #expect(text.text == "# HELP m a\\\\b\\nc\n# TYPE m gauge\nm{route=\"a\\\"b\\\\c\\nd\"} 1.5\nm 3\n")
        #expect(PrometheusText.format(.infinity) == "+Inf")
    }

    @Test("the query key is the resolved view: order and spelled-out defaults do not change it")
    func queryKeyNormalizes() throws {
        let now = Date(timeIntervalSince1970: 1_765_000_000)
        let rules = FilterRules()
        let a = try Filters(queryItems: [("tz", "UTC"), ("brand", "AULA")], rules: rules, now: now)
        let b = try Filters(queryItems: [("brand", "AULA"), ("from", a.fromText), ("to", a.toText), ("tz", "")], rules: rules, now: now)
        let c = try Filters(queryItems: [("brand", "AULA"), ("tz", "Asia/Tokyo")], rules: rules, now: now)
        let key = { (filters: Filters) in QueryKey(resource: "summary", format: "json", filters: filters, cursor: nil) }
        #expect(key(a) == key(b))
        #expect(key(a) != key(c))
        #expect(key(a).entityTag(dataVersion: 7) == key(b).entityTag(dataVersion: 7))
        #expect(key(a).entityTag(dataVersion: 7) != key(a).entityTag(dataVersion: 8))
        #expect(key(a).entityTag(dataVersion: 7).hasPrefix("W/\"7-"))
        #expect(QueryKey.hexHash("").count == 32)
    }

    @Test("the response cache evicts the least recently used entry and respects its byte budget")
    func lruCache() {
        let cache = ResponseCache(maxEntries: 2, maxBytes: 1_000)
        let entry = { (size: Int) in ResponseCache.Entry(body: [UInt8](repeating: 1, count: size), contentType: "x", contentEncoding: nil, headers: []) }
        cache.store(entry(10), for: "a")
        cache.store(entry(10), for: "b")
        #expect(cache.value(for: "a") != nil)  // a is now the most recent
        cache.store(entry(10), for: "c")
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") != nil)
        #expect(cache.value(for: "c") != nil)
        cache.store(entry(400), for: "too-big")  // more than a quarter of the budget: not kept
        #expect(cache.value(for: "too-big") == nil)
        cache.store(entry(240), for: "d")
        cache.store(entry(240), for: "e")
        #expect(cache.statistics.entries == 2)
        #expect(cache.statistics.bytes == 480)
        let off = ResponseCache(maxEntries: 0, maxBytes: 1_000)
        off.store(entry(1), for: "a")
        #expect(off.value(for: "a") == nil)
    }

    @Test("trend periods cover the range exactly in whole local days, also across a DST change")
    func trendPeriods() throws {
        let rules = FilterRules()
        let month = try Filters(queryItems: [("from", "2025-03-01"), ("to", "2025-03-31"), ("tz", "Europe/London")], rules: rules)
        let periods = KPITrend.periods(month, maxPoints: 14)
        #expect(periods.count == 14)
        #expect(periods.first?.filters.start == month.start)
        #expect(periods.last?.filters.end == month.end)
        for (previous, next) in zip(periods, periods.dropFirst()) { #expect(previous.filters.end == next.filters.start) }
        #expect(periods.first?.label == "1 Mar – 3 Mar")
        #expect(periods.last?.label == "30 Mar – 31 Mar")
        let day = try Filters(queryItems: [("from", "2025-12-06"), ("to", "2025-12-06"), ("tz", "Asia/Kathmandu")], rules: rules)
        let hours = KPITrend.periods(day, maxPoints: 12)
        #expect(hours.count == 12)
        #expect(hours.first?.label == "6 Dec 00:00–02:00")
        #expect(hours.last?.label == "6 Dec 22:00–24:00")
        let week = try Filters(queryItems: [("from", "2025-12-01"), ("to", "2025-12-07")], rules: rules)
        #expect(KPITrend.periods(week, maxPoints: 14).map(\.label).first == "1 Dec")
        #expect(KPITrend.periods(week, maxPoints: 0).isEmpty)
    }

    @Test("a deadline returns nil when the work is late, and the work's value when it is not")
    func deadline() async {
        let late = await Deadline(after: .milliseconds(100)).run { () async -> Int in
            try? await Task.sleep(for: .seconds(5))
            return 1
        }
        #expect(late == nil)
        let prompt = await Deadline(after: .seconds(5)).run { () async -> Int in 2 }
        #expect(prompt == 2)
    }

    @Test("Accept-Encoding is read as the server reads it")
    func contentCoding() {
        let coding = { (value: String?) in
            ContentCoding(HTTPRequest(target: "/", headers: value.map { ["Accept-Encoding": $0] } ?? [:]))
        }
        #expect(coding(nil).encoding(forSize: 5_000) == nil)
        #expect(coding("gzip").encoding(forSize: 5_000) == "gzip")
        #expect(coding("gzip").encoding(forSize: 100) == nil)
        #expect(coding("gzip;q=0, deflate").encoding(forSize: 5_000) == nil)
        #expect(coding("*").encoding(forSize: 5_000) == "gzip")
        #expect(coding("gzip, identity;q=0").encoding(forSize: 10) == "gzip")
        #expect(coding("gzip").variant != coding("deflate").variant)
    }
}
