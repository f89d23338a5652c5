import Foundation

/// A category page of the demo shop and what people type to find it.
struct CatalogCategory: Sendable, Equatable {
    /// The `product.category` value and the `/category/<slug>` path.
    var slug: String
    /// The label of the navigation link, as a click's `element.text`.
    var title: String
    /// Search box queries (Vietnamese, some typed without diacritics as people do).
    var searchQueries: [String]

    var urlPath: String { "/category/" + slug }

    /// `/search?q=…` with the query percent-encoded as a browser sends it.
    static func searchPath(_ query: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let words = query.split(separator: " ").map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return "/search?q=" + words.joined(separator: "+")
    }

    static let demo: [CatalogCategory] = [
        .init(slug: "keyboard", title: "Bàn phím", searchQueries: ["bàn phím cơ", "ban phim aula", "bàn phím không dây", "bàn phím gaming"]),
        .init(slug: "mouse", title: "Chuột", searchQueries: ["chuột gaming", "chuot logitech", "chuột không dây", "chuột razer"]),
        .init(slug: "headset", title: "Tai nghe", searchQueries: ["tai nghe gaming", "tai nghe bluetooth", "tai nghe chống ồn", "tai nghe razer"]),
        .init(slug: "monitor", title: "Màn hình", searchQueries: ["màn hình 27 inch", "man hinh 144hz", "màn hình gaming", "màn hình 2k"]),
        .init(slug: "laptop", title: "Laptop", searchQueries: ["laptop gaming", "laptop văn phòng", "laptop asus", "laptop sinh viên"]),
        .init(slug: "chair", title: "Ghế", searchQueries: ["ghế công thái học", "ghe gaming", "ghế văn phòng"]),
        .init(slug: "speaker", title: "Loa", searchQueries: ["loa bluetooth", "loa vi tính", "loa jbl"]),
        .init(slug: "webcam", title: "Webcam", searchQueries: ["webcam", "webcam 1080p", "webcam livestream"]),
    ]
}
