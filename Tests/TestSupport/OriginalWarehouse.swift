/// A database as the original system left it: its `clickstream_events` table (uuid key, bigint prices, 16 columns)
/// and nothing else, no migration ledger; tests add their rows after it.
public enum OriginalWarehouse {
    public static let resetSQL = """
        DROP SCHEMA public CASCADE;
        CREATE SCHEMA public;
        CREATE TABLE clickstream_events (
            event_id uuid PRIMARY KEY, event_timestamp timestamptz, event_name text, user_id text,
            user_login_state text, identity_source text, client_id text, session_id text,
            is_first_visit boolean, context_product_id text, context_product_name text,
            context_product_category text, context_product_brand text, context_product_price bigint,
            context_product_discount_price bigint, context_product_url_path text);
        """
}
