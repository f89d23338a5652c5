import Lake
import Postgres

/// Reads `etl_objects`, the ledger of loaded objects, to find what a listing page holds that is new.
struct ObjectLedger: Sendable {
    let pool: PostgresPool

    // ObjectLedger.unloaded — which keys of one listing page (≤ 1,000) are already loaded; uses the primary key.
    static let loadedKeys = "SELECT object_key FROM etl_objects WHERE object_key = ANY($1::text[])"

    /// The objects of `page` not in the ledger, in listing order. Checked per page, not by a key range,
    /// so a file that lands late under an hour already processed is still found.
    func unloaded(_ page: [LakeObject]) async throws -> [LakeObject] {
        guard !page.isEmpty else { return [] }
        let keys = page.map(\.key)
        let result = try await pool.query(Self.loadedKeys, [keys])
        var loaded = Set<String>()
        for row in result {
            loaded.insert(try row.decode(String.self, at: 0))
        }
        return page.filter { !loaded.contains($0.key) }
    }
}
