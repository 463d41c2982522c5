"""Proof that the definition tests bite.

On a copy of a built warehouse (the CI warehouse `make test` just built, or one built
here from a small generated dataset), one violation per rule is injected into the
tables the rules read, then `dbt test --select tag:definition` runs against the copy:

* on the clean copy every error-severity rule passes and the compliance mart counts
  the same violations as the tests;
* after the injections every rule's test fails (severity error) or warns (severity
  warn) as the seed configures, the injected contact is among its stored failing rows
  in the audit schema, and the steward report shows the status;
* editing the seed row in the warehouse (severity, warn_if) changes the outcome with
  no code change.

Needs a built warehouse: set LEAD_LIFECYCLE_BITE_DB (and LEAD_LIFECYCLE_BITE_RAW_DIR)
or let it use warehouse/lead_lifecycle_ci.duckdb with data/ci/raw; otherwise it builds
one (a few minutes).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from scripts import steward_report

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv/bin/dbt"
SEED = ROOT / "seeds/governance/definition_rules.csv"
LIFECYCLES = "intermediate.int_lead_lifecycles_derived"

pytestmark = pytest.mark.slow


@dataclass
class Injection:
    rule_id: str
    test_name: str
    contact_id: Any  # the contact that must appear among the failing rows (None: share rule)


def run_dbt(
    args: list[str], db: Path, raw_dir: Path, target: Path, reuse: Path | None = None
) -> subprocess.CompletedProcess:
    """Run dbt on `db`; `reuse` is an earlier target folder whose parse is reused."""
    if reuse is not None and (reuse / "partial_parse.msgpack").exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(reuse / "partial_parse.msgpack", target / "partial_parse.msgpack")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "LEAD_LIFECYCLE_TARGET": "dev",
        "LEAD_LIFECYCLE_DUCKDB_PATH": str(db),
        "LEAD_LIFECYCLE_RAW_DIR": str(raw_dir),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(target / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [str(DBT), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )


def statuses_in(target: Path) -> dict[str, dict[str, Any]]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r for r in results}


def seed_rules() -> dict[str, dict[str, str]]:
    with SEED.open(newline="") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def rule_tests() -> dict[str, str]:
    """rule_id -> test name, from the test files themselves."""
    found = {}
    for path in (ROOT / "tests/definitions").glob("*.sql"):
        text = path.read_text()
        if "definition_test_config('" in text:
            found[text.split("definition_test_config('")[1].split("'")[0]] = path.stem
    return found


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A built warehouse file and the raw folder its staging views read."""
    explicit = os.environ.get("LEAD_LIFECYCLE_BITE_DB")
    if explicit:
        return Path(explicit), Path(os.environ.get("LEAD_LIFECYCLE_BITE_RAW_DIR", "data/ci/raw"))
    ci_db, ci_raw = ROOT / "warehouse/lead_lifecycle_ci.duckdb", ROOT / "data/ci/raw"
    if ci_db.exists() and ci_raw.exists():
        return ci_db, ci_raw
    build_dir = tmp_path_factory.mktemp("bite_build")
    raw_dir, db = build_dir / "raw", build_dir / "warehouse.duckdb"
    subprocess.run(
        [sys.executable, "-m", "scripts.generate_demo_data", "--scale", "0.02", "--seed", "7",
         "--out", str(raw_dir)],
        cwd=ROOT, check=True, capture_output=True,
    )
    for args in (["seed", "--quiet"], ["run", "--select", "+tag:definition", "+fct_definition_compliance"]):
        result = run_dbt(args, db, raw_dir, build_dir / "target")
        assert result.returncode == 0, result.stdout[-3000:]
    return db, raw_dir


@pytest.fixture(scope="module")
def clean_copy(warehouse: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory):
    """The definition tests run on a copy of the clean warehouse. Every later run uses
    the same file name (work/warehouse.duckdb) so dbt can reuse its parse."""
    db, raw_dir = warehouse
    work = tmp_path_factory.mktemp("bite")
    live = work / "warehouse.duckdb"
    shutil.copy(db, live)
    target = work / "target_clean"
    result = run_dbt(["test", "--select", "tag:definition"], live, raw_dir, target)
    clean = work / "clean.duckdb"
    shutil.copy(live, clean)
    return clean, raw_dir, target, result


def pick(connection: duckdb.DuckDBPyConnection, sql: str, used: set, test_name: str) -> Any:
    """The first contact of `sql` not used yet and not already failing the rule."""
    rows = [r[0] for r in connection.execute(sql).fetchall()]
    failing = {r[0] for r in connection.execute(f"select contact_id from audit.{test_name}").fetchall()}
    for contact_id in rows:
        if contact_id not in used and contact_id not in failing:
            used.add(contact_id)
            return contact_id
    pytest.fail(f"the dataset has no contact to inject a violation into: {sql}")


def inject_violations(db: Path) -> list[Injection]:
    """One violation per rule, each on its own contact."""
    tests = rule_tests()
    used: set = set()
    c = duckdb.connect(str(db))
    out: list[Injection] = []

    def add(rule_id: str, contact_id: Any) -> None:
        out.append(Injection(rule_id, tests[rule_id], contact_id))

    # a lead whose MQL is dated but whose lead date went missing (an undated lead is not
    # a violation: its export dates none of its stages)
    lead = pick(c, f"select contact_id from {LIFECYCLES} where is_lead and lead_at is not null "
                   "and mql_at is not null and sql_at is null order by 1", used, tests["LEAD-01"])
    c.execute(f"update {LIFECYCLES} set lead_at = null where contact_id = ?", [lead])
    add("LEAD-01", lead)

    staged = pick(c, f"select contact_id from {LIFECYCLES} where lead_at is not null "
                     "and mql_at is not null and sql_at is null order by 1", used, tests["STAGE-01"])
    c.execute(f"update {LIFECYCLES} set lead_at = mql_at + interval 1 day where contact_id = ?", [staged])
    add("STAGE-01", staged)

    mql = pick(c, "select contact_id from intermediate.int_mql_qualifications_evaluated "
                  "where mql_qualification_path = 'score' order by 1", used, tests["MQL-01"])
    c.execute("update intermediate.int_mql_qualifications_evaluated "
              "set qualifies_as_mql_at = timestamp '2001-01-01' where contact_id = ?", [mql])
    add("MQL-01", mql)

    crm_mql = pick(c, f"select contact_id from {LIFECYCLES} where crm_mql_at is not null order by 1", used, tests["MQL-02"])
    c.execute(f"update {LIFECYCLES} set crm_mql_at = timestamp '2001-01-01' where contact_id = ?", [crm_mql])
    add("MQL-02", crm_mql)

    passed = pick(c, f"select contact_id from {LIFECYCLES} where qualifies_as_mql_at is not null "
                     "and (crm_mql_at is not null or crm_sql_at is not null) and not is_deleted "
                     "and sql_at is null order by 1", used, tests["MQL-03"])
    c.execute(f"update {LIFECYCLES} set crm_mql_at = null, crm_sql_at = null where contact_id = ?", [passed])
    add("MQL-03", passed)

    sqls = f"select contact_id from {LIFECYCLES} where sql_at is not null order by 1"
    unaccepted = pick(c, sqls, used, tests["SQL-01"])
    c.execute(f"update {LIFECYCLES} set sql_at = sql_at - interval 1 second where contact_id = ?",
              [unaccepted])
    add("SQL-01", unaccepted)

    budgetless = pick(c, sqls, used, tests["SQL-02"])
    # the SQL checks read the property history once, remapped to surviving contacts
    c.execute(
        "delete from intermediate.int_contact_property_history_remapped "
        "where property_name = 'qualification_budget' and contact_id = ?",
        [budgetless],
    )
    add("SQL-02", budgetless)

    ownerless = pick(c, sqls, used, tests["SQL-03"])
    c.execute(f"update {LIFECYCLES} set owner_id = null where contact_id = ?", [ownerless])
    add("SQL-03", ownerless)

    mql_less = pick(
        c,
        f"select l.contact_id from {LIFECYCLES} as l where l.sql_at is not null and not exists ("
        " select 1 from intermediate.int_lead_signals_unioned as s"
        " where s.contact_id = l.contact_id and s.is_direct_conversation) order by 1",
        used, tests["SQL-04"]
    )
    c.execute(f"update {LIFECYCLES} set mql_at = null where contact_id = ?", [mql_less])
    add("SQL-04", mql_less)

    crm_sql = pick(c, f"select contact_id from {LIFECYCLES} where crm_sql_at is not null order by 1", used, tests["SQL-05"])
    c.execute(f"update {LIFECYCLES} set crm_sql_at = timestamp '2001-01-01' where contact_id = ?", [crm_sql])
    add("SQL-05", crm_sql)

    opportunity = pick(c, f"select contact_id from {LIFECYCLES} where opportunity_at is not null "
                          "and sql_at is not null order by 1", used, tests["OPP-01"])
    c.execute(f"update {LIFECYCLES} set sql_at = null, crm_sql_at = null where contact_id = ?",
              [opportunity])
    add("OPP-01", opportunity)

    early_deal = pick(c, f"select contact_id from {LIFECYCLES} where opportunity_at is not null "
                         "and sql_at is not null and crm_sql_at is not null order by 1", used, tests["OPP-02"])
    c.execute(f"update {LIFECYCLES} set sql_at = null where contact_id = ?", [early_deal])
    add("OPP-02", early_deal)

    customer = pick(c, f"select contact_id from {LIFECYCLES} where customer_at is not null order by 1", used, tests["CUST-01"])
    c.execute(f"update {LIFECYCLES} set opportunity_at = null where contact_id = ?", [customer])
    add("CUST-01", customer)

    disqualified = pick(c, f"select contact_id from {LIFECYCLES} where disqualified_at is not null "
                           "and disqualification_reason is not null order by 1", used, tests["DISQ-01"])
    c.execute(f"update {LIFECYCLES} set disqualification_reason = null where contact_id = ?", [disqualified])
    add("DISQ-01", disqualified)

    # a share rule: every MQL's first-touch clock breached
    c.execute("update marts.fct_lead_response_sla set is_breached = true, is_pending = false "
              "where from_stage = 'mql'")
    add("SLA-01", None)
    c.close()
    return out


def test_clean_warehouse_passes_every_error_rule(clean_copy) -> None:
    copy, _, target, result = clean_copy
    statuses = statuses_in(target)
    rules, tests = seed_rules(), rule_tests()
    assert set(tests.values()) <= set(statuses), result.stdout[-3000:]
    for rule_id, test_name in tests.items():
        status = statuses[test_name]["status"]
        if rules[rule_id]["severity"] == "error":
            assert status == "pass", (rule_id, status, statuses[test_name]["message"])
        else:
            assert status in ("pass", "warn"), (rule_id, status)


def test_compliance_mart_counts_what_the_tests_count(clean_copy) -> None:
    copy, _, target, _ = clean_copy
    statuses = statuses_in(target)
    connection = duckdb.connect(str(copy), read_only=True)
    mart = dict(connection.execute(
        "select rule_id, sum(violations) from marts.fct_definition_compliance group by 1"
    ).fetchall())
    connection.close()
    for rule_id, test_name in rule_tests().items():
        assert int(mart.get(rule_id) or 0) == statuses[test_name]["failures"], rule_id


def test_each_injected_violation_is_caught(clean_copy) -> None:
    clean_db, raw_dir, clean_target, _ = clean_copy
    clean = statuses_in(clean_target)
    db = clean_db.with_name("warehouse.duckdb")
    shutil.copy(clean_db, db)
    injections = inject_violations(db)
    target = clean_db.parent / "target_injected"
    run_dbt(["test", "--select", "tag:definition"], db, raw_dir, target, reuse=clean_target)
    statuses = statuses_in(target)
    rules = seed_rules()

    connection = duckdb.connect(str(db), read_only=True)
    for injection in injections:
        result = statuses[injection.test_name]
        expected = "fail" if rules[injection.rule_id]["severity"] == "error" else "warn"
        assert result["status"] == expected, (injection, result["status"], result["message"])
        if injection.contact_id is None:  # a share rule: more failing rows than before
            assert result["failures"] > clean[injection.test_name]["failures"], injection
            continue
        failing = {
            row[0]
            for row in connection.execute(f"select contact_id from audit.{injection.test_name}").fetchall()
        }
        assert injection.contact_id in failing, injection
    connection.close()

    report = clean_db.parent / "report"
    steward_report.write_report(target, report, ROOT, db)
    markdown = (report / "index.md").read_text()
    for injection in injections:
        word = "FAILING" if rules[injection.rule_id]["severity"] == "error" else "WARNING"
        assert f"### {injection.rule_id}: {word}" in markdown
        assert f"`audit.{injection.test_name}`" in markdown

    # severity is configuration: the seed rows, edited in the warehouse, decide
    connection = duckdb.connect(str(db))
    connection.execute(
        "update reference.definition_rules set severity = 'warn' where rule_id = 'OPP-01'"
    )
    connection.execute(
        "update reference.definition_rules set severity = 'warn', warn_if = '>100%'"
        " where rule_id = 'CUST-01'"
    )
    connection.close()
    reconfigured = clean_db.parent / "target_reconfigured"
    run_dbt(
        ["test", "--select", rule_tests()["OPP-01"], rule_tests()["CUST-01"]], db, raw_dir, reconfigured,
        reuse=clean_target,
    )
    statuses = statuses_in(reconfigured)
    assert statuses[rule_tests()["OPP-01"]]["status"] == "warn"  # was fail
    assert statuses[rule_tests()["CUST-01"]]["status"] == "pass"  # was fail
    connection = duckdb.connect(str(db), read_only=True)
    kept = connection.execute(f"select count(*) from audit.{rule_tests()['CUST-01']}").fetchone()[0]
    connection.close()
    assert kept >= 1  # the violating rows are still stored, just below the new bar

