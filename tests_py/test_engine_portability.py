"""Rules that keep the project portable to PostgreSQL and Spark, checked without a
server (the builds themselves run in `make test-engines`):

* every relation dbt creates has a name PostgreSQL accepts (63 characters at most),
  including unit tests, which dbt materialises under their own name;
* no double-quoted identifier is written in SQL: on Spark "timestamp" is a string
  literal, so such a column silently holds the same text in every row; write
  {{ adapter.quote('timestamp') }} instead;
* the dbt profile's Spark session and scripts/spark_session.py (load_raw) agree, so
  dbt reads the tables the loader wrote;
* the cross-engine mart comparison reports real differences and only those;
* the Spark build leaves out only the intermediate models' own data tests (the
  definition tests, which also read the intermediate models, still run).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import engines
from scripts.spark_session import spark_conf

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_MAX_IDENTIFIER = 63
SQL_FOLDERS = ("models", "tests", "macros", "snapshots", "analyses")


def _yml_files() -> list[Path]:
    return sorted(path for folder in ("models", "seeds", "snapshots")
                  for path in (REPO_ROOT / folder).rglob("*.yml"))


def relation_names() -> dict[str, Path]:
    """Names of unit tests, snapshots and SQL/CSV nodes, with the file defining each."""
    names = {}
    for path in _yml_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("unit_tests", "snapshots"):
            for entry in document.get(key) or []:
                names[entry["name"]] = path
    for folder, suffix in (("models", ".sql"), ("seeds", ".csv"), ("snapshots", ".sql")):
        for path in (REPO_ROOT / folder).rglob(f"*{suffix}"):
            names[path.stem] = path
    return names


def double_quoted_identifiers(sql: str) -> list[str]:
    """"name" tokens left in SQL once Jinja, comments and string literals are removed."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", sql, flags=re.S)
    text = re.sub(r"--[^\n]*", " ", text)
    text = re.sub(r"'(?:[^']|'')*'", "''", text)
    return re.findall(r'"[A-Za-z_][A-Za-z0-9_]*"', text)


def test_relation_names_fit_postgres() -> None:
    names = relation_names()
    assert len(names) > 50
    too_long = {name: str(path.relative_to(REPO_ROOT)) for name, path in names.items()
                if len(name) > POSTGRES_MAX_IDENTIFIER}
    assert not too_long, f"names longer than {POSTGRES_MAX_IDENTIFIER} characters: {too_long}"


def test_no_double_quoted_identifiers_in_sql() -> None:
    found = {}
    for folder in SQL_FOLDERS:
        for path in (REPO_ROOT / folder).rglob("*.sql"):
            hits = double_quoted_identifiers(path.read_text(encoding="utf-8"))
            if hits:
                found[str(path.relative_to(REPO_ROOT))] = hits
    assert not found, f"quote identifiers with adapter.quote(): {found}"


def test_double_quoted_identifier_detection() -> None:
    assert double_quoted_identifiers('select "timestamp" as at from t') == ['"timestamp"']
    assert double_quoted_identifiers(
        "select {{ adapter.quote('timestamp') }}, '\"x\"' as text -- \"comment\"\n{# \"y\" #}"
    ) == []


def test_profile_spark_session_matches_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEAD_LIFECYCLE_SPARK_DIR", raising=False)
    profile = yaml.safe_load((REPO_ROOT / "profiles.yml").read_text(encoding="utf-8"))
    spark = profile["lead_lifecycle"]["outputs"]["spark"]
    rendered = {
        key: str(value).replace("{{ env_var('LEAD_LIFECYCLE_SPARK_DIR', 'warehouse/spark') }}",
                                "warehouse/spark")
        for key, value in spark["server_side_parameters"].items()
    }
    assert spark["method"] == "session"
    assert rendered == spark_conf(Path("warehouse/spark"))


def test_mart_comparison_finds_differences_only() -> None:
    duckdb = {"dim_leads": {"rows": 10, "lead_at.min": "2025-01-01 10:00:00", "score.sum": 1 / 3,
                            "channel.distinct": 4}}
    same = {"dim_leads": {"rows": 10, "lead_at.min": "2025-01-01T10:00:00.000", "score.sum": 0.3333333334,
                          "channel.distinct": 4}}
    assert engines.compare(duckdb, same, "spark") == []
    constant = {"dim_leads": {"rows": 10, "lead_at.min": "2025-01-01 10:00:00", "score.sum": 1 / 3,
                              "channel.distinct": 1}}
    assert engines.compare(duckdb, constant, "spark") == [
        "dim_leads.channel.distinct: DuckDB 4, spark 1"]
    assert engines.compare(duckdb, {"dim_leads": None}, "spark") == ["dim_leads: built on DuckDB only"]


def test_spark_build_leaves_out_only_intermediate_tests(tmp_path: Path) -> None:
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO_ROOT), "LEAD_LIFECYCLE_TARGET": "ci",
           "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}

    def tests(*selection: str) -> set[str]:
        listed = subprocess.run(
            [str(Path(sys.executable).parent / "dbt"), "ls", "--quiet", "--resource-type", "test",
             "--output", "name", *selection],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True)
        return set(listed.stdout.split())

    every_test = tests()
    on_spark = tests(*engines.SPARK_BUILD_SELECTION)
    assert {"sql_05_crm_sqls_meet_definition", "mql_02_crm_mqls_met_bar",
            "unique_fct_opportunities_opportunity_id"} <= on_spark
    assert "unique_int_contacts_merged_contact_id" not in on_spark
    # what is left out is written on an intermediate model (its yml) or reads
    # intermediate models (or snapshots) and nothing else
    nodes = json.loads((tmp_path / "target" / "manifest.json").read_text())["nodes"]
    test_nodes = {node["name"]: node for node in nodes.values() if node["resource_type"] == "test"}
    beyond = sorted(name for name in every_test - on_spark
                    if not test_nodes[name]["original_file_path"].startswith("models/intermediate/")
                    and not all(parent.startswith("snapshot.") or nodes[parent]["fqn"][1] == "intermediate"
                                for parent in test_nodes[name]["depends_on"]["nodes"]))
    assert beyond == []
