# lead_lifecycle: two commands do everything on a fresh clone.
#   make demo   build the warehouse with demo data (DuckDB file under warehouse/)
#   make test   lint + build and test on a small fixed dataset (DuckDB, then PostgreSQL
#               and Spark with a comparison of the marts) + pytest
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
DBT         := $(BIN)/dbt
PY          := $(BIN)/python
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

DEMO_SCALE  ?= 1
DEMO_SEED   ?= 42
DEMO_RAW    ?= data/raw
DEMO_DB     := warehouse/lead_lifecycle.duckdb
DEMO_MARTS  := warehouse/lead_lifecycle_marts.duckdb
DAILY_VARS  := {data_test_window_days: 3}
TEST_RAW    := data/ci/raw
TEST_DB     := warehouse/lead_lifecycle_ci.duckdb
TEST_TARGET := target_ci
SPARK_STAMP := $(VENV)/.installed-spark
CHROMIUM    := /usr/bin/chromium

# Every dbt call of a job sees the same raw folder and warehouse file.
DEMO_ENV    := LEAD_LIFECYCLE_TARGET=dev LEAD_LIFECYCLE_RAW_DIR=$(DEMO_RAW) LEAD_LIFECYCLE_DUCKDB_PATH=$(DEMO_DB)
TEST_ENV    := LEAD_LIFECYCLE_TARGET=ci LEAD_LIFECYCLE_RAW_DIR=$(TEST_RAW) LEAD_LIFECYCLE_DUCKDB_PATH=$(TEST_DB) DBT_TARGET_PATH=$(TEST_TARGET) LEAD_LIFECYCLE_MARTS_DB=$(TEST_DB)

.PHONY: help demo daily test venv venv-spark java browser generate validate-raw build publish reports lint test-data test-build test-engines test-postgres test-spark pytest benchmark import clean

help:
	@echo "make demo   build the lead warehouse on DuckDB with demo data, and its reports"
	@echo "make test   run every check (sqlfluff, dbt build + tests on fixed data, pytest)"
	@echo "make daily  after a day of new raw events: incremental build, tests on the recent window"
	@echo "make test-engines   the same project on PostgreSQL and Spark, marts compared with DuckDB"
	@echo "make benchmark   whole-job build vs its floor, a daily incremental run, memory and spill per scale factor"
	@echo "make import MAPPING=mappings/hubspot_ui.yml SRC=exports OUT=data/my_raw [TIMEZONE=Europe/Berlin]"
	@echo "             your CRM / web exports -> a raw folder for: make build publish reports DEMO_RAW=data/my_raw"

# --- set-up: the project installs what it needs, pinned ---------------------
$(STAMP): requirements.txt requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -c requirements-lock.txt
	touch $(STAMP)

venv: $(STAMP)

# Spark (pyspark, a large download) only for the Spark target, into the same venv.
$(SPARK_STAMP): $(STAMP) requirements-spark.txt
	$(BIN)/pip install --quiet -r requirements-spark.txt -c requirements-lock.txt
	touch $(SPARK_STAMP)

venv-spark: $(SPARK_STAMP)

# Spark runs in-process on Java 17 (on the machine image; Debian's package otherwise).
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Debian's openjdk-17 for the Spark target"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# Headless Chromium (Debian's package) renders the funnel report in a test.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the report rendering test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# --- main job ---------------------------------------------------------------
generate: venv
	$(PY) -m scripts.generate_demo_data --scale $(DEMO_SCALE) --seed $(DEMO_SEED) --out $(DEMO_RAW)

validate-raw: venv
	$(PY) -m scripts.validate_raw --raw-dir $(DEMO_RAW) --docs-dir reports/gx/raw

build: venv
	mkdir -p warehouse
	$(DEMO_ENV) $(DBT) seed --quiet
	$(DEMO_ENV) $(DBT) build

# BI tools open the published copy of the marts, never the file dbt writes
publish: venv
	$(PY) -m scripts.publish_marts --db $(DEMO_DB) --out $(DEMO_MARTS)

reports: venv
	$(DEMO_ENV) $(PY) -m scripts.validate_marts --db $(DEMO_DB) --docs-dir reports/gx/marts
	$(DEMO_ENV) $(PY) -m scripts.funnel_report --db $(DEMO_DB) --out reports/funnel
	$(DEMO_ENV) $(PY) -m scripts.steward_report --target-path target --db $(DEMO_DB) --out reports/steward

# The daily run after a day of new events: incremental models take the new rows, the
# large tables' generic tests read the last days only; the whole-table checks tagged
# nightly and the unit tests wait for the next full run (doc data_test_window). make
# build is the nightly.
daily: venv
	$(DEMO_ENV) $(DBT) build --selector daily --vars '$(DAILY_VARS)'

demo: generate validate-raw build publish reports
	@echo ""
	@echo "Done. Results:"
	@echo "  warehouse       $(DEMO_DB)  (schemas staging, intermediate, marts, reference, snapshots, audit)"
	@echo "  marts for BI    $(DEMO_MARTS)  (published copy of schema marts, swapped in atomically)"
	@echo "  funnel report   reports/funnel/index.html"
	@echo "  steward report  reports/steward/index.html (and index.md)"
	@echo "  data docs       reports/gx/raw, reports/gx/marts"

# --- tests ------------------------------------------------------------------
test-data: venv
	rm -rf $(TEST_RAW) $(TEST_DB)
	mkdir -p warehouse
	$(PY) -m scripts.generate_demo_data --scale 0.05 --seed 7 --out $(TEST_RAW)
	$(PY) -m scripts.validate_raw --raw-dir $(TEST_RAW) --docs-dir reports/gx-ci/raw

lint: venv
	$(TEST_ENV) $(BIN)/sqlfluff lint --processes 2 models tests snapshots

test-build: venv
	$(TEST_ENV) $(DBT) seed --quiet
	$(TEST_ENV) $(DBT) build
	$(TEST_ENV) $(PY) -m scripts.validate_marts --db $(TEST_DB) --target-path $(TEST_TARGET) --docs-dir reports/gx-ci/marts
	$(TEST_ENV) $(PY) -m scripts.steward_report --target-path $(TEST_TARGET) --db $(TEST_DB) --out reports/steward-ci

# The same project on PostgreSQL (a throwaway PostgreSQL 15 cluster, every model,
# snapshot, unit test and data test) and on Spark (a local session, models and data
# tests), on the CI data; each engine's marts are compared with DuckDB's build of the
# same data (scripts/engines.py). Needs test-data and test-build.
test-postgres: venv
	$(PY) -m scripts.engines postgres --raw-dir $(TEST_RAW) --duckdb $(TEST_DB)

test-spark: venv-spark java
	$(PY) -m scripts.engines spark --raw-dir $(TEST_RAW) --duckdb $(TEST_DB)

test-engines: test-postgres test-spark

pytest: venv browser
	$(TEST_ENV) $(BIN)/pytest

test: venv browser test-data lint test-build test-engines pytest

benchmark: venv
	$(PY) -m scripts.benchmark --scales 1 10 50 --memory-limit 8GB

# --- bring your own exports (docs/import/) ----------------------------------
# MAPPING: one or more mapping files (presets in mappings/), SRC: folder of exported
# files, OUT: raw folder to write, TIMEZONE: the CRM's time zone for times without one,
# IMPORT_REPORT: where the import report is also written.
MAPPING     ?=
SRC         ?= exports
OUT         ?= data/my_raw
TIMEZONE    ?=
IMPORT_REPORT ?= reports/import/report.md

import: venv
	@test -n "$(MAPPING)" || { echo "usage: make import MAPPING=mappings/hubspot_ui.yml SRC=exports OUT=data/my_raw [TIMEZONE=Europe/Berlin]"; exit 2; }
	$(PY) -m scripts.import_exports $(foreach mapping,$(MAPPING),--mapping $(mapping)) --src $(SRC) --out $(OUT) \
	  $(if $(TIMEZONE),--timezone $(TIMEZONE)) --report $(IMPORT_REPORT)

clean:
	rm -rf target target_* logs logs_* warehouse data reports metastore_db spark-warehouse derby.log
