import Foundation
import Testing
@testable import Generator

@Suite("Traffic mix and shape")
struct TrafficShapeTests {
    static let objects: [GeneratedObject] = (try? Fixtures.objects(events: 30_000)) ?? []

    func counts() -> [String: Int] {
        Self.objects.reduce(into: [:]) { $0[$1.eventName, default: 0] += 1 }
    }

    @Test("the event mix is funnel-shaped, with realistic conversion between steps")
    func eventMixIsFunnelShaped() {
        let count = counts()
        let names = EventName.allCases.map(\.rawValue)
        #expect(Self.objects.count == 30_000)
        #expect(names.map { count[$0] ?? 0 } == names.map { count[$0] ?? 0 }.sorted(by: >), "\(count)")
        let views = Double(count["product_view"] ?? 0)
        let carts = Double(count["add_to_cart_click"] ?? 0)
        let starts = Double(count["checkout_start"] ?? 0)
        let completes = Double(count["checkout_complete"] ?? 0)
        #expect(completes > 0)
        #expect((0.07...0.13).contains(carts / views), "add to cart / product views = \(carts / views)")
        #expect((0.35...0.65).contains(starts / carts), "checkout start / add to cart = \(starts / carts)")
        #expect((0.45...0.75).contains(completes / starts), "complete / start = \(completes / starts)")
    }

    @Test("the evening peak is several times the night trough, in Ho Chi Minh City time")
    func eveningPeakAndNightTrough() {
        var byLocalHour = [Int](repeating: 0, count: 24)
        for object in Self.objects {
            let millis = Int64(object.receivedAt.timeIntervalSince1970 * 1000)
            byLocalHour[CivilTime(milliseconds: millis, offsetSeconds: 7 * 3600).hour] += 1
        }
        let evening = byLocalHour[20] + byLocalHour[21]
        let night = byLocalHour[3] + byLocalHour[4]
        #expect(evening > 8 * night, "\(byLocalHour)")
        #expect(byLocalHour[12] > byLocalHour[15], "lunch bump: \(byLocalHour)")
    }

    @Test("weekends are busier than weekdays, and the last week busier than the first")
    func weekendsAndGrowth() {
        var byWeekday = [Int](repeating: 0, count: 7)
        var firstWeek = 0
        var lastWeek = 0
        let end = Fixtures.end.timeIntervalSince1970
        for object in Self.objects {
            let seconds = object.receivedAt.timeIntervalSince1970
            let local = CivilTime(milliseconds: Int64(seconds * 1000), offsetSeconds: 7 * 3600)
            byWeekday[local.weekday] += 1
            guard local.day != local.month else { continue }   // the 11/11 sale would hide the trend
            if seconds < end - 23 * 86_400 { firstWeek += 1 }
            if seconds >= end - 7 * 86_400 { lastWeek += 1 }
        }
        let weekend = Double(byWeekday[0] + byWeekday[6]) / 2
        let weekday = Double(byWeekday[1...5].reduce(0, +)) / 5
        #expect(weekend > weekday * 1.1, "\(byWeekday)")
        #expect(Double(lastWeek) > Double(firstWeek) * 1.1, "first week \(firstWeek), last week \(lastWeek)")
    }

    @Test("a client's first session is its earliest and the only one marked isFirstVisit")
    func firstVisitIsTheEarliestSession() throws {
        var sessions: [String: [String: (first: Date, isFirstVisit: Bool)]] = [:]
        var loginStates: [String: Int] = [:]
        for object in Self.objects.prefix(8_000) {
            let payload = try Fixtures.payload(object)
            let client = try #require(payload["clientId"] as? String)
            let session = try #require(payload["sessionId"] as? String)
            let isFirst = try #require(payload["isFirstVisit"] as? Bool)
            let known = sessions[client, default: [:]][session]
            sessions[client, default: [:]][session] = (min(known?.first ?? object.receivedAt, object.receivedAt), isFirst)
            loginStates[payload["userLoginState"] as? String ?? "missing", default: 0] += 1
            if payload["userLoginState"] as? String == "logged_in" {
                #expect((payload["userId"] as? String)?.hasPrefix("user_") == true)
                #expect(["clerk_google", "clerk_email", "clerk_facebook"].contains(payload["identitySource"] as? String ?? ""))
            } else {
                #expect(payload["userId"] is NSNull)
            }
        }
        let returning = sessions.values.filter { $0.count > 1 }
        #expect(returning.count > 50)
        for visits in sessions.values {
            let ordered = visits.values.sorted { $0.first < $1.first }
            #expect(ordered.first?.isFirstVisit == true)
            #expect(ordered.dropFirst().allSatisfy { !$0.isFirstVisit })
        }
        #expect((loginStates["anonymous"] ?? 0) > (loginStates["logged_in"] ?? 0))
        #expect((loginStates["logged_in"] ?? 0) > (loginStates["missing"] ?? 0))
        #expect((loginStates["missing"] ?? 0) > 0)
    }

    @Test("product popularity is skewed: the best seller is viewed far more than the median product")
    func popularityIsSkewed() {
        var views: [String: Int] = [:]
        for object in Self.objects where object.eventName == "product_view" {
            let text = String(decoding: object.bytes, as: UTF8.self)
            guard let range = text.range(of: "\"product\":{\"id\":\"") else { continue }
            let id = text[range.upperBound...].prefix { $0 != "\"" }
            views[String(id), default: 0] += 1
        }
        let sorted = views.values.sorted(by: >)
        #expect(views.count >= 50)
        #expect(sorted[0] > 5 * sorted[sorted.count / 2], "\(sorted)")
    }
}
