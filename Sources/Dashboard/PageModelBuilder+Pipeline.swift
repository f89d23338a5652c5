import Analytics
import Foundation

extension PageModelBuilder {
    /// The Pipeline section: is the data fresh, what did the ETL do, what did it refuse.
    func pipelineSection(_ result: DashboardData.Loaded<PipelineHealth>, _ filters: Filters, now: Date,
                         requestID: String) -> PipelineSection {
        let jsonURL = links.api(.pipeline, filters)
        let subtitle = "loads and rejects by load time in this range · times in \(filters.timeZoneName)"
        let health: PipelineHealth
        switch result {
        case .success(let value): health = value
        case .failure(let failure):
            return PipelineSection(jsonURL: jsonURL, error: [PanelError(failure, requestID: requestID)], facts: [], runs: [],
                                   hasRuns: false, hourly: [], rejects: [], hasRejects: false, unknownFields: [],
                                   hasUnknownFields: false, enrichment: [], subtitle: subtitle)
        }
        let zone = filters.timeZone
        let local = { (text: String?) in
            text.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }.map { DateText.local($0, in: zone) } ?? "—"
        }
        let runs = health.runs.map { run in
            let started = ISOTimestamp.parse(run.startedAt, localZone: .gmt)
            let finished = run.finishedAt.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
            let duration = started.map { start in DurationText.short((finished ?? now).timeIntervalSince(start)) } ?? "—"
            return PipelineRunRow(
                runID: String(run.runID), started: local(run.startedAt), startedUTC: run.startedAt,
                duration: run.finishedAt == nil && run.status == "running" ? "\(duration) so far" : duration,
                status: run.status, trigger: run.trigger, objects: NumberFormat.integer(run.objects),
                events: NumberFormat.integer(run.events), duplicates: NumberFormat.integer(run.duplicates),
                rejects: NumberFormat.integer(run.rejects), error: run.error ?? "", hasError: run.error != nil)
        }
        let rejects = health.rejectsByReason.map { group in
            RejectGroup(reason: group.reason, count: NumberFormat.integer(group.count), samples: group.samples.map { sample in
                RejectSampleRow(objectKey: sample.objectKey, position: NumberFormat.integer(sample.position),
                                detail: sample.detail ?? "", excerpt: sample.excerpt ?? "", hasExcerpt: sample.excerpt != nil,
                                rejectedAt: local(sample.rejectedAt))
            })
        }
        let unknown = health.unknownFields.map { field in
            UnknownFieldRow(dialect: field.dialect, name: field.name, count: NumberFormat.integer(field.count),
                            firstSeen: local(field.firstSeen), lastSeen: local(field.lastSeen), example: field.example ?? "")
        }
        return PipelineSection(
            jsonURL: jsonURL, error: [], facts: facts(health, filters, now: now), runs: runs, hasRuns: !runs.isEmpty,
            hourly: [hourlyPanel(health.hourly, filters)], rejects: rejects, hasRejects: !rejects.isEmpty,
            unknownFields: unknown, hasUnknownFields: !unknown.isEmpty, enrichment: [enrichmentCard(health.enrichment, local: local)],
            subtitle: subtitle)
    }

    /// Geography on or off, what could not be derived, and what `clickstream enrich` has left.
    private func enrichmentCard(_ enrichment: PipelineEnrichment, local: (String?) -> String) -> EnrichmentCard {
        let rows = enrichment.notDerived.map {
            NotDerivedRow(reason: $0.reason, field: $0.field, events: NumberFormat.integer($0.events), lastSeen: local($0.lastSeen))
        }
        return EnrichmentCard(
            geography: enrichment.geographyDatabase.map { "Geography from \($0)." }
                ?? "Geography is off: no GEOIP_DB and no built database (scripts/setup.sh builds one), so country, region and city stay empty unless a payload sends them.",
            isGeographyOff: enrichment.geographyDatabase == nil, notDerived: rows, hasNotDerived: !rows.isEmpty,
            rowsNotEnriched: NumberFormat.integer(enrichment.rowsNotEnriched), hasRowsNotEnriched: enrichment.rowsNotEnriched > 0)
    }

    /// Freshness first (is the data complete, how far behind), then the scheduler, then the totals.
    private func facts(_ health: PipelineHealth, _ filters: Filters, now: Date) -> [PipelineFact] {
        let zone = filters.timeZone
        let interval = health.schedule?.intervalSeconds ?? 3_600
        var facts: [PipelineFact] = []
        if let complete = health.dataCompleteUpTo.flatMap({ ISOTimestamp.parse($0, localZone: .gmt) }) {
            let age = now.timeIntervalSince(complete)
            facts.append(PipelineFact(label: "Data complete up to", value: DateText.local(complete, in: zone),
                                      note: "\(DurationText.short(age)) ago: every lake object present then is loaded",
                                      tone: age <= 2 * interval + 600 ? "ok" : "warn"))
        } else {
            facts.append(PipelineFact(label: "Data complete up to", value: "no load yet",
                                      note: "no ETL run has succeeded against this warehouse", tone: "warn"))
        }
        if let lag = health.lagSeconds {
            facts.append(PipelineFact(label: "Lag", value: DurationText.short(lag),
                                      note: "from the newest event (\(health.latestEvent.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }.map { DateText.local($0, in: zone) } ?? "—")) to now",
                                      tone: lag <= 2 * interval + 600 ? "ok" : "warn"))
        }
        facts += scheduleFacts(health.schedule, zone: zone, now: now)
        let totals = health.totals
        facts.append(PipelineFact(label: "Loaded in range", value: "\(NumberFormat.integer(totals.rows)) rows",
                                  note: "from \(NumberFormat.integer(totals.objects)) objects; \(NumberFormat.integer(totals.duplicates)) duplicates skipped",
                                  tone: "none"))
        facts.append(PipelineFact(label: "Rejected in range", value: NumberFormat.integer(totals.rejects),
                                  note: totals.rejects == 0 ? "every record was usable" : "see the reasons below",
                                  tone: totals.rejects == 0 ? "ok" : "warn"))
        return facts
    }

    /// What this server's scheduler is doing: running, or when it runs next; failures in a row with
    /// the last error and the last success. Also on the 503 page, where nothing else can be read.
    func scheduleFacts(_ schedule: PipelineSchedule?, zone: TimeZone, now: Date) -> [PipelineFact] {
        guard let schedule else {
            return [PipelineFact(label: "Next run", value: "not scheduled here",
                                 note: "this server does not run the ETL (--no-etl, or it runs elsewhere)", tone: "none")]
        }
        var facts: [PipelineFact] = []
        if schedule.isRunning {
            let since = schedule.runningSince.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
            facts.append(PipelineFact(label: "ETL", value: "running",
                                      note: since.map { "since \(DateText.local($0, in: zone))" } ?? "", tone: "ok"))
        } else if let next = schedule.nextRunAt.flatMap({ ISOTimestamp.parse($0, localZone: .gmt) }) {
            facts.append(PipelineFact(label: "Next run", value: DateText.local(next, in: zone),
                                      note: "in \(DurationText.short(next.timeIntervalSince(now))), every \(DurationText.short(schedule.intervalSeconds))",
                                      tone: "none"))
        }
        if schedule.consecutiveFailures > 0 {
            facts.append(PipelineFact(label: "Failed runs in a row", value: NumberFormat.integer(schedule.consecutiveFailures),
                                      note: schedule.lastError ?? "", tone: "bad"))
            let success = schedule.lastSucceededAt.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
            facts.append(PipelineFact(label: "Last successful run", value: success.map { DateText.local($0, in: zone) } ?? "none yet",
                                      note: success.map { "\(DurationText.short(now.timeIntervalSince($0))) ago" }
                                          ?? "no run has succeeded since this server started", tone: "warn"))
        }
        return facts
    }

    /// Objects and rows loaded per hour of load time.
    private func hourlyPanel(_ hours: [PipelineHour], _ filters: Filters) -> ChartPanel {
        let zone = filters.timeZone
        let parsed: [LoadColumnsChart.Hour] = hours.compactMap { hour in
            guard let start = ISOTimestamp.parse(hour.hour, localZone: .gmt) else { return nil }
            return LoadColumnsChart.Hour(
                start: start, objects: hour.objects, rows: hour.rows,
                tooltip: "\(DateText.local(start, in: zone)): \(NumberFormat.integer(hour.objects)) objects, \(NumberFormat.integer(hour.rows)) rows")
        }
        let objects = hours.reduce(0) { $0 + $1.objects }
        let rows = hours.reduce(0) { $0 + $1.rows }
        let chart = LoadColumnsChart(
            id: "chart-loads", title: "Objects and rows loaded per hour, \(DateText.range(filters))",
            summary: "\(NumberFormat.integer(objects)) objects with \(NumberFormat.integer(rows)) rows loaded in \(parsed.filter { $0.objects > 0 || $0.rows > 0 }.count) hours.",
            start: filters.start, end: filters.end, timeZone: zone, hours: parsed)
        let busy = parsed.filter { $0.objects > 0 || $0.rows > 0 }
        let table = DataTable(
            caption: "Loads per hour",
            headers: [TableHeader(text: "Hour", isNumber: false), TableHeader(text: "Objects", isNumber: true),
                      TableHeader(text: "Rows", isNumber: true)],
            rows: busy.map { TableRow(label: DateText.local($0.start, in: zone), cells: [
                .number(NumberFormat.integer($0.objects)), .number(NumberFormat.integer($0.rows)),
            ]) })
        return ChartPanel(
            id: "loads", title: "Objects vs rows per hour", subtitle: "by load time",
            chart: busy.isEmpty ? .none : chart.render(), hasData: !busy.isEmpty,
            emptyMessage: "Nothing was loaded in this range.",
            links: PanelLinks(links, .pipeline, filters), footnote: "", hasFootnote: false,
            table: busy.isEmpty ? [] : [table], error: [], isWide: true)
    }
}
