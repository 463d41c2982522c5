"""Render the dbt sources yml of every raw source from the raw contract.

The contract (`scripts/contract.py`) is the single written description of the raw
files. This script turns it into `models/staging/<source>/_<source>__sources.yml`, one
file per source system, so dbt documents and reads exactly what the contract promises:

* every table and column is described with its logical type, meaning, key and origin;
* `config.meta` carries the file path, file format, primary key and the contract flags
  (`logical_type`, `required`, `accepted_values`) that the staging macros read to cast
  and quarantine rows;
* on DuckDB the source reads the file in place through dbt-duckdb's
  `external_location` (CSV read entirely as text so that staging casts and catches bad
  values instead of failing); on every other engine the same source reads the table
  `raw.<source>__<table>` that `scripts/load_raw.py` loads.

Usage:
    python -m scripts.render_sources            # write the files
    python -m scripts.render_sources --check    # exit 1 when a committed file differs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.contract import SOURCES, Column, Table, tables

REPO_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR_EXPRESSION = "{{ env_var('LEAD_LIFECYCLE_RAW_DIR', 'data/raw') }}"
RAW_SCHEMA = "raw"

SOURCE_DESCRIPTIONS = {
    "crm": (
        "CRM exports (HubSpot / Salesforce conventions): contacts, companies, users, "
        "deals, sales engagements and the property / stage history."
    ),
    "marketing": (
        "Marketing tool exports: form submissions, email events, offline and call "
        "engagements, and daily ad spend."
    ),
    "web": (
        "Segment warehouse export of the website's tracking calls: pages, tracks and "
        "identifies (Parquet)."
    ),
}

LOGICAL_TYPE_WORDING = {
    "string": "free text, empty means null",
    "integer": "whole number in decimal digits",
    "decimal": "number with optional fraction, '.' as separator",
    "boolean": "'true' / 'false'",
    "timestamp": "ISO 8601 date-time, 'Z' / '+hh:mm' offset or UTC when absent",
    "epoch_ms": "milliseconds since 1970-01-01 UTC",
    "date": "ISO 8601 calendar date YYYY-MM-DD",
}


def relation_identifier(table: Table) -> str:
    """Name of the table in the `raw` schema on engines that load the files."""
    return f"{table.source}__{table.name}"


def external_location(table: Table) -> str:
    """dbt-duckdb `external_location`: how DuckDB reads the file in place."""
    path = f"{RAW_DIR_EXPRESSION}/{table.relative_path}"
    if table.file_format == "csv":
        return (
            f"read_csv('{path}', header = true, all_varchar = true, "
            "delim = ',', quote = '\"', escape = '\"')"
        )
    if table.file_format == "parquet":
        return f"read_parquet('{path}')"
    raise ValueError(f"{table.relative_path}: unknown file format {table.file_format!r}")


def table_description(table: Table) -> str:
    key = ", ".join(table.primary_key)
    return (
        f"{table.description} Origin: {table.origin}. "
        f"File: <raw_dir>/{table.relative_path}. Primary key: {key}."
    )


def column_description(table: Table, column: Column) -> str:
    parts = [column.description, f"Logical type: {column.type} ({LOGICAL_TYPE_WORDING[column.type]})."]
    if column.name in table.primary_key:
        parts.append("Part of the primary key." if len(table.primary_key) > 1 else "Primary key.")
    if column.required:
        parts.append("Required: a row without a usable value here is quarantined.")
    if column.optional:
        parts.append("Optional: the file may lack this column; it is then read as null.")
    if column.fallback:
        parts.append(f"When missing: {column.fallback}.")
    if column.non_negative:
        parts.append("A negative value is implausible.")
    if column.email:
        parts.append("Must look like an e-mail address.")
    if column.accepted_values:
        parts.append("Accepted values: " + ", ".join(column.accepted_values) + ".")
    return " ".join(parts)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_source(source: str) -> str:
    """The full text of `_<source>__sources.yml`."""
    lines = [
        f"# Rendered from scripts/contract.py by `python -m scripts.render_sources`.",
        "# Do not edit by hand: change the contract and render again (a test compares them).",
        "version: 2",
        "",
        "sources:",
        f"  - name: {source}",
        f"    description: {_quote(SOURCE_DESCRIPTIONS[source])}",
        f"    schema: {RAW_SCHEMA}",
        "    tables:",
    ]
    for table in tables(source):
        lines += [
            f"      - name: {table.name}",
            f"        identifier: {relation_identifier(table)}",
            f"        description: {_quote(table_description(table))}",
            "        config:",
            "          meta:",
            f"            file_path: {_quote(table.relative_path)}",
            f"            file_format: {table.file_format}",
            f"            primary_key: [{', '.join(table.primary_key)}]",
            f"            origin: {_quote(table.origin)}",
            f"            external_location: {_quote(external_location(table))}",
        ]
        if table.freshness_column:
            # a daily sync: a day without new rows warns, three fail `dbt source freshness`
            lines += [
                f"          loaded_at_field: \"cast({table.freshness_column} as timestamp)\"",
                "          freshness:",
                "            warn_after: {count: 1, period: day}",
                "            error_after: {count: 3, period: day}",
            ]
        lines += [
            "        columns:",
        ]
        for column in table.columns:
            lines += [
                f"          - name: {column.name}",
                f"            description: {_quote(column_description(table, column))}",
                "            config:",
                "              meta:",
                f"                logical_type: {column.type}",
                f"                required: {'true' if column.required else 'false'}",
                f"                optional: {'true' if column.optional else 'false'}",
                f"                is_primary_key: {'true' if column.name in table.primary_key else 'false'}",
            ]
            if column.accepted_values:
                values = ", ".join(_quote(value) for value in column.accepted_values)
                lines.append(f"                accepted_values: [{values}]")
    return "\n".join(lines) + "\n"


BASE_COLUMNS = (
    ("raw_row_key", "The row's raw primary key values as text, '|'-separated in contract key order; null for a CSV line that could not be split."),
    ("raw_row", "The raw row as a JSON object of its text values, kept for rows with a quarantine or nulled reason (null otherwise); for a CSV line that could not be split, the line."),
    ("raw_row_hash", "Hash of every raw value of the row: equal for exact duplicates, and the last tie-break of deduplication."),
    ("quarantine_reason", "Null for a usable row; otherwise the first problem of a required column, naming it, or the CSV reader's reason with the line number (doc staging_usable_row)."),
    ("nulled_reason", "The problems of optional columns whose values were set to null in this row, '; '-separated; null when there are none."),
)


def render_base_models(source: str) -> str:
    """The text of `models/staging/<source>/base/_base_<source>__models.yml`."""
    lines = [
        "# Rendered from scripts/contract.py by `python -m scripts.render_sources`.",
        "# Do not edit by hand: change the contract and render again (a test compares them).",
        "version: 2",
        "",
        "models:",
    ]
    for table in tables(source):
        lines += [
            f"  - name: base_{table.source}__{table.name}",
            "    description: "
            + _quote(
                f"Every raw row of <raw_dir>/{table.relative_path}, read once and typed, "
                "with its quarantine and nulled reasons: the single read of the raw file "
                f"that stg_{table.source}__{table.name}, the quarantine and the "
                "reconciliation share. Not deduplicated (exact duplicates and older versions "
                "stay), so it has no primary key; no tests gate it, so the reconciliation "
                "is built on every run. {{ doc('staging_usable_row') }}"
            ),
            "    columns:",
        ]
        for column in table.columns:
            lines += [
                f"      - name: {column.name}",
                "        description: "
                + _quote(
                    column_description(table, column)
                    + " Null here when the value is missing, does not parse or is implausible."
                ),
            ]
        for name, description in BASE_COLUMNS:
            lines += [f"      - name: {name}", f"        description: {_quote(description)}"]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_tables_macro() -> str:
    """The text of macros/staging/raw_contract_tables.sql: the contract as a Jinja list.

    The staging macros read the contract from here (not from the graph), so they work
    the same in models, in unit tests and while parsing.
    """
    lines = [
        "{#-",
        "    Rendered from scripts/contract.py by `python -m scripts.render_sources`; do not",
        "    edit by hand. Every raw contract table: source, table, staging model, file",
        "    path, file format, primary key and columns (name, logical type and the flags",
        "    required, optional, non_negative, email), in contract order. Read by",
        "    contract_table and the base, quarantine and reconciliation models.",
        "-#}",
        "{% macro raw_contract_tables() -%}",
        "    {{ return([",
    ]
    for table in tables():
        key = ", ".join(f"'{column}'" for column in table.primary_key)
        lines += [
            "        {",
            f"            'source': '{table.source}', 'table': '{table.name}',",
            f"            'model': 'stg_{table.source}__{table.name}',",
            f"            'base_model': 'base_{table.source}__{table.name}',",
            f"            'file_path': '{table.relative_path}', 'file_format': '{table.file_format}',",
            f"            'primary_key': [{key}],",
            "            'columns': [",
        ]
        for column in table.columns:
            flags = ", ".join(
                f"'{flag}': {'true' if getattr(column, flag) else 'false'}"
                for flag in ("required", "optional", "non_negative", "email")
            )
            lines.append(
                f"                {{'name': '{column.name}', 'logical_type': '{column.type}', "
                f"{flags}}},"
            )
        lines += ["            ],", "        },"]
    lines += ["    ]) }}", "{%- endmacro %}"]
    return "\n".join(lines) + "\n"


def source_path(source: str, root: Path = REPO_ROOT) -> Path:
    return root / "models" / "staging" / source / f"_{source}__sources.yml"


def tables_macro_path(root: Path = REPO_ROOT) -> Path:
    return root / "macros" / "staging" / "raw_contract_tables.sql"


def base_models_path(source: str, root: Path = REPO_ROOT) -> Path:
    return root / "models" / "staging" / source / "base" / f"_base_{source}__models.yml"


def rendered_files(root: Path = REPO_ROOT) -> dict[Path, str]:
    """Every file this script owns, with the text it must have."""
    files = {source_path(source, root): render_source(source) for source in SOURCES}
    files.update({base_models_path(source, root): render_base_models(source) for source in SOURCES})
    files[tables_macro_path(root)] = render_tables_macro()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    args = parser.parse_args(argv)

    differing = []
    for path, rendered in rendered_files(args.root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == rendered:
            continue
        if args.check:
            differing.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(rendered, encoding="utf-8")
            print(f"wrote {path.relative_to(args.root)}")
    for path in differing:
        print(f"{path} differs from the contract; run python -m scripts.render_sources", file=sys.stderr)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
