import Foundation

/// The table definitions engines need to read the export (`clickstream export --ddl ENGINE`), from the one
/// column list. `location` is the table folder: `s3://bucket/exports/clickstream_events/` or a local path.
public enum CatalogDDL {
    public enum Engine: String, CaseIterable, Sendable {
        case athena, glue, duckdb, spark
    }

    public static func text(for engine: Engine, location: String) -> String {
        let folder = location.hasSuffix("/") ? location : location + "/"
        switch engine {
        case .duckdb: return duckDB(folder)
        case .athena: return athena(folder)
        case .spark: return spark(folder)
        case .glue: return glue(folder)
        }
    }

    static var hiveColumns: String {
        ExportedColumn.all.map { "  `\($0.parquet.name)` \($0.hiveType)" }.joined(separator: ",\n")
    }

    /// A view over the glob; the partition folders give `year`, `month` and `day` columns.
    static func duckDB(_ folder: String) -> String {
        """
        CREATE OR REPLACE VIEW \(ExportLayout.table) AS
        SELECT * FROM read_parquet('\(folder)year=*/month=*/day=*/*.parquet', hive_partitioning = true,
                          hive_types = {'year': INTEGER, 'month': INTEGER, 'day': INTEGER});

        """
    }

    /// Partition projection: Athena computes the partitions from the template, so no crawler or
    /// MSCK REPAIR is needed as days are added.
    static func athena(_ folder: String) -> String {
        """
        CREATE EXTERNAL TABLE IF NOT EXISTS \(ExportLayout.table) (
        \(hiveColumns)
        )
        PARTITIONED BY (`year` int, `month` int, `day` int)
        STORED AS PARQUET
        LOCATION '\(folder)'
        TBLPROPERTIES (
          'parquet.compression' = 'SNAPPY',
        \(projection(folder).map { "  '\($0.0)' = '\($0.1)'" }.joined(separator: ",\n"))
        );

        """
    }

    static func projection(_ folder: String) -> [(String, String)] {
        [("projection.enabled", "true"),
         ("projection.year.type", "integer"), ("projection.year.range", "2000,2100"),
         ("projection.month.type", "integer"), ("projection.month.range", "1,12"), ("projection.month.digits", "2"),
         ("projection.day.type", "integer"), ("projection.day.range", "1,31"), ("projection.day.digits", "2"),
         ("storage.location.template", "\(folder)year=${year}/month=${month}/day=${day}/")]
    }

    static func spark(_ folder: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(ExportLayout.table) (
        \(hiveColumns),
          `year` int, `month` int, `day` int
        )
        USING parquet
        PARTITIONED BY (`year`, `month`, `day`)
        LOCATION '\(folder)';
        MSCK REPAIR TABLE \(ExportLayout.table);

        """
    }

    /// `aws glue create-table --database-name DB --cli-input-json file://table.json` input, with the same projection.
    static func glue(_ folder: String) -> String {
        let columns: [[String: String]] = ExportedColumn.all.map { ["Name": $0.parquet.name, "Type": $0.hiveType] }
        var parameters = Dictionary(uniqueKeysWithValues: projection(folder))
        parameters["classification"] = "parquet"
        parameters["EXTERNAL"] = "TRUE"
        let table: [String: Any] = [
            "TableInput": [
                "Name": ExportLayout.table,
                "TableType": "EXTERNAL_TABLE",
                "Parameters": parameters,
                "PartitionKeys": [["Name": "year", "Type": "int"], ["Name": "month", "Type": "int"], ["Name": "day", "Type": "int"]],
                "StorageDescriptor": [
                    "Columns": columns,
                    "Location": folder,
                    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    "SerdeInfo": ["SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"],
                ] as [String: Any],
            ] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: table, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
