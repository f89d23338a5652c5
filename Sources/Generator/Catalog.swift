import Foundation

/// The demo shop's catalog: about 60 products over 8 categories and 16 brands, in
/// popularity order (the first is the best seller; draws follow a Zipf-like law).
struct Catalog: Sendable {
    let products: [CatalogProduct]
    let categories: [CatalogCategory]
    /// Products per category slug, in popularity order (for "related products").
    private let productsByCategory: [String: [CatalogProduct]]
    /// Cumulative Zipf weights over `products`, for binary-search sampling.
    private let cumulativeWeights: [Double]

    init(products: [CatalogProduct] = Catalog.demoProducts, categories: [CatalogCategory] = CatalogCategory.demo, zipfExponent: Double = 1.05) {
        self.products = products
        self.categories = categories
        productsByCategory = Dictionary(grouping: products, by: \.category)
        var total = 0.0
        cumulativeWeights = products.indices.map { rank in
            total += 1 / pow(Double(rank + 1), zipfExponent)
            return total
        }
    }

    /// A product drawn by popularity.
    func popularProduct(using random: inout SeededRandom) -> CatalogProduct? {
        guard let total = cumulativeWeights.last else { return nil }
        let target = random.unit() * total
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return products[low]
    }

    /// A product of the same category (a "related products" link), by popularity.
    func related(to product: CatalogProduct, using random: inout SeededRandom) -> CatalogProduct? {
        let siblings = (productsByCategory[product.category] ?? []).filter { $0.id != product.id }
        let rank = min(random.int(below: max(siblings.count, 1)), random.int(below: max(siblings.count, 1)))
        return siblings.isEmpty ? nil : siblings[rank]   // min of two uniform draws favours the top
    }

    /// A category page a visitor would browse for this product.
    func category(of product: CatalogProduct) -> CatalogCategory? {
        categories.first { $0.slug == product.category }
    }

    /// Ordered by popularity within the shop; prices in VND, sale prices where the shop runs one.
    static let demoProducts: [CatalogProduct] = [
        .init(id: "prod_aula_m75_tm", name: "Bàn phím AULA M75 TM", category: "keyboard", brand: "AULA", price: 1_990_000, discountPrice: 1_790_000),
        .init(id: "prod_logi_g102", name: "Chuột Logitech G102", category: "mouse", brand: "Logitech", price: 399_000),
        .init(id: "prod_razer_blackshark_v2x", name: "Tai nghe Razer BlackShark V2 X", category: "headset", brand: "Razer", price: 1_190_000, discountPrice: 990_000),
        .init(id: "prod_aula_f75", name: "Bàn phím cơ AULA F75", category: "keyboard", brand: "AULA", price: 1_290_000, discountPrice: 1_150_000),
        .init(id: "prod_lg_27gp850", name: "Màn hình LG UltraGear 27GP850 27 inch", category: "monitor", brand: "LG", price: 8_990_000, discountPrice: 8_490_000),
        .init(id: "prod_logi_g304", name: "Chuột không dây Logitech G304", category: "mouse", brand: "Logitech", price: 790_000, discountPrice: 690_000),
        .init(id: "prod_asus_tuf_f15", name: "Laptop ASUS TUF Gaming F15", category: "laptop", brand: "ASUS", price: 21_990_000, discountPrice: 19_990_000),
        .init(id: "prod_jbl_flip6", name: "Loa Bluetooth JBL Flip 6", category: "speaker", brand: "JBL", price: 2_990_000, discountPrice: 2_590_000),
        .init(id: "prod_sihoo_m57", name: "Ghế công thái học Sihoo M57", category: "chair", brand: "Sihoo", price: 2_990_000, discountPrice: 2_490_000),
        .init(id: "prod_logi_c270", name: "Webcam Logitech C270 HD", category: "webcam", brand: "Logitech", price: 590_000),
        .init(id: "prod_akko_5075b", name: "Bàn phím cơ Akko 5075B Plus", category: "keyboard", brand: "Akko", price: 2_190_000, discountPrice: 1_990_000),
        .init(id: "prod_hyperx_cloud3", name: "Tai nghe HyperX Cloud III", category: "headset", brand: "HyperX", price: 2_290_000, discountPrice: 1_990_000),
        .init(id: "prod_razer_da_v3", name: "Chuột Razer DeathAdder V3", category: "mouse", brand: "Razer", price: 1_890_000),
        .init(id: "prod_lenovo_loq15", name: "Laptop Lenovo LOQ 15", category: "laptop", brand: "Lenovo", price: 22_490_000, discountPrice: 20_990_000),
        .init(id: "prod_dareu_ek87", name: "Bàn phím cơ DareU EK87", category: "keyboard", brand: "DareU", price: 690_000, discountPrice: 590_000),
        .init(id: "prod_asus_vg249q1a", name: "Màn hình ASUS TUF VG249Q1A 24 inch", category: "monitor", brand: "ASUS", price: 3_790_000, discountPrice: 3_490_000),
        .init(id: "prod_jbl_go4", name: "Loa Bluetooth JBL Go 4", category: "speaker", brand: "JBL", price: 990_000),
        .init(id: "prod_edra_hercules", name: "Ghế gaming E-Dra Hercules", category: "chair", brand: "E-Dra", price: 3_290_000),
        .init(id: "prod_logi_g435", name: "Tai nghe không dây Logitech G435", category: "headset", brand: "Logitech", price: 1_490_000),
        .init(id: "prod_dareu_em901", name: "Chuột DareU EM901", category: "mouse", brand: "DareU", price: 490_000, discountPrice: 420_000),
        .init(id: "prod_logi_c922", name: "Webcam Logitech C922 Pro", category: "webcam", brand: "Logitech", price: 2_190_000, discountPrice: 1_890_000),
        .init(id: "prod_samsung_g5_27", name: "Màn hình Samsung Odyssey G5 27 inch", category: "monitor", brand: "Samsung", price: 6_490_000),
        .init(id: "prod_msi_katana15", name: "Laptop MSI Katana 15", category: "laptop", brand: "MSI", price: 24_990_000, discountPrice: 22_990_000),
        .init(id: "prod_edifier_r1280db", name: "Loa Edifier R1280DB", category: "speaker", brand: "Edifier", price: 2_890_000),
        .init(id: "prod_sony_wh1000xm5", name: "Tai nghe chống ồn Sony WH-1000XM5", category: "headset", brand: "Sony", price: 7_990_000, discountPrice: 6_990_000),
        .init(id: "prod_razer_bw_v4", name: "Bàn phím Razer BlackWidow V4", category: "keyboard", brand: "Razer", price: 4_990_000, discountPrice: 4_490_000),
        .init(id: "prod_logi_gpx2", name: "Chuột Logitech G Pro X Superlight 2", category: "mouse", brand: "Logitech", price: 3_490_000, discountPrice: 3_190_000),
        .init(id: "prod_sihoo_m18", name: "Ghế công thái học Sihoo M18", category: "chair", brand: "Sihoo", price: 1_990_000),
        .init(id: "prod_asus_vivobook15", name: "Laptop ASUS Vivobook 15", category: "laptop", brand: "ASUS", price: 14_990_000, discountPrice: 13_490_000),
        .init(id: "prod_lg_24mp400", name: "Màn hình LG 24MP400 24 inch", category: "monitor", brand: "LG", price: 2_490_000),
        .init(id: "prod_jbl_charge5", name: "Loa Bluetooth JBL Charge 5", category: "speaker", brand: "JBL", price: 3_990_000, discountPrice: 3_490_000),
        .init(id: "prod_edra_ek387", name: "Bàn phím cơ E-Dra EK387", category: "keyboard", brand: "E-Dra", price: 590_000),
        .init(id: "prod_razer_kraken_v4x", name: "Tai nghe Razer Kraken V4 X", category: "headset", brand: "Razer", price: 1_590_000),
        .init(id: "prod_razer_kiyo_x", name: "Webcam Razer Kiyo X", category: "webcam", brand: "Razer", price: 1_790_000),
        .init(id: "prod_asus_keris", name: "Chuột ASUS ROG Keris", category: "mouse", brand: "ASUS", price: 1_590_000, discountPrice: 1_390_000),
        .init(id: "prod_msi_g274f", name: "Màn hình MSI G274F 27 inch", category: "monitor", brand: "MSI", price: 4_590_000, discountPrice: 4_190_000),
        .init(id: "prod_lenovo_ideapad_slim3", name: "Laptop Lenovo IdeaPad Slim 3", category: "laptop", brand: "Lenovo", price: 13_990_000),
        .init(id: "prod_edra_jupiter", name: "Ghế gaming E-Dra Jupiter", category: "chair", brand: "E-Dra", price: 2_690_000, discountPrice: 2_390_000),
        .init(id: "prod_logi_z407", name: "Loa vi tính Logitech Z407", category: "speaker", brand: "Logitech", price: 1_890_000, discountPrice: 1_690_000),
        .init(id: "prod_aula_f99", name: "Bàn phím cơ AULA F99", category: "keyboard", brand: "AULA", price: 1_590_000),
        .init(id: "prod_hyperx_stinger2", name: "Tai nghe HyperX Cloud Stinger 2", category: "headset", brand: "HyperX", price: 990_000, discountPrice: 890_000),
        .init(id: "prod_razer_viper_v3pro", name: "Chuột Razer Viper V3 Pro", category: "mouse", brand: "Razer", price: 3_990_000),
        .init(id: "prod_logi_brio4k", name: "Webcam Logitech Brio 4K", category: "webcam", brand: "Logitech", price: 4_990_000),
        .init(id: "prod_samsung_s6", name: "Màn hình Samsung ViewFinity S6 27 inch", category: "monitor", brand: "Samsung", price: 7_490_000, discountPrice: 6_790_000),
        .init(id: "prod_msi_modern14", name: "Laptop MSI Modern 14", category: "laptop", brand: "MSI", price: 11_990_000),
        .init(id: "prod_sony_srs_xb100", name: "Loa Bluetooth Sony SRS-XB100", category: "speaker", brand: "Sony", price: 1_290_000),
        .init(id: "prod_razer_iskur_v2", name: "Ghế gaming Razer Iskur V2", category: "chair", brand: "Razer", price: 12_990_000),
        .init(id: "prod_logi_gprox_tkl", name: "Bàn phím Logitech G Pro X TKL", category: "keyboard", brand: "Logitech", price: 4_290_000),
        .init(id: "prod_sony_whch520", name: "Tai nghe Bluetooth Sony WH-CH520", category: "headset", brand: "Sony", price: 1_290_000, discountPrice: 1_090_000),
        .init(id: "prod_aula_sc580", name: "Chuột không dây AULA SC580", category: "mouse", brand: "AULA", price: 590_000),
        .init(id: "prod_asus_c3", name: "Webcam ASUS C3 Full HD", category: "webcam", brand: "ASUS", price: 790_000),
        .init(id: "prod_msi_274qrf", name: "Màn hình MSI MAG 274QRF QD 27 inch", category: "monitor", brand: "MSI", price: 8_490_000),
        .init(id: "prod_samsung_galaxy_book4", name: "Laptop Samsung Galaxy Book4", category: "laptop", brand: "Samsung", price: 16_990_000, discountPrice: 15_490_000),
        .init(id: "prod_edifier_m60", name: "Loa Edifier M60", category: "speaker", brand: "Edifier", price: 3_590_000),
        .init(id: "prod_edra_mars", name: "Ghế gaming E-Dra Mars", category: "chair", brand: "E-Dra", price: 1_890_000),
        .init(id: "prod_asus_rog_scope2", name: "Bàn phím ASUS ROG Strix Scope II", category: "keyboard", brand: "ASUS", price: 3_590_000),
        .init(id: "prod_edifier_w820nb", name: "Tai nghe Edifier W820NB", category: "headset", brand: "Edifier", price: 1_490_000, discountPrice: 1_290_000),
        .init(id: "prod_edra_em624", name: "Chuột E-Dra EM624", category: "mouse", brand: "E-Dra", price: 290_000),
        .init(id: "prod_razer_kiyo_pro", name: "Webcam Razer Kiyo Pro", category: "webcam", brand: "Razer", price: 3_490_000),
        .init(id: "prod_lenovo_legion5", name: "Laptop Lenovo Legion 5", category: "laptop", brand: "Lenovo", price: 32_990_000, discountPrice: 30_990_000),
    ]
}
