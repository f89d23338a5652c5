import Postgres

/// The star schema for BI tools (Metabase, QuickSight, Power BI): `fact_events` and its dimensions as views over
/// `clickstream_events`, and `clickstream_reader`, a NOLOGIN role that may read those views and nothing else
/// (views run with their owner's rights, so it needs nothing on the tables; grant it to a login role).
///
/// Page, source, device and geography come from the columns the loader derives (`Enrichment`: page_path,
/// page_host, referrer_host, channel, utm_*, browser, os, device_type, country, region, city), so the star schema,
/// the dashboard and the Parquet export agree; `star_events` adds the date key. Views, not materialized: always
/// current and free to keep; a BI tool's extract or cache takes the scans. The migrator drops them before the
/// pending migrations and creates them from this definition after the last (`PostgresMigrator.DependentViews`),
/// so later migrations may change the columns they read; a change here ships with a migration.
public enum StarSchema {
    public static let views = PostgresMigrator.DependentViews(sinceVersion: 16, drop: dropSQL, create: createSQL)

    /// One statement: every view of the schema (the dimensions over star_events go with it).
    public static let dropSQL = """
        DROP VIEW IF EXISTS fact_events, dim_date, dim_client, dim_product, dim_page, dim_source, dim_device, dim_geo,
            star_events CASCADE
        """

    // A warehouse role without CREATEROLE gets a notice instead of the role, and the migration goes on.
    static let createSQL = """
        CREATE VIEW star_events AS
        SELECT e.*,
               (extract(year FROM e.event_timestamp AT TIME ZONE 'UTC') * 10000
                + extract(month FROM e.event_timestamp AT TIME ZONE 'UTC') * 100
                + extract(day FROM e.event_timestamp AT TIME ZONE 'UTC'))::integer AS date_key
        FROM clickstream_events e;

        CREATE VIEW fact_events AS
        SELECT event_id, event_timestamp, date_key, event_name, user_id, user_login_state AS login_state, session_id,
               client_id AS client_key, context_product_id AS product_key,
               md5(coalesce(page_url, '')) AS page_key,
               md5(concat_ws('|', channel, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content)) AS source_key,
               md5(concat_ws('|', device_type, browser, browser_version, os, os_version)) AS device_key,
               md5(concat_ws('|', country, region, city)) AS geo_key,
               is_first_visit, context_product_price AS price, context_product_discount_price AS discount_price,
               order_id, order_total, dialect
        FROM star_events;

        CREATE VIEW dim_date AS
        SELECT (extract(year FROM d) * 10000 + extract(month FROM d) * 100 + extract(day FROM d))::integer AS date_key,
               d::date AS date, extract(year FROM d)::integer AS year, extract(quarter FROM d)::integer AS quarter,
               extract(month FROM d)::integer AS month, to_char(d, 'FMMonth') AS month_name,
               extract(day FROM d)::integer AS day, extract(isodow FROM d)::integer AS iso_weekday,
               to_char(d, 'FMDay') AS weekday_name, extract(week FROM d)::integer AS iso_week,
               extract(isodow FROM d) >= 6 AS is_weekend
        FROM generate_series(  -- the first and last event through the time index: two index reads
            (SELECT min(event_timestamp) AT TIME ZONE 'UTC' FROM clickstream_events)::date,
            (SELECT max(event_timestamp) AT TIME ZONE 'UTC' FROM clickstream_events)::date,
            interval '1 day') AS d;

        CREATE VIEW dim_client AS
        SELECT client_id AS client_key, min(event_timestamp) AS first_seen, max(event_timestamp) AS last_seen,
               count(*) AS events, count(DISTINCT session_id) AS sessions, max(user_id) AS last_known_user_id
        FROM clickstream_events WHERE client_id IS NOT NULL GROUP BY client_id;

        CREATE VIEW dim_product AS
        SELECT DISTINCT ON (context_product_id)
               context_product_id AS product_key, context_product_name AS name, context_product_category AS category,
               context_product_brand AS brand, context_product_price AS latest_price, context_product_url_path AS url_path
        FROM clickstream_events WHERE context_product_id IS NOT NULL
        ORDER BY context_product_id, event_timestamp DESC;

        CREATE VIEW dim_page AS
        SELECT DISTINCT ON (md5(coalesce(page_url, ''))) md5(coalesce(page_url, '')) AS page_key, page_url, page_host, page_path
        FROM star_events ORDER BY md5(coalesce(page_url, ''));

        CREATE VIEW dim_source AS
        SELECT DISTINCT ON (md5(concat_ws('|', channel, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content)))
               md5(concat_ws('|', channel, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content)) AS source_key,
               channel, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content
        FROM clickstream_events
        ORDER BY md5(concat_ws('|', channel, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content));

        CREATE VIEW dim_device AS
        SELECT DISTINCT md5(concat_ws('|', device_type, browser, browser_version, os, os_version)) AS device_key,
               device_type, browser, browser_version, os, os_version
        FROM clickstream_events;

        CREATE VIEW dim_geo AS
        SELECT DISTINCT md5(concat_ws('|', country, region, city)) AS geo_key, country, region, city
        FROM clickstream_events;

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clickstream_reader') THEN
                BEGIN
                    CREATE ROLE clickstream_reader NOLOGIN;
                EXCEPTION
                    WHEN duplicate_object OR unique_violation THEN NULL;  -- another database of the cluster made it meanwhile
                    WHEN insufficient_privilege THEN
                        RAISE NOTICE 'clickstream_reader was not created (this role lacks CREATEROLE): create it and grant SELECT on the star views by hand';
                END;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clickstream_reader') THEN
                EXECUTE format('GRANT CONNECT ON DATABASE %I TO clickstream_reader', current_database());
                GRANT USAGE ON SCHEMA public TO clickstream_reader;
                GRANT SELECT ON fact_events, dim_date, dim_client, dim_product, dim_page, dim_source, dim_device, dim_geo
                    TO clickstream_reader;
            END IF;
        END
        $$;
        """
}
