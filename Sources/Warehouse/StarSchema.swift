import Postgres

/// The star schema for BI tools (Metabase, QuickSight, Power BI): `fact_events` and its dimensions as views over
/// `clickstream_events`, and `clickstream_reader`, a NOLOGIN role that may read those views and nothing else
/// (views run with their owner's rights, so it needs nothing on the tables; grant it to a login role).
///
/// Every derived attribute (page host and path, referrer host, UTM fields, browser, OS, device class) is
/// computed once, in `star_events`; facts and dimensions select from it. When the loader's enrichment columns
/// (page_path, page_host, referrer_host, channel, utm_*, browser, os, device_type, country, region, city) land,
/// `star_events` alone switches to them. Views, not materialized: always current and free to keep; a BI tool's
/// extract or cache takes the scans. The migrator drops and recreates them around each migration from version
/// 16 on (`PostgresMigrator.DependentViews`), so later migrations may change the columns they read.
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
                + extract(day FROM e.event_timestamp AT TIME ZONE 'UTC'))::integer AS date_key,
               lower(substring(e.page_url FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)')) AS page_host,
               coalesce(substring(e.page_url FROM '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+([^?#]*)'), e.page_url) AS page_path,
               lower(substring(e.referrer FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)')) AS referrer_host,
               substring(e.page_url FROM '[?&]utm_source=([^&#]*)') AS utm_source,
               substring(e.page_url FROM '[?&]utm_medium=([^&#]*)') AS utm_medium,
               substring(e.page_url FROM '[?&]utm_campaign=([^&#]*)') AS utm_campaign,
               CASE WHEN e.user_agent ~* 'edg/' THEN 'Edge' WHEN e.user_agent ~* 'coc_coc|coccoc' THEN 'Coc Coc'
                    WHEN e.user_agent ~* 'chrome/|crios/' THEN 'Chrome' WHEN e.user_agent ~* 'firefox/|fxios/' THEN 'Firefox'
                    WHEN e.user_agent ~* 'safari/' THEN 'Safari' WHEN e.user_agent IS NULL THEN NULL ELSE 'Other' END AS browser,
               CASE WHEN e.user_agent ~* 'android' THEN 'Android' WHEN e.user_agent ~* 'iphone|ipad|ios' THEN 'iOS'
                    WHEN e.user_agent ~* 'windows' THEN 'Windows' WHEN e.user_agent ~* 'mac os' THEN 'macOS'
                    WHEN e.user_agent ~* 'linux' THEN 'Linux' WHEN e.user_agent IS NULL THEN NULL ELSE 'Other' END AS os,
               coalesce(lower(e.device_type), CASE WHEN e.user_agent ~* 'ipad|tablet' THEN 'tablet'
                    WHEN e.user_agent ~* 'mobi|iphone|android' THEN 'mobile' WHEN e.user_agent IS NOT NULL THEN 'desktop' END) AS device_class
        FROM clickstream_events e;

        CREATE VIEW fact_events AS
        SELECT event_id, event_timestamp, date_key, event_name, user_id, user_login_state AS login_state, session_id,
               client_id AS client_key, context_product_id AS product_key,
               md5(coalesce(page_url, '')) AS page_key,
               md5(concat_ws('|', referrer_host, utm_source, utm_medium, utm_campaign)) AS source_key,
               md5(concat_ws('|', device_class, browser, os)) AS device_key,
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
        SELECT DISTINCT ON (md5(concat_ws('|', referrer_host, utm_source, utm_medium, utm_campaign)))
               md5(concat_ws('|', referrer_host, utm_source, utm_medium, utm_campaign)) AS source_key,
               referrer_host, utm_source, utm_medium, utm_campaign,
               CASE WHEN utm_medium ~* 'cpc|ppc|paid' THEN 'paid'
                    WHEN referrer_host IS NULL THEN 'direct'
                    WHEN referrer_host = page_host THEN 'internal'
                    WHEN referrer_host ~ '(^|\\.)(google|bing|coccoc|yahoo|duckduckgo)\\.' THEN 'search'
                    WHEN referrer_host ~ '(^|\\.)(facebook|instagram|zalo|tiktok|youtube|twitter|x)\\.' THEN 'social'
                    ELSE 'referral' END AS channel
        FROM star_events ORDER BY md5(concat_ws('|', referrer_host, utm_source, utm_medium, utm_campaign));

        CREATE VIEW dim_device AS
        SELECT DISTINCT md5(concat_ws('|', device_class, browser, os)) AS device_key, device_class AS device_type, browser, os
        FROM star_events;

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
