/// Where visits come from, with rough Vietnamese shares: the referrer the browser sends and the campaign tags
/// (UTM, ad click ids) on the landing URL, so every channel of the enrichment has traffic to show.
enum TrafficSources {
    struct Source: Sendable {
        var share: Double
        var referrer: String?
        /// Appended to the landing page's URL (`?utm_source=…`), or nil.
        var query: String?
    }

    static let weighted: [Source] = [
        Source(share: 0.24, referrer: "https://www.google.com/"),
        Source(share: 0.06, referrer: "https://www.google.com.vn/"),
        Source(share: 0.06, referrer: "https://www.google.com/",
               query: "?utm_source=google&utm_medium=cpc&utm_campaign=ban-phim-co&utm_term=ban+phim+co&gclid=Cj0KCQiA"),
        Source(share: 0.03, referrer: "https://coccoc.com/search?query=ban+phim"),
        Source(share: 0.02, referrer: "https://www.bing.com/"),
        Source(share: 0.10, referrer: "https://m.facebook.com/"),
        Source(share: 0.05, referrer: "https://l.facebook.com/",
               query: "?utm_source=facebook&utm_medium=paid_social&utm_campaign=sale-cuoi-nam&utm_content=carousel&fbclid=IwAR2x"),
        Source(share: 0.06, referrer: "https://www.tiktok.com/"),
        Source(share: 0.04, referrer: "https://zalo.me/", query: "?utm_source=zalo&utm_medium=social&utm_campaign=oa-weekly"),
        Source(share: 0.02, referrer: "https://www.youtube.com/"),
        Source(share: 0.03, referrer: nil, query: "?utm_source=newsletter&utm_medium=email&utm_campaign=tuan-49"),
        Source(share: 0.01, referrer: "https://mail.google.com/"),
        Source(share: 0.03, referrer: "https://tinhte.vn/thread/ban-phim-co.3712345/"),
        Source(share: 0.01, referrer: "https://voz.vn/t/gear-tho-may.998877/"),
        Source(share: 0.24, referrer: nil),
    ]

    static func pick(using random: inout SeededRandom) -> Source {
        var draw = random.unit() * weighted.reduce(0) { $0 + $1.share }
        for source in weighted {
            draw -= source.share
            if draw < 0 { return source }
        }
        return weighted[weighted.count - 1]
    }
}
