import Lake
import Postgres

/// Reads `etl_objects`, the ledger of loaded objects, to find what a listing page holds that is new.
struct ObjectLedger: Sendable {
    let pool: PostgresPool

    /// One listing page checked against the ledger.
    struct Check: Sendable {
        /// Not in the ledger, in listing order: to load.
        var unloaded: [LakeObject] = []
        /// In the ledger already.
        var loaded = 0
        /// In the ledger, but the lake now holds different bytes (another ETag or size). The ledger is keyed by
        /// object key, so these are not reloaded (the key was loaded once); they are counted and logged.
        var changed: [LakeObject] = []
    }

    // ObjectLedger.check — the ledger rows in the key range a listing page spans ($1..$2; keys compare bytewise,
    // as listings order them: object_key is COLLATE "C", migration 14), at most $3 of them. One descent of the
    // primary key and a short walk, where probing each key of the page cost a descent per key (~0.3 s of the
    // server's CPU per 100,000 new files).
    static let loadedInRange = """
        SELECT object_key, etag, size_bytes FROM etl_objects WHERE object_key >= $1 AND object_key <= $2
        ORDER BY object_key LIMIT $3
        """
    // ObjectLedger.check — which keys of one listing page (≤ 1,000) are already loaded, with what they were, one
    // probe of the primary key each: for a page whose range also spans many ledger keys the lake no longer
    // lists (objects deleted after loading), which the range would read in vain.
    static let loadedKeys = "SELECT object_key, etag, size_bytes FROM etl_objects WHERE object_key = ANY($1::text[])"
    // ObjectLedger.check — while a first big load fills etl_objects its statistics still say "empty", and the
    // planner then scans the whole table for every page (quadratic; most of the server's time for 100k files).
    static let preferIndex = "SET LOCAL enable_seqscan = off"

    // ObjectLedger.keysWithRetryRejects — objects whose last attempt failed (unreadable or refused), by the reason index.
    static let retryRejectKeys = """
        SELECT DISTINCT object_key FROM etl_rejects WHERE reason IN ('unreadable_object', 'load_failed')
        """

    /// Keys with a current retry reject; usually none, at most the objects that keep failing.
    func keysWithRetryRejects() async throws -> Set<String> {
        var keys = Set<String>()
        for row in try await pool.query(Self.retryRejectKeys) { keys.insert(try row.decode(String.self, at: 0)) }
        return keys
    }

    /// Checked per page, against the keys the page lists (not a resume token), so a file that lands late under
    /// an hour already processed is still found.
    func check(_ page: [LakeObject]) async throws -> Check {
        var check = Check()
        guard let first = page.min(by: { KeyOrder.precedes($0.key, $1.key) })?.key,
              let last = page.max(by: { KeyOrder.precedes($0.key, $1.key) })?.key else { return check }
        // Room for the page and as many ledger keys again that the lake no longer lists; past that, probe each key.
        let rangeLimit = page.count * 2 + 100
        let result = try await pool.withConnection { connection in
            try connection.transaction { connection in
                try connection.execute(Self.preferIndex)
                let inRange = try connection.query(Self.loadedInRange, [first, last, rangeLimit])
                guard inRange.count >= rangeLimit else { return inRange }
                return try connection.query(Self.loadedKeys, [TextArrayLiteral(page.lazy.map(\.key))])
            }
        }
        // Keyed by bytes, as the ledger and the lake compare keys: Swift's String equality holds canonically
        // equivalent keys equal ("café" in NFC and in NFD), and the range returns keys the page does not list.
        var loaded: [[UInt8]: (etag: String?, size: Int64?)] = [:]
        for row in result {
            loaded[Array(try row.decode(String.self, at: 0).utf8)] = (row[1], try row.decodeIfPresent(Int64.self, at: 2))
        }
        for object in page {
            guard let entry = loaded[Array(object.key.utf8)] else {
                check.unloaded.append(object)
                continue
            }
            check.loaded += 1
            // Local listings carry no ETag: the size is what can be compared without reading the file.
            if let etag = object.etag, let loadedETag = entry.etag, !etag.isEmpty, etag != loadedETag {
                check.changed.append(object)
            } else if object.etag == nil, let size = entry.size, size != object.size {
                check.changed.append(object)
            }
        }
        return check
    }
}
