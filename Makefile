# clickstream: `make run` and `make test` do all the set-up on a fresh Debian machine.
SWIFT ?= swift
BIN := .build/release/clickstream
DEMO_EVENTS ?= 60000
DEMO_DAYS ?= 30

.PHONY: run test build release setup bench clean

## Install what is missing, build, start the embedded PostgreSQL, fill a demo lake, ETL, serve on 3838.
run: setup release
	@if [ -z "$$DATABASE_URL$$RAW_BUCKET$$LAKE_DIR" ] && [ ! -d .clickstream/lake/events ]; then \
		$(BIN) generate --days $(DEMO_DAYS) --events $(DEMO_EVENTS); fi
	$(BIN) serve

## The whole test suite against a real PostgreSQL started for it.
test: setup
	scripts/test.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

setup:
	@scripts/setup.sh

## Benchmarks: ETL against psql \copy, dashboard server time at 1M events.
bench: setup release
	scripts/bench.sh

clean:
	rm -rf .build .clickstream
