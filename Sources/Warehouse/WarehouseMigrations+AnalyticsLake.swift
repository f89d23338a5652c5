extension WarehouseMigrations {
    // Version 16 (export): the Parquet export's ledger. The star schema's views come with it (StarSchema: the
    // migrator creates them after this migration and rebuilds them around every later one).
    //
    // export_days: one row per exported UTC day — the generation (1, 2, … as the day is re-exported), the data
    // version read before its rows were, the day's event count in rollup_events_15m then (a load changes it), the
    // file written and the decimals that did not fit DECIMAL(19, 4). `pending` is set before a day's files are
    // replaced and cleared with the row's new values after its manifest is written: a run killed in between
    // leaves it set, and the next run exports that day again, so the manifest always ends up describing the file.
    static let analyticsLake = """
        CREATE TABLE export_days (
            day date PRIMARY KEY,
            generation integer NOT NULL,
            data_version bigint NOT NULL,
            rollup_events bigint NOT NULL,
            rows bigint NOT NULL,
            file_key text NOT NULL,
            bytes bigint NOT NULL,
            md5 text NOT NULL,
            decimals_out_of_range bigint NOT NULL DEFAULT 0,
            pending boolean NOT NULL DEFAULT false,
            exported_at timestamptz NOT NULL DEFAULT now()
        );

        """
}
