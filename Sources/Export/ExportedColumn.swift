import Money
import Parquet

/// A column of the exported table: its Parquet form, how it is read out of `clickstream_events`, and its type
/// in the engines' DDL. The one list of what the lake holds; a column the warehouse gains is added here.
public struct ExportedColumn: Sendable {
    /// How the binary COPY delivers the value.
    enum Source: Sendable {
        case text, timestamp, boolean, int4, numeric
    }

    public let parquet: ParquetColumn
    /// The select-list expression (a column of `clickstream_events`, cast where the wire form needs it).
    let expression: String
    let source: Source

    init(_ name: String, _ kind: ParquetColumn.Kind, _ source: Source, expression: String? = nil, isOptional: Bool = true) {
        parquet = ParquetColumn(name, kind, isOptional: isOptional)
        self.expression = expression ?? name
        self.source = source
    }

    /// Prices and totals as the loader's amount rule bounds them (under 10^15, at most 4 decimals): DECIMAL(19, 4)
    /// holds every such value exactly.
    public static let money = ParquetColumn.Kind.decimal(precision: moneyPrecision, scale: moneyScale)
    static let moneyScale = AmountRule.maxDecimals
    static let moneyPrecision = AmountRule.maxIntegerDigits + AmountRule.maxDecimals
    /// 10^precision: unscaled values of the money columns are below it in magnitude.
    static let moneyLimit: UInt128 = (0..<moneyPrecision).reduce(1) { value, _ in value * 10 }

    /// Every exported column, in file order. The uuid travels as its text form: Athena's and Spark's DDL have no
    /// uuid type (a FIXED_LEN_BYTE_ARRAY(16) shows there as 16 raw bytes), and DuckDB casts the text with `::UUID`.
    public static let all: [ExportedColumn] = [
        ExportedColumn("event_id", .string, .text, expression: "event_id::text", isOptional: false),
        ExportedColumn("event_timestamp", .timestampMicros, .timestamp),
        ExportedColumn("event_name", .string, .text),
        ExportedColumn("user_id", .string, .text),
        ExportedColumn("user_login_state", .string, .text),
        ExportedColumn("identity_source", .string, .text),
        ExportedColumn("client_id", .string, .text),
        ExportedColumn("session_id", .string, .text),
        ExportedColumn("is_first_visit", .boolean, .boolean),
        ExportedColumn("context_product_id", .string, .text),
        ExportedColumn("context_product_name", .string, .text),
        ExportedColumn("context_product_category", .string, .text),
        ExportedColumn("context_product_brand", .string, .text),
        ExportedColumn("context_product_price", money, .numeric),
        ExportedColumn("context_product_discount_price", money, .numeric),
        ExportedColumn("context_product_url_path", .string, .text),
        ExportedColumn("page_url", .string, .text),
        ExportedColumn("referrer", .string, .text),
        ExportedColumn("device_type", .string, .text),
        ExportedColumn("user_agent", .string, .text),
        ExportedColumn("country", .string, .text),
        ExportedColumn("region", .string, .text),
        ExportedColumn("city", .string, .text),
        ExportedColumn("order_id", .string, .text),
        ExportedColumn("order_total", money, .numeric),
        ExportedColumn("page_path", .string, .text),
        ExportedColumn("page_host", .string, .text),
        ExportedColumn("referrer_host", .string, .text),
        ExportedColumn("channel", .string, .text),
        ExportedColumn("utm_source", .string, .text),
        ExportedColumn("utm_medium", .string, .text),
        ExportedColumn("utm_campaign", .string, .text),
        ExportedColumn("utm_term", .string, .text),
        ExportedColumn("utm_content", .string, .text),
        ExportedColumn("browser", .string, .text),
        ExportedColumn("browser_version", .string, .text),
        ExportedColumn("os", .string, .text),
        ExportedColumn("os_version", .string, .text),
        ExportedColumn("properties", .json, .text, expression: "properties::text", isOptional: false),
        ExportedColumn("dialect", .string, .text),
        ExportedColumn("source_key", .string, .text),
        ExportedColumn("source_position", .int32, .int4),
        ExportedColumn("ingested_at", .timestampMicros, .timestamp, isOptional: false),
    ]

    /// The type engines declare for it (Athena, Glue and Spark share Hive's names).
    var hiveType: String {
        switch parquet.kind {
        case .boolean: "boolean"
        case .int32: "int"
        case .int64: "bigint"
        case .timestampMicros: "timestamp"
        case .string, .json: "string"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        }
    }
}
