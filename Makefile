# lead_lifecycle: two commands do everything on a fresh clone.
#   make demo   build the warehouse with demo data (DuckDB file under warehouse/)
#   make test   lint + build and test on a small fixed dataset + pytest
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
DBT         := $(BIN)/dbt
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

DEMO_SCALE  ?= 1
DEMO_SEED   ?= 42
DEMO_RAW    ?= data/raw
TEST_RAW    := data/ci/raw
TEST_DB     := warehouse/lead_lifecycle_ci.duckdb

.PHONY: help demo test venv generate build lint pytest clean

help:
	@echo "make demo   build the lead warehouse on DuckDB with demo data"
	@echo "make test   run every check (sqlfluff, dbt build on fixed data, pytest)"

$(STAMP): requirements.txt requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -c requirements-lock.txt
	touch $(STAMP)

venv: $(STAMP)

generate: venv
	$(BIN)/python -m scripts.generate_demo_data --scale $(DEMO_SCALE) --seed $(DEMO_SEED) --out $(DEMO_RAW)

build: venv
	mkdir -p warehouse
	LEAD_LIFECYCLE_RAW_DIR=$(DEMO_RAW) $(DBT) seed --quiet
	LEAD_LIFECYCLE_RAW_DIR=$(DEMO_RAW) $(DBT) build

demo: generate build
	@echo ""
	@echo "Warehouse: warehouse/lead_lifecycle.duckdb (schemas staging, intermediate, marts, audit)"

lint: venv
	LEAD_LIFECYCLE_TARGET=ci LEAD_LIFECYCLE_RAW_DIR=$(TEST_RAW) $(BIN)/sqlfluff lint models macros tests analyses snapshots

test: venv
	rm -f $(TEST_DB)
	mkdir -p warehouse
	$(BIN)/python -m scripts.generate_demo_data --scale 0.05 --seed 7 --out $(TEST_RAW)
	$(MAKE) lint
	LEAD_LIFECYCLE_TARGET=ci LEAD_LIFECYCLE_RAW_DIR=$(TEST_RAW) $(DBT) seed --quiet
	LEAD_LIFECYCLE_TARGET=ci LEAD_LIFECYCLE_RAW_DIR=$(TEST_RAW) $(DBT) build
	$(BIN)/pytest

clean:
	rm -rf target target_* logs warehouse data reports
