"""The data steward's view of the written definitions, from dbt's own artifacts.

    python -m scripts.steward_report --target-path target --out reports/steward

Reads `manifest.json` and `run_results.json` from the dbt target path and writes
`index.md` and `index.html` under `--out`: for every definition (lead, MQL, SQL,
opportunity, customer, disqualification, SLA) the written definition in plain words,
then each of its rules with the parameters it depends on (project vars and seed
values), the tests that enforce it, their latest status and number of violations, and
the audit table holding the failing rows; then the raw data quality of the build
(unusable files, quarantined rows and values set to null by reason, values the seeds do
not know). No SQL knowledge needed to read it.

Rules and thresholds come from seeds/governance/definition_rules.csv (the file the
steward edits); the vars a rule depends on are found by following the macros its test
calls in the manifest and reading their values from dbt_project.yml.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

DEFINITION_ORDER = ("lead", "mql", "sql", "opportunity", "customer", "disqualification", "sla")
DEFINITION_TITLES = {
    "lead": "Lead",
    "mql": "Marketing qualified lead (MQL)",
    "sql": "Sales qualified lead (SQL)",
    "opportunity": "Opportunity",
    "customer": "Customer",
    "disqualification": "Disqualification",
    "sla": "Response service level (SLA)",
}
# The doc block that holds each definition's written text (models/docs/*.md).
DEFINITION_DOCS = {
    "lead": ["def_lead", "def_suspect"],
    "mql": ["def_lead_score", "def_qualified_conversation", "def_mql"],
    "sql": ["def_sales_acceptance", "def_logged_conversation", "def_sql"],
    "opportunity": ["def_opportunity"],
    "customer": ["def_customer"],
    "disqualification": ["def_disqualified"],
    "sla": ["sla_policy"],
}
STATUS_WORDS = {
    "pass": "OK",
    "warn": "WARNING",
    "fail": "FAILING",
    "error": "ERROR (test could not run)",
    "skipped": "skipped",
    None: "not run",
}
VAR_PATTERN = re.compile(r"var\(\s*['\"]([A-Za-z0-9_]+)['\"]")
DOC_PATTERN = re.compile(r"\{\{\s*doc\(\s*['\"]([A-Za-z0-9_]+)['\"]\s*\)\s*\}\}")
RULES_SEED = Path("seeds/governance/definition_rules.csv")


@dataclass
class TestStatus:
    name: str
    unique_id: str
    status: str | None
    failures: int | None
    message: str | None
    audit_table: str | None
    tags: list[str]
    rows_checked: int | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Rule:
    rule_id: str
    definition: str
    statement: str
    owner: str
    severity: str
    warn_if: str
    error_if: str
    recorded_by: str
    parameters: dict[str, Any] = field(default_factory=dict)
    tests: list[TestStatus] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        """The worst status of the rule's tests."""
        order = ["error", "fail", "warn", "pass", "skipped", None]
        statuses = [t.status for t in self.tests] or [None]
        return min(statuses, key=lambda s: order.index(s) if s in order else 0)

    @property
    def violations(self) -> int | None:
        counts = [t.failures for t in self.tests if t.failures is not None]
        return sum(counts) if counts else None


# ---------------------------------------------------------------------- loading


def load_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run dbt (parse/build) with this target path first")
    return json.loads(path.read_text())


def load_rules_seed(project_dir: Path) -> dict[str, dict[str, str]]:
    path = project_dir / RULES_SEED
    if not path.exists():
        return {}
    with path.open(newline="") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def load_project_vars(project_dir: Path) -> dict[str, Any]:
    path = project_dir / "dbt_project.yml"
    if not path.exists():
        return {}
    return (yaml.safe_load(path.read_text()) or {}).get("vars", {}) or {}


PROJECT_MACRO_CALL = re.compile(r"lead_lifecycle\.([A-Za-z0-9_]+)")


def macro_closure(manifest: dict[str, Any], macro_ids: list[str]) -> list[str]:
    """All project macros reachable from macro_ids: through depends_on.macros and
    through `lead_lifecycle.<macro>` references in their text (dbt does not always
    record macros called through the project's namespace)."""
    macros = manifest.get("macros", {})
    seen: list[str] = []
    stack = list(macro_ids)
    while stack:
        macro_id = stack.pop()
        if macro_id in seen or macro_id not in macros:
            continue
        seen.append(macro_id)
        stack.extend(macros[macro_id].get("depends_on", {}).get("macros", []))
        for name in PROJECT_MACRO_CALL.findall(macros[macro_id].get("macro_sql", "")):
            stack.append(f"macro.lead_lifecycle.{name}")
    return seen


def vars_used(manifest: dict[str, Any], node: dict[str, Any]) -> list[str]:
    """Project vars a test reads, directly or through the macros it calls (a
    definition test calls its rule's check macro)."""
    texts = [node.get("raw_code", "")]
    roots = list(node.get("depends_on", {}).get("macros", []))
    roots += [f"macro.lead_lifecycle.{name}" for name in PROJECT_MACRO_CALL.findall(texts[0])]
    for macro_id in macro_closure(manifest, roots):
        if macro_id.startswith("macro.lead_lifecycle."):
            texts.append(manifest["macros"][macro_id].get("macro_sql", ""))
    names: list[str] = []
    for text in texts:
        for name in VAR_PATTERN.findall(text):
            if name not in names:
                names.append(name)
    return names


def audit_table(node: dict[str, Any]) -> str | None:
    config = node.get("config", {})
    if not config.get("store_failures"):
        return None
    return f"{node.get('schema')}.{node.get('alias') or node.get('name')}"


def render_doc(manifest: dict[str, Any], name: str, depth: int = 0) -> str | None:
    """The text of a doc block, with nested {{ doc() }} references expanded."""
    for doc in manifest.get("docs", {}).values():
        if doc.get("name") == name:
            text = doc.get("block_contents", "").strip()
            if depth < 2:
                text = DOC_PATTERN.sub(
                    lambda m: f"({render_doc(manifest, m.group(1), depth + 1) or m.group(1)})",
                    text,
                )
            return DOC_PATTERN.sub(lambda m: m.group(1), text)
    return None


def build_rules(
    manifest: dict[str, Any],
    run_results: dict[str, Any] | None,
    seed_rows: dict[str, dict[str, str]],
    project_vars: dict[str, Any],
) -> list[Rule]:
    results = {r["unique_id"]: r for r in (run_results or {}).get("results", [])}
    rules: dict[str, Rule] = {}
    for rule_id, row in seed_rows.items():
        rules[rule_id] = Rule(
            rule_id=rule_id,
            definition=row.get("definition", ""),
            statement=row.get("statement", ""),
            owner=row.get("owner", ""),
            severity=row.get("severity", ""),
            warn_if=row.get("warn_if", ""),
            error_if=row.get("error_if", ""),
            recorded_by=row.get("recorded_by", ""),
        )
    for unique_id, node in manifest.get("nodes", {}).items():
        if node.get("resource_type") != "test":
            continue
        config = node.get("config", {})
        meta = {**(node.get("meta") or {}), **(config.get("meta") or {})}
        tags = sorted(set(node.get("tags", []) + config.get("tags", [])))
        rule_id = meta.get("rule_id")
        if "definition" not in tags or not rule_id:
            continue
        rule = rules.setdefault(
            rule_id,
            Rule(
                rule_id=rule_id,
                definition=meta.get("definition", ""),
                statement=meta.get("statement", "(not in the definition_rules seed)"),
                owner=meta.get("owner", ""),
                severity=meta.get("severity", "error"),
                warn_if=">0",
                error_if=">0",
                recorded_by="",
            ),
        )
        result = results.get(unique_id, {})
        rule.tests.append(
            TestStatus(
                name=node.get("name", unique_id),
                unique_id=unique_id,
                status=result.get("status"),
                failures=result.get("failures"),
                message=result.get("message"),
                audit_table=audit_table(node),
                tags=tags,
            )
        )
        for name in vars_used(manifest, node):
            rule.parameters[name] = project_vars.get(name, "(default)")
    for rule in rules.values():
        for name in re.findall(r"var\(([A-Za-z0-9_]+)\)", f"{rule.warn_if} {rule.error_if}"):
            rule.parameters.setdefault(name, project_vars.get(name))
    return sorted(
        rules.values(),
        key=lambda r: (
            DEFINITION_ORDER.index(r.definition) if r.definition in DEFINITION_ORDER else 99,
            r.rule_id,
        ),
    )


def enrich_from_warehouse(rules: list[Rule], db_path: Path, months: int = 6) -> None:
    """Add rows checked and example failing rows (audit tables) and the monthly trend
    (marts.fct_definition_compliance) from the warehouse, when it can be read."""
    import duckdb

    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = {
            f"{schema}.{name}"
            for schema, name in connection.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        for rule in rules:
            for test in rule.tests:
                if not test.audit_table or test.audit_table not in tables:
                    continue
                schema, name = test.audit_table.split(".", 1)
                relation = f'"{schema}"."{name}"'
                columns = [c[0] for c in connection.execute(f"describe {relation}").fetchall()]
                if "rows_checked" in columns:
                    row = connection.execute(f"select max(rows_checked) from {relation}").fetchone()
                    test.rows_checked = None if row[0] is None else int(row[0])
                wanted = [c for c in ("contact_id", "checked_at", "check_detail", "observed") if c in columns]
                if wanted:
                    frame = connection.execute(
                        f"select {', '.join(wanted)} from {relation} order by 1 limit 5"
                    ).df()
                    test.examples = [
                        {k: (None if v is None else str(v)) for k, v in record.items()}
                        for record in frame.to_dict("records")
                    ]
        if "marts.fct_definition_compliance" in tables:
            trend = connection.execute(
                """
                select rule_id, month_start_date, sum(rows_checked), sum(violations)
                from marts.fct_definition_compliance
                where month_start_date is not null
                group by 1, 2
                order by 1, 2
                """
            ).fetchall()
            by_rule: dict[str, list[dict[str, Any]]] = {}
            for rule_id, month, checked, violations in trend:
                by_rule.setdefault(rule_id, []).append(
                    {"month": str(month)[:7], "rows_checked": int(checked), "violations": int(violations)}
                )
            for rule in rules:
                rule.trend = by_rule.get(rule.rule_id, [])[-months:]
    finally:
        connection.close()


def trend_words(rule: Rule) -> str:
    return ", ".join(
        f"{point['month']}: {point['violations']}/{point['rows_checked']}"
        f" ({100 * point['violations'] / point['rows_checked']:.0f}%)"
        for point in rule.trend
        if point["rows_checked"]
    )


def test_words(test: TestStatus) -> str:
    if test.failures is None:
        return "not run"
    text = f"{test.failures} violating row{'s' if test.failures != 1 else ''}"
    if test.rows_checked:
        text += f" of {test.rows_checked} checked ({100 * test.failures / test.rows_checked:.1f}%)"
    return text


# ---------------------------------------------------------------------- writing


def threshold_words(rule: Rule) -> str:
    def words(threshold: str) -> str:
        threshold = (threshold or "").strip()
        if threshold in ("", "never"):
            return "never"
        match = re.fullmatch(r"(>=|>)\s*var\((\w+)\)", threshold)
        if match:
            return f"{'at least' if match.group(1) == '>=' else 'more than'} the share in `{match.group(2)}`"
        match = re.fullmatch(r"(>=|>)\s*([\d.]+)\s*(%?)", threshold)
        if not match:
            return f"`{threshold}` (unreadable: treated as any violation)"
        op = "at least" if match.group(1) == ">=" else "more than"
        unit = "% of the rows checked" if match.group(3) else " violating rows"
        return f"{op} {match.group(2)}{unit}"

    warn = f"warns when {words(rule.warn_if)}"
    if rule.severity == "error":
        return f"{warn}; fails the build when {words(rule.error_if)}"
    return f"{warn}; never fails the build"


def summary_counts(rules: list[Rule]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rule in rules:
        word = STATUS_WORDS.get(rule.status, str(rule.status))
        counts[word] = counts.get(word, 0) + 1
    return counts


def render_markdown(
    rules: list[Rule], manifest: dict[str, Any], generated_at: str,
    quality: DataQuality | None = None,
) -> str:
    lines = [
        "# Lead lifecycle definitions: steward report",
        "",
        f"Generated {generated_at} from dbt's manifest and latest run results.",
        "Rules, owners and thresholds are edited in `seeds/governance/definition_rules.csv`;",
        "failing rows of each test are kept in the audit table named below.",
        "",
        "| status | rules |",
        "|---|---|",
    ]
    for word, count in summary_counts(rules).items():
        lines.append(f"| {word} | {count} |")
    lines.append("")
    lines += ["| rule | definition | status | violations | owner |", "|---|---|---|---|---|"]
    for rule in rules:
        violations = "" if rule.violations is None else str(rule.violations)
        lines.append(
            f"| {rule.rule_id} | {rule.definition} | {STATUS_WORDS.get(rule.status, rule.status)} "
            f"| {violations} | {rule.owner} |"
        )
    for definition in DEFINITION_ORDER + tuple(
        sorted({r.definition for r in rules} - set(DEFINITION_ORDER))
    ):
        members = [r for r in rules if r.definition == definition]
        if not members:
            continue
        lines += ["", f"## {DEFINITION_TITLES.get(definition, definition)}", ""]
        for doc_name in DEFINITION_DOCS.get(definition, []):
            text = render_doc(manifest, doc_name)
            if text:
                lines += ["> " + line if line else ">" for line in text.splitlines()]
                lines.append("")
        for rule in members:
            lines += [
                f"### {rule.rule_id}: {STATUS_WORDS.get(rule.status, rule.status)}",
                "",
                rule.statement,
                "",
                f"- Owner: {rule.owner or 'unknown'}; the data is recorded by "
                f"{'the warehouse (derived)' if rule.recorded_by == 'warehouse' else 'people in the CRM'}"
                if rule.recorded_by
                else f"- Owner: {rule.owner or 'unknown'}",
                f"- Strictness: severity {rule.severity}; {threshold_words(rule)}",
            ]
            if rule.parameters:
                params = ", ".join(f"`{k}` = {json.dumps(v)}" for k, v in rule.parameters.items())
                lines.append(f"- Parameters: {params}")
            if not rule.tests:
                lines.append("- Tests: **none enforce this rule**")
            for test in rule.tests:
                where = f"; failing rows in `{test.audit_table}`" if test.audit_table else ""
                lines.append(
                    f"- Test `{test.name}`: {STATUS_WORDS.get(test.status, test.status)}, "
                    f"{test_words(test)}{where}"
                )
                if test.examples and test.failures:
                    keys = list(test.examples[0])
                    lines += ["", "  | " + " | ".join(keys) + " |", "  |" + "---|" * len(keys)]
                    for example in test.examples:
                        cells = [str(example.get(k) or "").replace("|", "/") for k in keys]
                        lines.append("  | " + " | ".join(cells) + " |")
                    lines.append("")
            if rule.trend:
                lines.append(f"- Violations by month (violating/checked): {trend_words(rule)}")
            lines.append("")
    if quality is not None:
        lines += data_quality_markdown(quality)
    return "\n".join(lines) + "\n"


STATUS_COLOURS = {"pass": "#1b7f3b", "warn": "#b26a00", "fail": "#b00020", "error": "#b00020"}


def inline_markdown_to_html(text: str) -> str:
    """Escape a doc block's text and render the inline Markdown the definitions use
    (**bold**, `code`), so a reader sees emphasis rather than asterisks."""
    escaped = html.escape(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def render_html(
    rules: list[Rule], manifest: dict[str, Any], generated_at: str,
    quality: DataQuality | None = None,
) -> str:
    esc = html.escape

    def badge(status: str | None) -> str:
        colour = STATUS_COLOURS.get(status or "", "#666")
        return (
            f'<span style="color:#fff;background:{colour};padding:1px 6px;border-radius:3px">'
            f"{esc(STATUS_WORDS.get(status, str(status)))}</span>"
        )

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        "<title>Lead lifecycle definitions: steward report</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
        "blockquote{color:#444;border-left:3px solid #ccc;margin-left:0;padding-left:1em}"
        "code{background:#f3f3f3}</style></head><body>",
        "<h1>Lead lifecycle definitions: steward report</h1>",
        f"<p>Generated {esc(generated_at)} from dbt's manifest and latest run results. Rules, "
        "owners and thresholds are edited in <code>seeds/governance/definition_rules.csv</code>; "
        "failing rows of each test are kept in the audit table named below.</p>",
        "<table><tr><th>rule</th><th>definition</th><th>status</th><th>violations</th><th>owner</th></tr>",
    ]
    for rule in rules:
        violations = "" if rule.violations is None else str(rule.violations)
        parts.append(
            f"<tr><td><a href='#{esc(rule.rule_id)}'>{esc(rule.rule_id)}</a></td>"
            f"<td>{esc(rule.definition)}</td><td>{badge(rule.status)}</td>"
            f"<td>{esc(violations)}</td><td>{esc(rule.owner)}</td></tr>"
        )
    parts.append("</table>")
    for definition in DEFINITION_ORDER + tuple(
        sorted({r.definition for r in rules} - set(DEFINITION_ORDER))
    ):
        members = [r for r in rules if r.definition == definition]
        if not members:
            continue
        parts.append(f"<h2>{esc(DEFINITION_TITLES.get(definition, definition))}</h2>")
        for doc_name in DEFINITION_DOCS.get(definition, []):
            text = render_doc(manifest, doc_name)
            if text:
                parts.append(f"<blockquote>{inline_markdown_to_html(text)}</blockquote>")
        for rule in members:
            parts.append(f"<h3 id='{esc(rule.rule_id)}'>{esc(rule.rule_id)} {badge(rule.status)}</h3>")
            parts.append(f"<p>{esc(rule.statement)}</p><ul>")
            parts.append(f"<li>Owner: {esc(rule.owner or 'unknown')}</li>")
            parts.append(
                f"<li>Strictness: severity {esc(rule.severity)}; {esc(threshold_words(rule))}</li>"
            )
            if rule.parameters:
                params = ", ".join(
                    f"<code>{esc(k)}</code> = {esc(json.dumps(v))}" for k, v in rule.parameters.items()
                )
                parts.append(f"<li>Parameters: {params}</li>")
            if not rule.tests:
                parts.append("<li><b>No test enforces this rule.</b></li>")
            for test in rule.tests:
                where = (
                    f"; failing rows in <code>{esc(test.audit_table)}</code>" if test.audit_table else ""
                )
                parts.append(
                    f"<li>Test <code>{esc(test.name)}</code>: {badge(test.status)} "
                    f"{esc(test_words(test))}{where}"
                )
                if test.examples and test.failures:
                    keys = list(test.examples[0])
                    parts.append("<table><tr>" + "".join(f"<th>{esc(k)}</th>" for k in keys) + "</tr>")
                    for example in test.examples:
                        parts.append(
                            "<tr>" + "".join(f"<td>{esc(str(example.get(k) or ''))}</td>" for k in keys) + "</tr>"
                        )
                    parts.append("</table>")
                parts.append("</li>")
            if rule.trend:
                parts.append(f"<li>Violations by month (violating/checked): {esc(trend_words(rule))}</li>")
            parts.append("</ul>")
    if quality is not None:
        parts += data_quality_html(quality)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ----------------------------------------------------------------- raw data quality

REASON_PATTERN = re.compile(r"^column (\w+): '(.*)' (is .+)$", re.S)


@dataclass
class DataQuality:
    """What happened to the raw data on the way in (staging's quarantine and checks)."""

    unreadable_files: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    quarantine_reasons: list[dict[str, Any]] = field(default_factory=list)
    nulled_values: list[dict[str, Any]] = field(default_factory=list)
    unknown_values: list[dict[str, Any]] = field(default_factory=list)


def reason_kind(reason: str) -> tuple[str, str]:
    """('column', 'what') of a reason "column <c>: '<value>' is <what>"; else the text."""
    match = REASON_PATTERN.match(reason.strip())
    if match:
        return match.group(1), match.group(3)
    return "", reason.strip()


def load_data_quality(db_path: Path) -> DataQuality:
    """Read the quarantine, reconciliation and unknown-value results of the last build."""
    import duckdb

    quality = DataQuality()
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        def rows(sql: str) -> list[dict[str, Any]]:
            try:
                cursor = con.execute(sql)
            except duckdb.Error:
                return []  # a warehouse built before the table existed
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

        quality.unreadable_files = rows(
            "select raw_table_name, problems from staging.stg_quarantine__raw_files "
            "where not is_readable order by 1"
        )
        quality.tables = rows(
            "select raw_table_name, raw_row_count, staged_row_count, quarantined_row_count, "
            "nulled_row_count, quarantined_share, quarantine_share_limit, "
            "is_within_quarantine_limit from staging.stg_quarantine__row_counts order by 1"
        )
        grouped: dict[tuple[str, str, str], int] = {}
        for row in rows("select source_name || '.' || table_name as raw_table_name, "
                        "quarantine_reason from staging.stg_quarantine__rows"):
            column, what = reason_kind(row["quarantine_reason"])
            if not column and what.startswith("line "):
                what = "CSV lines the reader could not split"
            key = (row["raw_table_name"], column, what)
            grouped[key] = grouped.get(key, 0) + 1
        quality.quarantine_reasons = [
            {"raw_table_name": t, "column": c, "reason": w, "rows": n}
            for (t, c, w), n in sorted(grouped.items())
        ]
        grouped = {}
        for row in rows("select source_name || '.' || table_name as raw_table_name, "
                        "nulled_reason from staging.stg_quarantine__nulled_values"):
            for part in str(row["nulled_reason"]).split("; column "):
                column, what = reason_kind(part if part.startswith("column ") else "column " + part)
                key = (row["raw_table_name"], column, what)
                grouped[key] = grouped.get(key, 0) + 1
        quality.nulled_values = [
            {"raw_table_name": t, "column": c, "reason": w, "rows": n}
            for (t, c, w), n in sorted(grouped.items())
        ]
        audit_tables = [
            row["table_name"] for row in rows(
                "select table_name from information_schema.tables where table_schema = 'audit' "
                "and (table_name like 'unknown_values_%' or table_name = 'assert_deal_stages_mapped') "
                "order by 1"
            )
        ]
        for table in audit_tables:
            if table == "assert_deal_stages_mapped":
                for row in rows(f"select deal_stage, deal_count from audit.{table}"):
                    quality.unknown_values.append(
                        {"test": table, "value": row["deal_stage"], "rows": row["deal_count"]}
                    )
                continue
            for row in rows(f"select value_field, n_records from audit.{table}"):
                quality.unknown_values.append(
                    {"test": table, "value": row["value_field"], "rows": row["n_records"]}
                )
    finally:
        con.close()
    return quality


def data_quality_markdown(quality: DataQuality) -> list[str]:
    lines = ["", "## Raw data quality", ""]
    if quality.unreadable_files:
        lines += ["**Files that could not be used (the build fails until they are fixed):**", ""]
        lines += [f"- `{f['raw_table_name']}`: {f['problems']}" for f in quality.unreadable_files]
        lines.append("")
    if quality.tables:
        lines += [
            "| raw table | rows | staged | quarantined | values nulled | within limit |",
            "|---|---|---|---|---|---|",
        ]
        for t in quality.tables:
            share = t["quarantined_share"]
            quarantined = f"{t['quarantined_row_count']}" + (f" ({100 * share:.1f}%)" if share else "")
            lines.append(
                f"| {t['raw_table_name']} | {t['raw_row_count']} | {t['staged_row_count']} "
                f"| {quarantined} | {t['nulled_row_count']} "
                f"| {'yes' if t['is_within_quarantine_limit'] else '**no**'} |"
            )
        lines.append("")
    for title, entries in (
        ("Quarantined rows (`staging.stg_quarantine__rows`)", quality.quarantine_reasons),
        ("Values set to null, rows kept (`staging.stg_quarantine__nulled_values`)", quality.nulled_values),
    ):
        if entries:
            lines += [f"{title}:", "", "| raw table | column | reason | rows |", "|---|---|---|---|"]
            lines += [
                f"| {e['raw_table_name']} | {e['column']} | {e['reason']} | {e['rows']} |"
                for e in entries
            ]
            lines.append("")
    if quality.unknown_values:
        lines += [
            "Values the seeds do not know (kept, mapped to other / unknown; add them to the seeds):",
            "", "| test | value | rows |", "|---|---|---|",
        ]
        lines += [f"| `{u['test']}` | {u['value']} | {u['rows']} |" for u in quality.unknown_values]
        lines.append("")
    if len(lines) == 3:
        lines.append("No data quality results in the warehouse.")
    return lines


def data_quality_html(quality: DataQuality) -> list[str]:
    esc = html.escape

    def table(headers: list[str], rows: list[list[Any]]) -> str:
        head = "".join(f"<th>{esc(h)}</th>" for h in headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
        )
        return f"<table><tr>{head}</tr>{body}</table>"

    parts = ["<h2>Raw data quality</h2>"]
    if quality.unreadable_files:
        parts.append("<p><b>Files that could not be used (the build fails until they are fixed):</b></p><ul>")
        parts += [
            f"<li><code>{esc(f['raw_table_name'])}</code>: {esc(str(f['problems']))}</li>"
            for f in quality.unreadable_files
        ]
        parts.append("</ul>")
    if quality.tables:
        parts.append(table(
            ["raw table", "rows", "staged", "quarantined", "share", "values nulled", "within limit"],
            [[t["raw_table_name"], t["raw_row_count"], t["staged_row_count"],
              t["quarantined_row_count"],
              "" if t["quarantined_share"] is None else f"{100 * t['quarantined_share']:.1f}%",
              t["nulled_row_count"], "yes" if t["is_within_quarantine_limit"] else "NO"]
             for t in quality.tables],
        ))
    for title, entries in (
        ("Quarantined rows (staging.stg_quarantine__rows)", quality.quarantine_reasons),
        ("Values set to null, rows kept (staging.stg_quarantine__nulled_values)", quality.nulled_values),
    ):
        if entries:
            parts.append(f"<h3>{esc(title)}</h3>")
            parts.append(table(["raw table", "column", "reason", "rows"],
                               [[e["raw_table_name"], e["column"], e["reason"], e["rows"]] for e in entries]))
    if quality.unknown_values:
        parts.append("<h3>Values the seeds do not know (kept; add them to the seeds)</h3>")
        parts.append(table(["test", "value", "rows"],
                           [[u["test"], u["value"], u["rows"]] for u in quality.unknown_values]))
    return parts


def write_report(
    target_path: Path, out_dir: Path, project_dir: Path = Path("."), db_path: Path | None = None
) -> list[Rule]:
    manifest = load_json(target_path / "manifest.json")
    run_results_path = target_path / "run_results.json"
    run_results = load_json(run_results_path) if run_results_path.exists() else None
    rules = build_rules(
        manifest, run_results, load_rules_seed(project_dir), load_project_vars(project_dir)
    )
    quality: DataQuality | None = None
    if db_path is not None and db_path.exists():
        try:
            enrich_from_warehouse(rules, db_path)
            quality = load_data_quality(db_path)
        except Exception as error:  # a locked or foreign file must not stop the report
            print(f"steward_report: could not read {db_path} ({error}); statuses only")
    generated_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "index.md").write_text(render_markdown(rules, manifest, generated_at, quality))
    (out_dir / "index.html").write_text(render_html(rules, manifest, generated_at, quality))
    (out_dir / "rules.json").write_text(
        json.dumps(
            [
                {
                    "rule_id": r.rule_id,
                    "definition": r.definition,
                    "status": r.status,
                    "violations": r.violations,
                    "severity": r.severity,
                    "tests": [t.__dict__ for t in r.tests],
                    "trend": r.trend,
                    "parameters": r.parameters,
                }
                for r in rules
            ],
            indent=2,
            default=str,
        )
    )
    return rules


def default_db_path() -> Path | None:
    """The warehouse file dbt wrote to, resolved as profiles.yml does (dev / ci)."""
    explicit = os.environ.get("LEAD_LIFECYCLE_DUCKDB_PATH")
    if explicit:
        return Path(explicit)
    if os.environ.get("LEAD_LIFECYCLE_TARGET", "dev") == "ci":
        return Path("warehouse/lead_lifecycle_ci.duckdb")
    return Path("warehouse/lead_lifecycle.duckdb")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target-path", type=Path, default=Path("target"), help="dbt target folder")
    parser.add_argument("--out", type=Path, default=Path("reports/steward"), help="output folder")
    parser.add_argument("--project-dir", type=Path, default=Path("."), help="dbt project folder")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB warehouse: adds rows checked, example failing rows and monthly trends"
        " (default: the file profiles.yml points at, when it exists)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        rules = write_report(
            args.target_path, args.out, args.project_dir, args.db or default_db_path()
        )
    except FileNotFoundError as error:
        print(f"steward_report: {error}", file=sys.stderr)
        return 2
    counts = summary_counts(rules)
    print(
        f"steward_report: {len(rules)} rules ("
        + ", ".join(f"{v} {k}" for k, v in counts.items())
        + f") -> {args.out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
