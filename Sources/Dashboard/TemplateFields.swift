import Mustache

// How templates read the view models: by name, through a switch. Mustache's fallback is a Mirror walk
// over every stored property per lookup, which took about 40% of a page's CPU at 10M events. Debug builds
// check, on every render, that each stored property of the model answers to its name here
// (`TemplateModelCheck`), so a field added to a model and forgotten here fails the page tests.

extension DashboardPage: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "productName": self.productName
        case "pageTitle": self.pageTitle
        case "stylesheetURL": self.stylesheetURL
        case "faviconURL": self.faviconURL
        case "homeURL": self.homeURL
        case "form": self.form
        case "rangeLabel": self.rangeLabel
        case "dataVersion": self.dataVersion
        case "latestEvent": self.latestEvent
        case "dataCompleteUpTo": self.dataCompleteUpTo
        case "generatedAt": self.generatedAt
        case "showData": self.showData
        case "isEmptyWarehouse": self.isEmptyWarehouse
        case "isEmptyRange": self.isEmptyRange
        case "sections": self.sections
        case "overview": self.overview
        case "products": self.products
        case "behaviour": self.behaviour
        case "events": self.events
        case "pipeline": self.pipeline
        default: nil
        }
    }
}

extension BehaviourSection: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "panels": self.panels
        default: nil
        }
    }
}

extension ChartPanel: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "id": self.id
        case "title": self.title
        case "subtitle": self.subtitle
        case "chart": self.chart
        case "hasData": self.hasData
        case "emptyMessage": self.emptyMessage
        case "links": self.links
        case "footnote": self.footnote
        case "hasFootnote": self.hasFootnote
        case "table": self.table
        case "error": self.error
        case "isWide": self.isWide
        default: nil
        }
    }
}

extension ErrorPage: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "productName": self.productName
        case "statusCode": self.statusCode
        case "title": self.title
        case "message": self.message
        case "hint": self.hint
        case "hasHint": self.hasHint
        case "requestID": self.requestID
        case "homeURL": self.homeURL
        case "retryURL": self.retryURL
        case "stylesheetURL": self.stylesheetURL
        case "scheduleFacts": self.scheduleFacts
        case "hasSchedule": self.hasSchedule
        default: nil
        }
    }
}

extension EventTable: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "rows": self.rows
        case "hasRows": self.hasRows
        case "timeZone": self.timeZone
        case "scopes": self.scopes
        case "isProductScope": self.isProductScope
        case "hasNewer": self.hasNewer
        case "newerURL": self.newerURL
        case "hasOlder": self.hasOlder
        case "olderURL": self.olderURL
        case "firstURL": self.firstURL
        case "isFirstPage": self.isFirstPage
        case "links": self.links
        case "error": self.error
        default: nil
        }
    }
}

extension EventScopeLink: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "label": self.label
        case "url": self.url
        case "isCurrent": self.isCurrent
        default: nil
        }
    }
}

extension EventTableRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "time": self.time
        case "timeUTC": self.timeUTC
        case "eventName": self.eventName
        case "loginState": self.loginState
        case "client": self.client
        case "clientFull": self.clientFull
        case "session": self.session
        case "sessionFull": self.sessionFull
        case "product": self.product
        case "productFull": self.productFull
        case "category": self.category
        case "brand": self.brand
        case "price": self.price
        default: nil
        }
    }
}

extension FilterForm: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "from": self.from
        case "to": self.to
        case "tz": self.tz
        case "dateInputType": self.dateInputType
        case "loginStates": self.loginStates
        case "eventName": self.eventName
        case "eventNames": self.eventNames
        case "timeZones": self.timeZones
        case "hiddenFields": self.hiddenFields
        case "activeFilters": self.activeFilters
        case "hasActiveFilters": self.hasActiveFilters
        case "resetURL": self.resetURL
        case "hasError": self.hasError
        case "errorParameter": self.errorParameter
        case "errorMessage": self.errorMessage
        default: nil
        }
    }
}

extension KPICard: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "label": self.label
        case "value": self.value
        case "previous": self.previous
        case "change": self.change
        case "trend": self.trend
        case "arrow": self.arrow
        case "trendText": self.trendText
        case "note": self.note
        case "sparkline": self.sparkline
        case "hasSparkline": self.hasSparkline
        default: nil
        }
    }
}

extension OverviewSection: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "kpis": self.kpis
        case "links": self.links
        case "error": self.error
        case "trendTable": self.trendTable
        case "trendError": self.trendError
        default: nil
        }
    }
}

extension PipelineSection: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "jsonURL": self.jsonURL
        case "error": self.error
        case "facts": self.facts
        case "runs": self.runs
        case "hasRuns": self.hasRuns
        case "hourly": self.hourly
        case "rejects": self.rejects
        case "hasRejects": self.hasRejects
        case "unknownFields": self.unknownFields
        case "hasUnknownFields": self.hasUnknownFields
        case "enrichment": self.enrichment
        case "subtitle": self.subtitle
        default: nil
        }
    }
}

extension EnrichmentCard: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "geography": self.geography
        case "isGeographyOff": self.isGeographyOff
        case "notDerived": self.notDerived
        case "hasNotDerived": self.hasNotDerived
        case "rowsNotEnriched": self.rowsNotEnriched
        case "hasRowsNotEnriched": self.hasRowsNotEnriched
        default: nil
        }
    }
}

extension NotDerivedRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "reason": self.reason
        case "field": self.field
        case "events": self.events
        case "lastSeen": self.lastSeen
        default: nil
        }
    }
}

extension PipelineFact: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "label": self.label
        case "value": self.value
        case "note": self.note
        case "tone": self.tone
        default: nil
        }
    }
}

extension PipelineRunRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "runID": self.runID
        case "started": self.started
        case "startedUTC": self.startedUTC
        case "duration": self.duration
        case "status": self.status
        case "trigger": self.trigger
        case "objects": self.objects
        case "events": self.events
        case "duplicates": self.duplicates
        case "rejects": self.rejects
        case "error": self.error
        case "hasError": self.hasError
        default: nil
        }
    }
}

extension RejectGroup: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "reason": self.reason
        case "count": self.count
        case "samples": self.samples
        default: nil
        }
    }
}

extension RejectSampleRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "objectKey": self.objectKey
        case "position": self.position
        case "detail": self.detail
        case "excerpt": self.excerpt
        case "hasExcerpt": self.hasExcerpt
        case "rejectedAt": self.rejectedAt
        default: nil
        }
    }
}

extension UnknownFieldRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "dialect": self.dialect
        case "name": self.name
        case "count": self.count
        case "firstSeen": self.firstSeen
        case "lastSeen": self.lastSeen
        case "example": self.example
        default: nil
        }
    }
}

extension ProductsSection: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "table": self.table
        case "panels": self.panels
        default: nil
        }
    }
}

extension ProductsTable: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "title": self.title
        case "subtitle": self.subtitle
        case "rows": self.rows
        case "hasRows": self.hasRows
        case "links": self.links
        case "error": self.error
        case "footnote": self.footnote
        case "hasFootnote": self.hasFootnote
        default: nil
        }
    }
}

extension ProductTableRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "rank": self.rank
        case "name": self.name
        case "productID": self.productID
        case "category": self.category
        case "categoryURL": self.categoryURL
        case "hasCategory": self.hasCategory
        case "brand": self.brand
        case "brandURL": self.brandURL
        case "hasBrand": self.hasBrand
        case "views": self.views
        case "addToCarts": self.addToCarts
        case "rate": self.rate
        case "meter": self.meter
        default: nil
        }
    }
}

extension SelectOption: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "value": self.value
        case "label": self.label
        case "isSelected": self.isSelected
        default: nil
        }
    }
}

extension Suggestion: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "value": self.value
        default: nil
        }
    }
}

extension HiddenField: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "name": self.name
        case "value": self.value
        default: nil
        }
    }
}

extension ActiveFilter: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "name": self.name
        case "value": self.value
        case "removeURL": self.removeURL
        default: nil
        }
    }
}

extension PanelLinks: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "jsonURL": self.jsonURL
        case "csvURL": self.csvURL
        case "hasCSV": self.hasCSV
        default: nil
        }
    }
}

extension PanelError: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "title": self.title
        case "message": self.message
        case "requestID": self.requestID
        default: nil
        }
    }
}

extension DataTable: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "caption": self.caption
        case "headers": self.headers
        case "rows": self.rows
        default: nil
        }
    }
}

extension TableHeader: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "text": self.text
        case "isNumber": self.isNumber
        default: nil
        }
    }
}

extension TableRow: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "label": self.label
        case "cells": self.cells
        default: nil
        }
    }
}

extension TableCell: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "text": self.text
        case "isNumber": self.isNumber
        default: nil
        }
    }
}

extension SectionLink: MustacheParent {
    func child(named field: String) -> Any? {
        switch field {
        case "id": self.id
        case "title": self.title
        default: nil
        }
    }
}
