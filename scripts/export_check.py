#!/usr/bin/env python3
"""The Parquet export checked by real readers (scripts/export-check.sh drives it).

  export_check.py make-lake LAKE [SAMPLES]   a mixed lake: every dialect, NULLs, Vietnamese text, large and
                                              too-precise numbers, events whose local day differs from their UTC day
  export_check.py late-load LAKE             more events for three days already exported
  export_check.py verify DSN TABLE_FOLDER DUCKDB_DDL
      every column of every row equals the warehouse, read by DuckDB (through the DDL `--ddl duckdb` prints) and by
      pyarrow; each day folder holds one part file and a manifest that match each other and export_days;
      statistics (null counts, time bounds) are right; no temporary files are left.
"""
import datetime, decimal, gzip, hashlib, json, os, pathlib, shutil, sys, uuid

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
COLUMNS = ["event_id", "event_timestamp", "event_name", "user_id", "user_login_state", "identity_source", "client_id",
           "session_id", "is_first_visit", "context_product_id", "context_product_name", "context_product_category",
           "context_product_brand", "context_product_price", "context_product_discount_price", "context_product_url_path",
           "page_url", "referrer", "device_type", "user_agent", "country", "region", "city", "order_id", "order_total",
           "page_path", "page_host", "referrer_host", "channel", "utm_source", "utm_medium", "utm_campaign", "utm_term",
           "utm_content", "browser", "browser_version", "os", "os_version",
           "properties", "dialect", "source_key", "source_position", "ingested_at"]
MONEY = {"context_product_price", "context_product_discount_price", "order_total"}
TIMES = {"event_timestamp", "ingested_at"}
LIMIT = decimal.Decimal(10) ** 15


def fail(message):
    print(f"export-check: {message}", file=sys.stderr)
    sys.exit(1)


def write_ndjson_gz(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def sbw(event_id, name, received, **extra):
    record = {"eventName": name, "eventId": event_id, "clientId": f"c-{event_id[:4]}", "sessionId": f"s-{event_id[:6]}",
              "userLoginState": "anonymous", "pageUrl": "https://shop.example.vn/san-pham/giay?utm_source=zalo&utm_medium=social",
              "_ingest": {"receivedAt": received, "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1"}}
    record.update(extra)
    return record


def make_lake(lake, samples):
    lake = pathlib.Path(lake)
    if samples and os.path.isdir(samples):
        for index, path in enumerate(sorted(pathlib.Path(samples).rglob("*"))):
            if path.is_file():
                target = lake / "events/2025/12/01/00" / f"sample-{index:03d}-{path.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    records = []
    # Local time zones far from UTC: the same wall clock lands on different UTC days.
    zones = ["+07:00", "+05:45", "+05:30", "-08:00", "+14:00", "-11:00", "Z"]
    for index in range(700):
        day = 10 + index % 4
        received = f"2025-12-{day:02d}T{(index * 7) % 24:02d}:{index % 60:02d}:{(index * 13) % 60:02d}.{index % 1000:03d}123{zones[index % len(zones)]}"
        event_id = str(uuid.UUID(int=0x5EED0000 + index))
        extra = {}
        if index % 5 == 0:
            extra["product"] = {"id": f"sp-{index % 17}", "name": ["Giày thể thao Biti's Hunter", "Áo dài lụa tơ tằm", "Nón lá Huế", "Bàn phím"][index % 4],
                                "category": "thời trang" if index % 2 else None, "brand": "Bitis" if index % 3 else None,
                                "price": ["999999999999999.9999", "1000000000000000", "1.23456", "-5.5", "0", "1990000", 12345678901234.5678][index % 7],
                                "discountPrice": None if index % 4 else "1790000.25"}
        if index % 11 == 0:
            extra["eventName"] = "checkout_complete"
            extra["orderTotal"] = ["48450000", "0.0001", "123456789012345678901234567890", "7.00001"][index % 4]
        if index % 3 == 0:
            extra["userId"] = f"khách-{index}"
            extra["userLoginState"] = "logged_in"
        if index % 7 == 0:
            extra["referrer"] = "https://www.google.com.vn/search?q=gi%C3%A0y"
            extra["note"] = "Cảm ơn quý khách 🙏"
        records.append(sbw(event_id, extra.pop("eventName", "product_view" if index % 5 == 0 else "page_view"), received, **extra))
    write_ndjson_gz(lake / "events/2025/12/13/00/batch-mixed.ndjson.gz", records)
    # Kinesis POC and case-study dialects, built like the samples.
    kinesis = [{"timestamp": f"2025-12-11 {hour:02d}:01:58.732726", "user_id": f"u{hour}", "click_id": uuid.UUID(int=0xC1C0 + hour).hex,
                "event_name": ["Search", "AddToCart", "ViewContent", "Purchase"][hour % 4], "user_ip": "203.0.113.9",
                "additional_data": {"product_id": f"p{hour}", "price": str(1000 * hour + 0.5), "percent_viewed": hour},
                "country": "Việt Nam", "region": "Thừa Thiên Huế", "city": "Huế"} for hour in range(24)]
    write_ndjson_gz(lake / "events/2025/12/11/00/kinesis.ndjson.gz", kinesis)
    study = [{"user_id": f"cs{index}", "session_id": f"css{index // 3}", "event_type": ["page_view", "add_to_cart", "purchase"][index % 3],
              "event_timestamp": f"2025-12-12T{index % 24:02d}:30:00+07:00", "device_type": ["mobile", "desktop", None][index % 3],
              "page_url": f"https://shop.example.vn/p/{index}", "referrer_url": None if index % 2 else "https://facebook.com/",
              "metadata": {"lần": index}} for index in range(60)]
    path = lake / "events/2025/12/12/00/case-study.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(study, ensure_ascii=False), encoding="utf-8")


def late_load(lake):
    records = [sbw(str(uuid.UUID(int=0x1A7E0000 + index)), "page_view", f"2025-12-{10 + index % 3:02d}T12:00:{index % 60:02d}Z")
               for index in range(90)]
    write_ndjson_gz(pathlib.Path(lake) / "events/2025/12/14/00/late.ndjson.gz", records)


def micros(value):
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    delta = value - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def fits_money(value):
    return value is not None and abs(value) < LIMIT and value == value.quantize(decimal.Decimal("0.0001"))


def normalize(column, value):
    """One comparable form per column, whoever read it."""
    if value is None:
        return None
    if column in TIMES:
        return micros(value)
    if column in MONEY:
        return decimal.Decimal(value).quantize(decimal.Decimal("0.0001"))
    if column == "properties":
        return json.loads(value) if isinstance(value, str) else value
    if column == "event_id":
        return str(value)
    return value


def warehouse_rows(dsn):
    import psycopg2
    with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
        select = ", ".join("properties::text" if c == "properties" else f"{c}::text" if c == "event_id" else c for c in COLUMNS)
        cursor.execute(f"SELECT {select} FROM clickstream_events WHERE event_timestamp IS NOT NULL")
        expected = {}
        out_of_range = 0
        for row in cursor.fetchall():
            record = {}
            for column, value in zip(COLUMNS, row):
                if column in MONEY and value is not None and not fits_money(value):
                    out_of_range += 1
                    value = None
                record[column] = normalize(column, value)
            expected[record["event_id"]] = record
        cursor.execute("SELECT day::text, generation, rows, bytes, md5, file_key, decimals_out_of_range, pending FROM export_days ORDER BY day")
        ledger = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute("SELECT (event_timestamp AT TIME ZONE 'UTC')::date::text, count(*) FROM clickstream_events GROUP BY 1")
        per_day = dict(cursor.fetchall())
    return expected, out_of_range, ledger, per_day


def compare(reader, expected, rows):
    got = {}
    for row in rows:
        record = {column: normalize(column, row[column]) for column in COLUMNS}
        if record["event_id"] in got:
            fail(f"{reader}: event {record['event_id']} appears twice")
        got[record["event_id"]] = record
    if set(got) != set(expected):
        fail(f"{reader}: {len(set(expected) - set(got))} warehouse rows missing, {len(set(got) - set(expected))} extra")
    for event_id, record in expected.items():
        for column in COLUMNS:
            if got[event_id][column] != record[column]:
                fail(f"{reader}: event {event_id} column {column}: {got[event_id][column]!r} != warehouse {record[column]!r}")


def verify(dsn, folder, ddl):
    import duckdb
    import pyarrow.parquet as pq
    folder = pathlib.Path(folder)
    expected, out_of_range, ledger, per_day = warehouse_rows(dsn)
    leftovers = [p for p in folder.rglob(".*") if p.is_file()]
    if leftovers:
        fail(f"temporary files left: {leftovers[:3]}")
    days = sorted(folder.glob("year=*/month=*/day=*"))
    if [f"{d.parent.parent.name[5:]}-{d.parent.name[6:]}-{d.name[4:]}" for d in days] != sorted(per_day):
        fail(f"day folders {[d.name for d in days]} are not the warehouse's days {sorted(per_day)}")
    pyarrow_rows = []
    for day_folder in days:
        day = f"{day_folder.parent.parent.name[5:]}-{day_folder.parent.name[6:]}-{day_folder.name[4:]}"
        parts = sorted(p.name for p in day_folder.iterdir())
        if parts != ["_manifest.json", "part-00000.parquet"]:
            fail(f"{day}: the folder holds {parts}")
        manifest = json.loads((day_folder / "_manifest.json").read_text())
        data = (day_folder / "part-00000.parquet").read_bytes()
        (file,) = manifest["files"]
        if (file["bytes"], file["md5"], file["rows"]) != (len(data), hashlib.md5(data).hexdigest(), manifest["rows"]):
            fail(f"{day}: the manifest does not describe the file")
        generation, rows, size, md5, key, decimals, pending = ledger.get(day, (None,) * 7)
        if (generation, rows, size, md5, decimals, pending) != (manifest["generation"], manifest["rows"], len(data), file["md5"],
                                                                manifest["decimals_out_of_range"], False) or not file["key"].endswith(key):
            fail(f"{day}: export_days {ledger.get(day)} does not match the manifest {manifest}")
        if rows != per_day[day]:
            fail(f"{day}: {rows} rows exported, the warehouse has {per_day[day]}")
        parquet = pq.ParquetFile(day_folder / "part-00000.parquet")
        table = parquet.read()
        for index, column in enumerate(COLUMNS):
            values = table.column(column).to_pylist()
            nulls = sum(1 for v in values if v is None)
            counted = sum(parquet.metadata.row_group(g).column(index).statistics.null_count for g in range(parquet.metadata.num_row_groups))
            if counted != nulls:
                fail(f"{day}: statistics count {counted} NULLs in {column}, the file holds {nulls}")
        times = [micros(v) for v in table.column("event_timestamp").to_pylist()]
        stats = parquet.metadata.row_group(0).column(1).statistics
        if (micros(stats.min), micros(stats.max)) != (min(times), max(times)) and parquet.metadata.num_row_groups == 1:
            fail(f"{day}: event_timestamp statistics {stats.min}…{stats.max} are not the file's bounds")
        if times != sorted(times):
            fail(f"{day}: rows are not in time order")
        pyarrow_rows += table.to_pylist()
    compare("pyarrow", expected, pyarrow_rows)
    if sum(m[5] for m in ledger.values()) != out_of_range:
        fail(f"export_days counts {sum(m[5] for m in ledger.values())} decimals out of range, the warehouse holds {out_of_range}")
    connection = duckdb.connect()
    connection.execute(pathlib.Path(ddl).read_text())
    cursor = connection.execute("SELECT * FROM clickstream_events")
    names = [d[0] for d in cursor.description]
    duck_rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    compare("duckdb", expected, duck_rows)
    for row in duck_rows[:50]:
        stamp = datetime.datetime.fromtimestamp(micros(row["event_timestamp"]) / 1e6, datetime.timezone.utc)
        if (row["year"], row["month"], row["day"]) != (stamp.year, stamp.month, stamp.day):
            fail(f"duckdb: partition columns {row['year']}-{row['month']}-{row['day']} for an event at {stamp}")
    pruned = connection.execute("SELECT count(*) FROM clickstream_events WHERE day = 11 AND month = 12").fetchone()[0]
    if pruned != per_day.get("2025-12-11", 0):
        fail(f"duckdb: a partition filter counted {pruned}")
    meta = connection.execute(f"SELECT count(DISTINCT file_name) FROM parquet_metadata('{folder}/*/*/*/*.parquet') "
                              "WHERE path_in_schema = 'event_timestamp' AND stats_min_value IS NOT NULL").fetchone()[0]
    if meta != len(days):
        fail(f"duckdb: parquet_metadata shows time bounds in {meta} of {len(days)} files")
    if out_of_range < 3:
        fail(f"only {out_of_range} decimals out of DECIMAL(19,4) range in the warehouse: the NULL path went untested")
    print(f"export-check: {len(expected)} rows in {len(days)} days equal the warehouse through DuckDB and pyarrow "
          f"({out_of_range} out-of-range decimals as NULL)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "make-lake":
        make_lake(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif command == "late-load":
        late_load(sys.argv[2])
    elif command == "verify":
        verify(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        fail(__doc__)
