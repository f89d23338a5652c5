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

    // ObjectLedger.check — which keys of one listing page (≤ 1,000) are already loaded, with what they were; uses the primary key.
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

    /// Checked per page, not by a key range, so a file that lands late under an hour already processed is still found.
    func check(_ page: [LakeObject]) async throws -> Check {
        var check = Check()
        guard !page.isEmpty else { return check }
        let keys = TextArrayLiteral(page.lazy.map(\.key))
        let result = try await pool.withConnection { connection in
            try connection.transaction { connection in
                try connection.execute(Self.preferIndex)
                return try connection.query(Self.loadedKeys, [keys])
            }
        }
        var loaded: [String: (etag: String?, size: Int64?)] = [:]
        for row in result {
            loaded[try row.decode(String.self, at: 0)] = (row[1], try row.decodeIfPresent(Int64.self, at: 2))
        }
        for object in page {
            guard let entry = loaded[object.key] else {
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
