"""Mapping files of the export import (scripts/import_exports.py): load, validate, resolve.

A mapping file is YAML. It says, per contract table (`<source>/<table>`, as in
scripts/contract.py), which exported files feed it and how each contract column is made
from them. The schema is `MAPPING_SCHEMA` below (JSON Schema, documented in
docs/import/mapping_files.md); every error names the file, the line and the key, for
example `mappings/x.yml line 14, tables.crm/contacts.columns.lifecyclestage.values:
'leadd' is not an accepted value of crm/contacts.lifecyclestage`.

The contract is read from scripts/contract.py at run time (tables, columns, logical
types, required flags, accepted values, primary keys): nothing here lists its columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from scripts import contract

CONVERTS = ("crm_id", "name_key", "epoch_ms", "epoch_s", "lower", "upper", "upper_snake", "snake_case")
EXPRESSION_KEYS = ("column", "constant", "template", "coalesce", "sql")
FORMATS = ("csv", "parquet", "json")
ON_UNMAPPED = ("keep", "error", "null", "drop")

_TEXT_OR_LIST = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ]
}
_SCALAR = {"type": ["string", "number", "boolean"]}
_CSV = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "delimiter": {"type": "string", "minLength": 1},
        "quote": {"type": "string"},
        "escape": {"type": "string"},
        "encoding": {"enum": ["utf-8", "utf-16", "latin-1", "windows-1252"]},
        "header": {"type": "boolean"},
        "skip": {"type": "integer", "minimum": 0},
        "footer": {"type": "boolean"},
    },
}
_PARSING = {
    "timezone": {"type": "string", "minLength": 1},
    "timestamp_format": _TEXT_OR_LIST,
    "date_format": _TEXT_OR_LIST,
    "decimal_separator": {"enum": [".", ","]},
    "on_unmapped_value": {"enum": list(ON_UNMAPPED)},
}
_COLUMN_OBJECT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "column": _TEXT_OR_LIST,
        "constant": _SCALAR,
        "template": {"type": "string", "minLength": 1},
        "coalesce": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "sql": {"type": "string", "minLength": 1},
        "list_separator": {"type": "string", "minLength": 1},
        "values": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}},
        "convert": {"enum": list(CONVERTS)},
        "format": _TEXT_OR_LIST,
        "timezone": {"type": "string", "minLength": 1},
        "decimal_separator": {"enum": [".", ","]},
        "default": _SCALAR,
        "on_unmapped_value": {"enum": list(ON_UNMAPPED)},
        "when": {"$ref": "#/$defs/condition"},
        "optional": {"type": "boolean"},
    },
}
_CONDITION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["column"],
    "properties": {
        "column": _TEXT_OR_LIST,
        "in": {"type": "array", "items": _SCALAR, "minItems": 1},
        "not_in": {"type": "array", "items": _SCALAR, "minItems": 1},
        "empty": {"type": "boolean"},
    },
}
_SOURCE_PROPERTIES = {
    "files": _TEXT_OR_LIST,
    "match_by_name": {"type": "boolean"},
    "format": {"enum": list(FORMATS)},
    "csv": _CSV,
    "where": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
    "explode": {
        "type": "object",
        "additionalProperties": False,
        "required": ["column", "as"],
        "properties": {
            "column": {"type": "string", "minLength": 1},
            "separator": {"type": "string", "minLength": 1},
            "as": {"type": "string", "minLength": 1},
        },
    },
    "unpivot": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "value"],
        "properties": {
            "columns": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}},
            "pattern": {"type": "string", "minLength": 1},
            "name": {"type": "string", "minLength": 1},
            "value": {"type": "string", "minLength": 1},
        },
    },
    "columns": {
        "type": "object",
        "additionalProperties": {"oneOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            _COLUMN_OBJECT,
        ]},
    },
    **_PARSING,
}
_SOURCE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["files", "columns"],
    "properties": {"description": {"type": "string"}, "fallback": {"type": "boolean"}, **_SOURCE_PROPERTIES},
}
_TABLE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "sources": {"type": "array", "items": _SOURCE, "minItems": 1},
        "dedupe": {"type": "boolean"},
        "optional": {"type": "boolean"},
        "losses": {"type": "array", "items": {"type": "string"}},
        **_SOURCE_PROPERTIES,
    },
}
MAPPING_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "lead_lifecycle export mapping",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "tables"],
    "$defs": {"condition": _CONDITION},
    "properties": {
        "version": {"const": 1},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "shared": {"description": "free place for YAML anchors (value maps used by several columns)"},
        "defaults": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"csv": _CSV, **_PARSING},
        },
        "tables": {"type": "object", "minProperties": 1, "additionalProperties": _TABLE},
    },
}


class MappingError(Exception):
    """A mapping file that cannot be used; the message names file, line and key."""


@dataclass(frozen=True)
class Located:
    """Where a key of the mapping file is: file and 1-based line."""

    file: Path
    line: int
    key: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}, {self.key}"


@dataclass(frozen=True)
class ColumnSpec:
    """How one contract column is made from the exported columns."""

    target: str
    kind: str  # column | constant | template | coalesce | sql
    value: Any
    options: dict[str, Any]
    where: Located


@dataclass(frozen=True)
class Source:
    """One group of exported files feeding a contract table."""

    table: contract.Table
    index: int
    files: tuple[str, ...]
    file_format: str | None
    csv: dict[str, Any]
    parsing: dict[str, Any]
    where_rows: tuple[dict[str, Any], ...]
    explode: dict[str, Any] | None
    unpivot: dict[str, Any] | None
    columns: dict[str, ColumnSpec]
    located: Located
    fallback: bool = False  # used only when no other source of the table has files
    match_by_name: bool = False  # unmapped contract columns taken from same-named export columns


@dataclass(frozen=True)
class TableMapping:
    table: contract.Table
    sources: tuple[Source, ...]
    dedupe: bool
    losses: tuple[str, ...]
    description: str
    located: Located
    mapping_file: Path
    optional: bool = False


@dataclass
class Mapping:
    """One or more mapping files merged: the contract tables they map."""

    files: list[Path] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    tables: dict[str, TableMapping] = field(default_factory=dict)


def _lines(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Line (1-based) of every key and list item of a composed YAML document."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _lines(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[(*path, index)] = item.start_mark.line + 1
            _lines(item, (*path, index), out)
    return out


def _key(path: tuple) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


class _Locator:
    def __init__(self, file: Path, lines: dict[tuple, int]) -> None:
        self.file = file
        self.lines = lines

    def at(self, *path: Any) -> Located:
        probe = tuple(path)
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return Located(self.file, self.lines.get(probe, 1), _key(tuple(path)))

    def error(self, message: str, *path: Any) -> MappingError:
        return MappingError(f"{self.at(*path)}: {message}")


def load_yaml(path: Path) -> tuple[dict[str, Any], _Locator]:
    """The parsed document and a locator of its keys; YAML syntax errors name the line."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 1
        raise MappingError(f"{path} line {line}: not valid YAML: {exc.problem}") from exc
    if node is None or not isinstance(data, dict):
        raise MappingError(f"{path} line 1: a mapping file is a YAML mapping with `version` and `tables`")
    return data, _Locator(path, _lines(node))


def _schema_errors(data: dict[str, Any], locator: _Locator) -> list[str]:
    validator = jsonschema.Draft202012Validator(MAPPING_SCHEMA)
    messages = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        best = jsonschema.exceptions.best_match([error])
        path = tuple(best.absolute_path)
        if best.validator == "additionalProperties":
            extra = sorted(set(best.instance) - set(best.schema.get("properties", {})))
            allowed = ", ".join(sorted(best.schema.get("properties", {})))
            for name in extra:
                messages.append(f"{locator.at(*path, name)}: unknown key {name!r} (allowed here: {allowed})")
            continue
        if best.validator == "oneOf" and isinstance(best.instance, dict):
            # the column object branch explains best what is wrong with an object
            inner = [e for e in best.context if e.schema_path and e.schema_path[0] == 2]
            if inner:
                best = jsonschema.exceptions.best_match(inner)
                path = tuple(best.absolute_path)
                if best.validator == "additionalProperties":
                    extra = sorted(set(best.instance) - set(best.schema.get("properties", {})))
                    allowed = ", ".join(sorted(best.schema.get("properties", {})))
                    messages += [f"{locator.at(*path, name)}: unknown key {name!r} (allowed here: {allowed})"
                                 for name in extra]
                    continue
        messages.append(f"{locator.at(*path)}: {best.message}")
    return messages


def _check_values(spec_options: dict[str, Any], column: contract.Column, table: contract.Table,
                  locator: _Locator, path: tuple, problems: list[str]) -> None:
    accepted = column.accepted_values
    if not accepted or "values" not in spec_options:
        return
    lowered = {value.lower() for value in accepted}
    for source_value, target in spec_options["values"].items():
        if target is None:
            continue
        if str(target).lower() not in lowered:
            problems.append(
                f"{locator.at(*path, 'values', source_value)}: {str(target)!r} is not an accepted value "
                f"of {table.source}/{table.name}.{column.name} ({', '.join(accepted)})"
            )


def _column_spec(target: str, raw: Any, table: contract.Table, locator: _Locator, path: tuple,
                 problems: list[str]) -> ColumnSpec | None:
    try:
        column = table.column(target)
    except KeyError:
        problems.append(
            f"{locator.at(*path)}: {table.source}/{table.name} has no contract column {target!r} "
            f"(columns: {', '.join(table.column_names)})"
        )
        return None
    if isinstance(raw, (str, list)):
        return ColumnSpec(target, "column", [raw] if isinstance(raw, str) else list(raw), {}, locator.at(*path))
    kinds = [key for key in EXPRESSION_KEYS if key in raw]
    if len(kinds) != 1:
        problems.append(
            f"{locator.at(*path)}: give exactly one of {', '.join(EXPRESSION_KEYS)} "
            f"(found {', '.join(kinds) or 'none'})"
        )
        return None
    kind = kinds[0]
    value = raw[kind]
    if kind == "column" and isinstance(value, str):
        value = [value]
    options = {key: item for key, item in raw.items() if key != kind}
    _check_values(options, column, table, locator, path, problems)
    if "format" in options and column.type not in ("timestamp", "epoch_ms", "date"):
        problems.append(f"{locator.at(*path, 'format')}: a format applies to timestamp, epoch_ms "
                        f"and date columns; {target} is {column.type}")
    if options.get("convert") in ("crm_id", "name_key") and column.type not in ("integer", "string"):
        problems.append(f"{locator.at(*path, 'convert')}: {options['convert']} gives an id; "
                        f"{target} is {column.type}")
    if options.get("convert") in ("epoch_ms", "epoch_s") and column.type not in ("timestamp", "epoch_ms", "date"):
        problems.append(f"{locator.at(*path, 'convert')}: {options['convert']} reads a number of "
                        f"(milli)seconds into a time; {target} is {column.type}")
    return ColumnSpec(target, kind, value, options, locator.at(*path))


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _source(table: contract.Table, index: int, raw: dict[str, Any], defaults: dict[str, Any],
            locator: _Locator, path: tuple, problems: list[str]) -> Source:
    columns: dict[str, ColumnSpec] = {}
    for target, spec in (raw.get("columns") or {}).items():
        built = _column_spec(target, spec, table, locator, (*path, "columns", target), problems)
        if built is not None:
            columns[target] = built
    parsing = {key: defaults[key] for key in _PARSING if key in defaults}
    parsing.update({key: raw[key] for key in _PARSING if key in raw})
    csv_options = {**defaults.get("csv", {}), **raw.get("csv", {})}
    unpivot = raw.get("unpivot")
    if unpivot is not None:
        if ("columns" in unpivot) == ("pattern" in unpivot):
            problems.append(f"{locator.at(*path, 'unpivot')}: give either `columns` (header: name) or "
                            f"`pattern` (a regular expression whose first group is the name)")
        elif "pattern" in unpivot:
            try:
                if re.compile(unpivot["pattern"]).groups < 1:
                    problems.append(f"{locator.at(*path, 'unpivot', 'pattern')}: the pattern needs a group "
                                    f"(...) that captures the name")
            except re.error as exc:
                problems.append(f"{locator.at(*path, 'unpivot', 'pattern')}: not a regular expression: {exc}")
    file_format = raw.get("format")
    for pattern in _as_list(raw.get("files")):
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            problems.append(f"{locator.at(*path, 'files')}: file patterns are relative to the export "
                            f"folder (--src); {pattern!r} is not")
        if file_format is None and _format_of(pattern) is None:
            problems.append(f"{locator.at(*path, 'files')}: cannot tell the format of {pattern!r} from "
                            f"its extension; add format: csv | parquet | json")
    return Source(
        table=table, index=index, files=_as_list(raw.get("files")), file_format=file_format,
        csv=csv_options, parsing=parsing, where_rows=tuple(raw.get("where") or ()),
        explode=raw.get("explode"), unpivot=raw.get("unpivot"), columns=columns,
        located=locator.at(*path), fallback=raw.get("fallback", False),
        match_by_name=raw.get("match_by_name", False),
    )


def _format_of(pattern: str) -> str | None:
    lowered = pattern.lower()
    for suffix, name in ((".csv", "csv"), (".txt", "csv"), (".tsv", "csv"), (".parquet", "parquet"),
                         (".json", "json"), (".jsonl", "json"), (".ndjson", "json")):
        if lowered.endswith(suffix):
            return name
    return None


def format_of(source: Source, file_name: str) -> str:
    """csv | parquet | json for one file of a source."""
    return source.file_format or _format_of(file_name) or "csv"


def _table(name: str, raw: dict[str, Any], defaults: dict[str, Any], locator: _Locator,
           mapping_file: Path, problems: list[str]) -> TableMapping | None:
    path = ("tables", name)
    source_name, _, table_name = name.partition("/")
    try:
        table = contract.table(source_name, table_name)
    except KeyError:
        known = ", ".join(f"{t.source}/{t.name}" for t in contract.CONTRACT)
        problems.append(f"{locator.at(*path)}: no contract table {name!r} (tables: {known})")
        return None
    inline = {key: value for key, value in raw.items() if key in _SOURCE_PROPERTIES}
    if "sources" in raw and inline:
        problems.append(f"{locator.at(*path)}: give either `sources:` or one inline source "
                        f"(files, columns, ...), not both (found {', '.join(sorted(inline))})")
        return None
    if "sources" in raw:
        raw_sources = [(item, (*path, "sources", index)) for index, item in enumerate(raw["sources"])]
    elif inline:
        for required in ("files", "columns"):
            if required not in inline:
                problems.append(f"{locator.at(*path)}: {required!r} is required")
        raw_sources = [(inline, path)]
    else:
        problems.append(f"{locator.at(*path)}: give `files` and `columns` (or `sources:`)")
        return None
    sources = tuple(_source(table, index, item, defaults, locator, item_path, problems)
                    for index, (item, item_path) in enumerate(raw_sources))
    return TableMapping(
        table=table, sources=sources, dedupe=raw.get("dedupe", True),
        losses=tuple(raw.get("losses") or ()), description=raw.get("description", ""),
        located=locator.at(*path), mapping_file=mapping_file, optional=raw.get("optional", False),
    )


def load_mapping(paths: list[Path]) -> Mapping:
    """Load and validate mapping files; raise MappingError listing every problem found."""
    mapping = Mapping()
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            raise MappingError(f"mapping file {path} does not exist")
        data, locator = load_yaml(path)
        schema_problems = _schema_errors(data, locator)
        if schema_problems:
            problems += schema_problems
            continue
        mapping.files.append(path)
        mapping.names.append(data.get("name", path.stem))
        defaults = data.get("defaults") or {}
        for name, raw in data["tables"].items():
            built = _table(name, raw or {}, defaults, locator, path, problems)
            if built is None:
                continue
            if name in mapping.tables:
                first = mapping.tables[name].located
                problems.append(f"{built.located}: {name} is already mapped by {first}")
                continue
            mapping.tables[name] = built
    if problems:
        raise MappingError("\n".join(problems))
    return mapping
