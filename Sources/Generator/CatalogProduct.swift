import Foundation

/// One product of the demo shop, as the frontend describes it in a `product{…}` block.
struct CatalogProduct: Sendable, Equatable {
    var id: String
    var name: String
    var category: String
    var brand: String
    /// List price in VND.
    var price: Int
    /// Sale price in VND, nil when the product is not on sale.
    var discountPrice: Int?
    /// `/product/<slug>`, the slug being the name without diacritics.
    var urlPath: String

    init(id: String, name: String, category: String, brand: String, price: Int, discountPrice: Int? = nil) {
        self.id = id
        self.name = name
        self.category = category
        self.brand = brand
        self.price = price
        self.discountPrice = discountPrice
        self.urlPath = "/product/" + CatalogProduct.slug(name)
    }

    /// What the customer pays for one unit.
    var sellingPrice: Int { discountPrice ?? price }

    /// "Bàn phím AULA M75 TM" → "ban-phim-aula-m75-tm". `đ` is a letter of its own in
    /// Unicode (not d plus a mark), so diacritic folding leaves it and it is mapped by hand.
    static func slug(_ name: String) -> String {
        let folded = name
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased()
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}
