/// The dimension values the index knows, as dense ids, and the combinations that occur. Every
/// metric filter and label works on these: a filter becomes a yes/no per combination, computed once
/// per request, so scanning a bucket costs one table lookup per cell.
struct IndexDimensions: Sendable {
    /// What a product id looks like, the only thing about it most metrics need.
    enum ProductPresence: UInt8, Sendable {
        case null = 0, empty = 1, present = 2
    }

    /// One combination of the filterable dimensions (ids into the interners; 0 = NULL).
    struct Combo: Hashable, Sendable {
        var eventName: UInt32
        var loginState: UInt32
        var category: UInt32
        var brand: UInt32
        var product: ProductPresence
    }

    /// One product-level cell key: the combination plus the product's id and the name it carried.
    struct ProductKey: Hashable, Sendable {
        var combo: UInt32
        var product: UInt32
        var name: UInt32
    }

    var eventNames = ByteInterner()
    var loginStates = ByteInterner()
    var categories = ByteInterner()
    var brands = ByteInterner()
    var products = ByteInterner()
    var productNames = ByteInterner()

    private(set) var combos: [Combo] = []
    private var comboIDs = WideKeyTable()
    private(set) var productKeys: [ProductKey] = []
    private var productKeyIDs = WideKeyTable()

    mutating func comboID(_ combo: Combo) -> UInt32 {
        // Ids are dense from 1, so a brand id leaves two bits for the product presence (a billion
        // distinct brands would not fit in memory anyway).
        let key = UInt128(combo.eventName) << 96 | UInt128(combo.loginState) << 64 | UInt128(combo.category) << 32
            | UInt128(combo.brand << 2 | UInt32(combo.product.rawValue))
        let id = comboIDs.id(key)
        if Int(id) == combos.count { combos.append(combo) }
        return id
    }

    mutating func productKeyID(_ key: ProductKey) -> UInt32 {
        let id = productKeyIDs.id(UInt128(key.combo) << 64 | UInt128(key.product) << 32 | UInt128(key.name))
        if Int(id) == productKeys.count { productKeys.append(key) }
        return id
    }

    /// Approximate bytes held, for memory statistics.
    var byteCount: Int {
        let interners = [eventNames, loginStates, categories, brands, products, productNames].reduce(0) { $0 + $1.byteCount }
        return interners + combos.capacity * MemoryLayout<Combo>.stride + comboIDs.byteCount
            + productKeys.capacity * MemoryLayout<ProductKey>.stride + productKeyIDs.byteCount
    }
}
