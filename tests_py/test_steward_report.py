"""scripts.steward_report on hand-built dbt artifacts: every rule listed in plain words
with its parameters, tests, status, violations and audit table."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from scripts import steward_report

SEED = """rule_id,definition,statement,owner,severity,warn_if,error_if,recorded_by
MQL-02,mql,"Every CRM MQL met the bar.",marketing ops,warn,>0,>5%,crm
OPP-01,opportunity,"Every opportunity belongs to an SQL.",sales ops,error,>0,>0,warehouse
SLA-01,sla,"Few MQLs wait too long.",sales ops,error,>var(mql_sla_breach_share_limit),>var(mql_sla_breach_share_limit),crm
CUST-01,customer,"Every customer had an opportunity.",revenue ops,error,>0,>0,warehouse
"""


def definition_test_node(name: str, rule_id: str, definition: str, macros: list[str]) -> dict:
    return {
        "resource_type": "test",
        "name": name,
        "schema": "audit",
        "alias": name,
        "tags": ["definition", definition],
        "meta": {},
        "raw_code": f"{{{{ lead_lifecycle.evaluate_definition_rule('{rule_id}', lead_lifecycle.check_{name}()) }}}}",
        "config": {"store_failures": True, "tags": ["definition", definition],
                   "meta": {"rule_id": rule_id, "definition": definition}},
        "depends_on": {"macros": macros, "nodes": []},
    }


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds/governance").mkdir(parents=True)
    (tmp_path / "seeds/governance/definition_rules.csv").write_text(SEED)
    (tmp_path / "dbt_project.yml").write_text(
        "name: x\nvars:\n  mql_score_threshold: 50\n  mql_sla_breach_share_limit: 0.2\n"
    )
    target = tmp_path / "target"
    target.mkdir()
    manifest = {
        "nodes": {
            "test.x.mql_02": definition_test_node("mql_02", "MQL-02", "mql", []),
            "test.x.opp_01": definition_test_node("opp_01", "OPP-01", "opportunity", []),
            "test.x.sla_01": definition_test_node("sla_01", "SLA-01", "sla", []),
            "test.x.not_a_rule": {"resource_type": "test", "name": "unique_x", "tags": [],
                                  "config": {}, "depends_on": {}},
        },
        "macros": {
            # found through the test's text: it calls lead_lifecycle.check_mql_02()
            "macro.lead_lifecycle.check_mql_02": {
                "macro_sql": "... var('mql_score_threshold') ...",
                "depends_on": {"macros": ["macro.lead_lifecycle.helper"]},
            },
            "macro.lead_lifecycle.helper": {
                "macro_sql": "... var(\"mql_min_distinct_actions\") ...",
                "depends_on": {"macros": []},
            },
        },
        "docs": {
            "doc.x.def_mql": {"name": "def_mql", "block_contents": "An MQL is a lead with {{ doc('def_lead_score') }}."},
            "doc.x.def_lead_score": {"name": "def_lead_score", "block_contents": "fit plus behaviour points"},
        },
    }
    run_results = {
        "results": [
            {"unique_id": "test.x.mql_02", "status": "warn", "failures": 3, "message": None},
            {"unique_id": "test.x.opp_01", "status": "fail", "failures": 1, "message": None},
            {"unique_id": "test.x.sla_01", "status": "pass", "failures": 0, "message": None},
        ]
    }
    (target / "manifest.json").write_text(json.dumps(manifest))
    (target / "run_results.json").write_text(json.dumps(run_results))
    return tmp_path


def test_report_lists_every_rule_with_status_and_audit_table(project: Path) -> None:
    rules = steward_report.write_report(project / "target", project / "out", project)
    by_id = {rule.rule_id: rule for rule in rules}
    assert [r.rule_id for r in rules] == ["MQL-02", "OPP-01", "CUST-01", "SLA-01"]  # definition order
    assert by_id["MQL-02"].status == "warn" and by_id["MQL-02"].violations == 3
    assert by_id["OPP-01"].status == "fail"
    assert by_id["CUST-01"].status is None and by_id["CUST-01"].tests == []
    # vars found through the macro closure, with their values from dbt_project.yml
    assert by_id["MQL-02"].parameters == {
        "mql_score_threshold": 50,
        "mql_min_distinct_actions": "(default)",
    }
    assert by_id["SLA-01"].parameters == {"mql_sla_breach_share_limit": 0.2}
    markdown = (project / "out/index.md").read_text()
    assert "Every opportunity belongs to an SQL." in markdown
    assert "FAILING, 1 violating row; failing rows in `audit.opp_01`" in markdown
    assert "WARNING, 3 violating rows" in markdown
    assert "warns when more than 0 violating rows; never fails the build" in markdown
    assert "fails the build when more than the share in `mql_sla_breach_share_limit`" in markdown
    assert "none enforce this rule" in markdown  # CUST-01 has no test
    assert "An MQL is a lead with (fit plus behaviour points)." in markdown
    html_text = (project / "out/index.html").read_text()
    assert "<h3 id='OPP-01'>" in html_text and "audit.opp_01" in html_text


def test_report_reads_audit_rows_and_trend_from_warehouse(project: Path) -> None:
    db = project / "warehouse.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute("create schema audit; create schema marts")
    connection.execute(
        "create table audit.opp_01 as select 7 as contact_id, timestamp '2025-03-01' as checked_at,"
        " 'opportunity without sql' as check_detail, 'sql_at=null' as observed,"
        " 40 as rows_checked, 1 as violations"
    )
    connection.execute(
        "create table marts.fct_definition_compliance as select 'OPP-01' as rule_id,"
        " date '2025-03-01' as month_start_date, 40 as rows_checked, 1 as violations"
    )
    connection.close()
    steward_report.write_report(project / "target", project / "out", project, db)
    markdown = (project / "out/index.md").read_text()
    assert "1 violating row of 40 checked (2.5%)" in markdown
    assert "| 7 | 2025-03-01 00:00:00 | opportunity without sql | sql_at=null |" in markdown
    assert "2025-03: 1/40 (2%)" in markdown


def test_main_without_artifacts_fails_clearly(tmp_path: Path, capsys) -> None:
    status = steward_report.main(["--target-path", str(tmp_path), "--out", str(tmp_path / "o")])
    assert status == 2
    assert "manifest.json not found" in capsys.readouterr().err


def test_definition_text_renders_inline_markdown_and_stays_escaped() -> None:
    from scripts.steward_report import inline_markdown_to_html

    rendered = inline_markdown_to_html("**Lead.** A <b> `lead_at` is **first** contact")
    assert rendered == (
        "<strong>Lead.</strong> A &lt;b&gt; <code>lead_at</code> is <strong>first</strong> contact"
    )
