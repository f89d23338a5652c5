import Enrichment
import Logging
import Postgres

/// The warehouse schema, as ordered migrations. Shared by the writer (Pipeline) and the readers
/// (Analytics, Dashboard), so neither owns it.
public enum WarehouseMigrations {
    /// Every migration, oldest first, as a process without a geography database applies them.
    public static let all = migrations(locatingAddressesWith: nil)

    /// Every migration, oldest first. Append only: never edit one that has shipped. `locate` places the client
    /// addresses the privacy migration removes from rows loaded before it, so they keep a country.
    public static func migrations(locatingAddressesWith locate: (@Sendable (String) -> DerivedFields.Location?)?) -> [PostgresMigration] {
        [
            PostgresMigration(version: 1, name: "original clickstream_events", sql: originalEvents),
            PostgresMigration(version: 2, name: "events: numeric prices, dialect columns, properties", sql: eventAdditions),
            PostgresMigration(version: 3, name: "etl ledger, rejects, runs, data version", sql: etlTables),
            PostgresMigration(version: 4, name: "dashboard rollups", sql: dashboardRollups),
            PostgresMigration(version: 10, name: "etl: unknown fields, funnel step mapping, reject lookup by key", sql: etlDriftTables),
            PostgresMigration(version: 11, name: "events and rollup changes: the loading transaction", sql: loadTransactions),
            PostgresMigration(version: 12, name: "etl ledger and rejects: run id without a foreign key", sql: runIDWithoutForeignKeys),
            PostgresMigration(version: 13, name: "events: the loader summarizes the load index itself", sql: loadIndexWithoutAutosummarize),
            PostgresMigration(version: 14, name: "etl ledger: object keys compare bytewise", sql: ledgerKeysInByteOrder),
            PostgresMigration(version: 15, name: "events: the newest row of the original ETL", sql: legacyRowsUntil),
            PostgresMigration(version: 16, name: "export ledger; star schema views and clickstream_reader", sql: analyticsLake),
            PostgresMigration(version: 17, name: "events: derived page, source, device and geography columns", sql: derivedColumns),
            PostgresMigration(version: 18, name: "events, rejects, unknown fields: no client IP addresses", sql: ClientAddressScrub.scrubEvents,
                              prepare: { try ClientAddressScrub.prepare(locate: locate, on: $0) }),
        ]
    }

    /// The migrator for these migrations, with the star schema's views rebuilt around them. `locate`: see `migrations`.
    public static func migrator(locatingAddressesWith locate: (@Sendable (String) -> DerivedFields.Location?)? = nil) -> PostgresMigrator {
        PostgresMigrator(migrations: migrations(locatingAddressesWith: locate), dependentViews: StarSchema.views)
    }

    /// The version a fully migrated warehouse reports.
    public static var currentVersion: Int { all.map(\.version).max() ?? 0 }

    /// Applies every missing migration; safe to run concurrently from several processes. `locate`: see `migrations`.
    @discardableResult
    public static func apply(pool: PostgresPool, logger: Logger,
                             locatingAddressesWith locate: (@Sendable (String) -> DerivedFields.Location?)? = nil) async throws -> [Int] {
        let migrator = Self.migrator(locatingAddressesWith: locate)
        return try await pool.withConnection { connection in
            try migrator.apply(on: connection, logger: logger)
        }
    }

    /// The schema version in the database (0 when never migrated).
    public static func databaseVersion(pool: PostgresPool) async throws -> Int {
        let migrator = Self.migrator()
        return try await pool.withConnection { connection in try migrator.currentVersion(on: connection) }
    }

    // The table exactly as the original Lambda ETL created it, so that a warehouse it built is
    // recognised (IF NOT EXISTS) and then upgraded in place by the next migrations, keeping its rows.
    static let originalEvents = """
        CREATE TABLE IF NOT EXISTS clickstream_events (
            event_id uuid PRIMARY KEY,
            event_timestamp timestamptz,
            event_name text,
            user_id text,
            user_login_state text,
            identity_source text,
            client_id text,
            session_id text,
            is_first_visit boolean,
            context_product_id text,
            context_product_name text,
            context_product_category text,
            context_product_brand text,
            context_product_price bigint,
            context_product_discount_price bigint,
            context_product_url_path text
        );
        """

    // Prices become numeric (VND today, decimals tomorrow); what the other dialects carry gets columns;
    // anything else the frontend sent is kept in properties.
    static let eventAdditions = """
        ALTER TABLE clickstream_events
            ALTER COLUMN context_product_price TYPE numeric USING context_product_price::numeric,
            ALTER COLUMN context_product_discount_price TYPE numeric USING context_product_discount_price::numeric,
            ADD COLUMN IF NOT EXISTS page_url text,
            ADD COLUMN IF NOT EXISTS referrer text,
            ADD COLUMN IF NOT EXISTS device_type text,
            ADD COLUMN IF NOT EXISTS user_agent text,
            ADD COLUMN IF NOT EXISTS country text,
            ADD COLUMN IF NOT EXISTS region text,
            ADD COLUMN IF NOT EXISTS city text,
            ADD COLUMN IF NOT EXISTS order_id text,
            ADD COLUMN IF NOT EXISTS order_total numeric,
            ADD COLUMN IF NOT EXISTS properties jsonb NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS dialect text,
            ADD COLUMN IF NOT EXISTS source_key text,
            ADD COLUMN IF NOT EXISTS source_position integer,
            ADD COLUMN IF NOT EXISTS ingested_at timestamptz NOT NULL DEFAULT now();
        CREATE INDEX IF NOT EXISTS clickstream_events_time_idx ON clickstream_events (event_timestamp, event_id);
        """

    static let etlTables = """
        CREATE TABLE etl_runs (
            run_id bigserial PRIMARY KEY,
            started_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
            trigger text NOT NULL DEFAULT 'manual',
            objects integer NOT NULL DEFAULT 0,
            events integer NOT NULL DEFAULT 0,
            duplicates integer NOT NULL DEFAULT 0,
            rejects integer NOT NULL DEFAULT 0,
            error text
        );
        CREATE TABLE etl_objects (
            object_key text PRIMARY KEY,
            etag text,
            size_bytes bigint,
            events integer NOT NULL DEFAULT 0,
            duplicates integer NOT NULL DEFAULT 0,
            rejects integer NOT NULL DEFAULT 0,
            run_id bigint REFERENCES etl_runs (run_id),
            loaded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE etl_rejects (
            reject_id bigserial PRIMARY KEY,
            object_key text NOT NULL,
            position integer NOT NULL,
            reason text NOT NULL,
            detail text,
            excerpt text,
            run_id bigint REFERENCES etl_runs (run_id),
            rejected_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX etl_rejects_reason_idx ON etl_rejects (reason, rejected_at);
        CREATE TABLE warehouse_state (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            data_version bigint NOT NULL DEFAULT 0,
            updated_at timestamptz
        );
        INSERT INTO warehouse_state (singleton, data_version, updated_at) VALUES (true, 0, now());
        """

    // Version 4 (dashboard): 15-minute UTC buckets give exact local days in every zone (+05:30 and +05:45
    // included). Numbered below 10 but written later: the migrator applies every unrecorded version, so a
    // warehouse already at 10 gets it too. The INSERT fills the rollups from rows an upgraded warehouse
    // already holds; EventRollups maintains them from then on. Self-contained on purpose: a shipped
    // migration must not change when EventRollups' SQL does.
    static let dashboardRollups = """
        CREATE TABLE rollup_events_15m (
            bucket timestamptz NOT NULL,
            event_name text NOT NULL,
            login_state text NOT NULL,
            category text NOT NULL,
            brand text NOT NULL,
            product_id text NOT NULL,
            product_name text NOT NULL,
            events bigint NOT NULL,
            order_total numeric NOT NULL,
            PRIMARY KEY (bucket, event_name, login_state, category, brand, product_id, product_name)
        );
        CREATE TABLE rollup_changes (
            data_version bigint NOT NULL,
            bucket timestamptz NOT NULL,
            PRIMARY KEY (data_version, bucket)
        );
        INSERT INTO rollup_events_15m
            (bucket, event_name, login_state, category, brand, product_id, product_name, events, order_total)
        SELECT date_bin('15 minutes', event_timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
               coalesce(event_name, ''), coalesce(user_login_state, 'unknown'),
               coalesce(context_product_category, ''), coalesce(context_product_brand, ''),
               coalesce(context_product_id, ''), coalesce(context_product_name, ''),
               count(*), coalesce(sum(order_total), 0)
        FROM clickstream_events
        WHERE event_timestamp IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7;
        """

    // Version 10 (pipeline): schema drift counted per field name, a derived funnel-step mapping the analytics
    // may join (the raw event_name stays as sent), and an index for replacing an object's retry rejects.
    static let etlDriftTables = """
        CREATE TABLE etl_unknown_fields (
            dialect text NOT NULL,
            field_name text NOT NULL,
            seen_count bigint NOT NULL DEFAULT 0,
            first_seen_at timestamptz NOT NULL DEFAULT now(),
            last_seen_at timestamptz NOT NULL DEFAULT now(),
            example_value text,
            example_object_key text,
            PRIMARY KEY (dialect, field_name)
        );
        CREATE TABLE event_funnel_steps (
            event_name text PRIMARY KEY,
            funnel_step text NOT NULL,
            step_order integer NOT NULL
        );
        INSERT INTO event_funnel_steps (event_name, funnel_step, step_order) VALUES
            ('product_view', 'product_view', 1), ('ViewContent', 'product_view', 1),
            ('add_to_cart_click', 'add_to_cart', 2), ('add_to_cart', 'add_to_cart', 2), ('AddToCart', 'add_to_cart', 2),
            ('checkout_start', 'checkout_start', 3), ('begin_checkout', 'checkout_start', 3),
            ('checkout_complete', 'checkout_complete', 4), ('purchase', 'checkout_complete', 4), ('Purchase', 'checkout_complete', 4);
        CREATE INDEX etl_rejects_object_key_idx ON etl_rejects (object_key);
        """

    // Version 11 (dashboard): each new row keeps the id of the transaction that loaded it, and each rollup
    // change the loading transaction behind it, so the metrics index reads only the rows a load added
    // instead of every row of the buckets it touched. Existing rows keep NULL (no rewrite of the table); a
    // BRIN index finds recent loads' rows at almost no cost to the loader (ids grow with the heap).
    static let loadTransactions = """
        ALTER TABLE clickstream_events ADD COLUMN load_xact bigint;
        ALTER TABLE clickstream_events ALTER COLUMN load_xact SET DEFAULT pg_current_xact_id()::text::bigint;
        CREATE INDEX clickstream_events_load_xact_idx ON clickstream_events USING brin (load_xact) WITH (autosummarize = on);
        ALTER TABLE rollup_changes ADD COLUMN load_xact bigint;
        """

    // Version 12 (pipeline): the ledger's and the rejects' run_id keep naming their run, without a foreign key.
    // The key was checked by a query per inserted row: for 100,000 one-event files, ~1 s of the server's CPU
    // in a 6.5 s load. The run row is written before any row names it and runs are never deleted.
    static let runIDWithoutForeignKeys = """
        ALTER TABLE etl_objects DROP CONSTRAINT IF EXISTS etl_objects_run_id_fkey;
        ALTER TABLE etl_rejects DROP CONSTRAINT IF EXISTS etl_rejects_run_id_fkey;
        """

    // Version 13 (pipeline): autosummarize queued a request per filled range in autovacuum's 256 slots shared by
    // the cluster; a backfill overflowed them (a server log line per dropped request, ranges left unsummarized
    // until a vacuum). The ETL summarizes the new ranges at the end of each run instead (LoadTransactionIndex).
    static let loadIndexWithoutAutosummarize = """
        ALTER INDEX clickstream_events_load_xact_idx SET (autosummarize = off);
        """

    // Version 14 (pipeline): ledger keys compare as bytes, the order S3 and the local lake list them in, so the
    // ETL can read the ledger rows of a listing page's key range (and the key index compares with memcmp, not the
    // database's locale). A collation change leaves the rows as they are; the primary key index is rebuilt
    // (seconds per million objects).
    static let ledgerKeysInByteOrder = """
        ALTER TABLE etl_objects ALTER COLUMN object_key TYPE text COLLATE "C";
        """

    // Version 15 (pipeline): rows without a source key were loaded by the original ETL, which gave events without
    // an id of their own a random one; the loader derives a stable one, so it can only recognise those rows by
    // content (EventLoader.legacyDuplicates), and needs to look only up to the newest of them (not past the
    // upgrade: the original kept future client clocks, which would keep the window open for good). Read once here: a
    // scan of the table, but only on the upgrade, and no row the loader writes lacks a source key.
    static let legacyRowsUntil = """
        ALTER TABLE warehouse_state ADD COLUMN legacy_rows_until timestamptz;
        UPDATE warehouse_state
        SET legacy_rows_until = (SELECT least(max(event_timestamp), now()) FROM clickstream_events WHERE source_key IS NULL);
        """

    // Version 17 (enrichment): the columns the loader derives from page URL, referrer, user agent and source IP
    // (device_type, country, region and city exist since version 2 and are filled the same way when the payload
    // leaves them out). Added without defaults, so existing rows are not rewritten; `enrichment_version` says
    // which rows the loader enriched, and `clickstream enrich` finds the others through a partial index that new
    // rows never enter.
    static let derivedColumns = """
        ALTER TABLE clickstream_events
            ADD COLUMN page_path text, ADD COLUMN page_host text, ADD COLUMN referrer_host text, ADD COLUMN channel text,
            ADD COLUMN utm_source text, ADD COLUMN utm_medium text, ADD COLUMN utm_campaign text, ADD COLUMN utm_term text,
            ADD COLUMN utm_content text, ADD COLUMN browser text, ADD COLUMN browser_version text, ADD COLUMN os text,
            ADD COLUMN os_version text, ADD COLUMN enrichment_version smallint;
        CREATE INDEX clickstream_events_unenriched_idx ON clickstream_events (event_timestamp, event_id)
            WHERE enrichment_version IS NULL;
        CREATE TABLE etl_enrichment_issues (
            reason text PRIMARY KEY,
            field text NOT NULL,
            events bigint NOT NULL DEFAULT 0,
            first_seen_at timestamptz NOT NULL DEFAULT now(),
            last_seen_at timestamptz NOT NULL DEFAULT now()
        );
        """
}
