"""DuckDB SQL of the export import: one expression per contract column.

Every expression works on whole columns (DuckDB vectorised), never row by row in
Python. A contract column is made in two steps:

1. `mapped`: the exported value(s) as trimmed text (empty = null), after a list is cut
   to its first item, the value map (case-insensitive; contract spellings of accepted
   values are recognised in any case) and the `convert` option;
2. `normalised`: that text in the contract's form of the column's logical type
   (scripts/contract.py): ISO 8601 UTC timestamps ending in Z, epoch milliseconds,
   YYYY-MM-DD dates, decimal numbers with '.', true/false. A value that does not parse
   gives null here; the import then writes the exported text unchanged, so staging
   quarantines the row with the reason (nothing is lost), and the report counts it.
"""

from __future__ import annotations

import re
from typing import Any

from scripts.contract import Column

# hashed ids have 18 digits (1e17 <= id < 1e18): above any numeric CRM id in use
# (HubSpot ids are < 1e12) and within the 18 digits staging reads as an integer
HASH_BASE = 100_000_000_000_000_000
HASH_SPAN = 900_000_000_000_000_000
ISO_WITH_OFFSET = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)? ?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)"
)
SALESFORCE_ID = r"[A-Za-z0-9]{15}[A-Z0-5]{3}"
TRUE_WORDS = ("true", "t", "1", "yes", "y")
FALSE_WORDS = ("false", "f", "0", "no", "n")
OUTPUT_TIMESTAMP = "%Y-%m-%dT%H:%M:%S.%gZ"
PARQUET_TYPES = {
    "string": "VARCHAR", "integer": "BIGINT", "decimal": "DOUBLE", "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMPTZ", "epoch_ms": "BIGINT", "date": "DATE",
}


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return "'" + text.replace("'", "''") + "'"


def text_of(expression: str) -> str:
    """Any exported value as trimmed text, empty text as null."""
    return f"nullif(trim(cast({expression} as varchar)), '')"


def text_key(value: str) -> str:
    """How a value is compared with value-map keys and row filters: lower-case, trimmed."""
    return str(value).strip().lower()


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


TEMPLATE_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]+)\}")


def template_parts(template: str) -> list[tuple[str, str]]:
    """('text', literal) and ('column', name) parts of a template like '{First} {Last}'."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in TEMPLATE_FIELD.finditer(template):
        if match.start() > position:
            parts.append(("text", template[position:match.start()]))
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(("text", token[0]))
        else:
            parts.append(("column", match.group(1)))
        position = match.end()
    if position < len(template):
        parts.append(("text", template[position:]))
    return parts


def template_sql(template: str, resolve: dict[str, str | None]) -> str:
    """Concatenation of the template's parts; an empty value, or an optional column
    ({Name?}) the export lacks (resolved to None), is empty text; all empty = null."""
    pieces = []
    for kind, value in template_parts(template):
        if kind == "text":
            pieces.append(literal(value))
        elif resolve.get(value) is not None:
            pieces.append(f"coalesce({text_of(quote_identifier(resolve[value]))}, '')")
    return f"nullif(trim(concat({', '.join(pieces)})), '')"


def hashed_id(text: str) -> str:
    """A stable integer (as text) for an id or name that is not a number (md5 based)."""
    return f"cast(cast({HASH_BASE} + md5_number({text}) % {HASH_SPAN} as bigint) as varchar)"


def crm_id(text: str) -> str:
    """Numeric ids unchanged; Salesforce 18-character ids cut to their 15-character form
    (the same record), then any other text id hashed to a stable integer."""
    salesforce_15 = (f"case when regexp_full_match({text}, '{SALESFORCE_ID}') "
                     f"then left({text}, 15) else {text} end")
    return (
        f"case when {text} is null then null "
        f"when regexp_full_match({text}, '[0-9]{{1,18}}') then cast(cast({text} as bigint) as varchar) "
        f"else {hashed_id(salesforce_15)} end"
    )


def name_key(text: str) -> str:
    """A stable integer (as text) for a person's name or e-mail: case and spacing ignored."""
    normalised = f"lower(regexp_replace({text}, '\\s+', ' ', 'g'))"
    return f"case when {text} is null then null else {hashed_id(normalised)} end"


def value_map_sql(text: str, column: Column, values: dict[Any, Any] | None, unmapped: str = "keep") -> str:
    """Exported values to contract values: the map's keys in any case, and the contract's
    accepted values in any case (written in the contract's spelling); others unchanged,
    or null when `unmapped` is 'null'."""
    lookup: dict[str, Any] = {}
    for accepted in column.accepted_values or ():
        lookup[text_key(accepted)] = accepted
    for source_value, target in (values or {}).items():
        key = text_key("true" if source_value is True else "false" if source_value is False
                       else source_value)
        if target is True or target is False:
            target = "true" if target else "false"
        accepted_spelling = {text_key(a): a for a in column.accepted_values or ()}
        lookup[key] = accepted_spelling.get(text_key(target), target) if target is not None else None
    otherwise = "null" if unmapped == "null" else text
    if not lookup:
        return otherwise
    branches = " ".join(f"when {literal(key)} then {literal(target)}" for key, target in lookup.items())
    return f"case lower({text}) {branches} else {otherwise} end"


def parsed_timestamp(text: str, formats: tuple[str, ...], timezone: str) -> str:
    """A UTC timestamp from text: ISO 8601 with an offset is converted from its offset;
    other text is read with the formats (then ISO 8601) as local time in `timezone`."""
    candidates = []
    if formats:
        candidates.append(f"try_strptime({text}, [{', '.join(literal(f) for f in formats)}])")
    candidates.append(f"try_cast({text} as timestamp)")
    local = f"coalesce({', '.join(candidates)})"
    if timezone.upper() == "UTC":
        from_local = local
    else:
        from_local = f"timezone('UTC', timezone({literal(timezone)}, {local}))"
    return (
        f"case when regexp_full_match({text}, '{ISO_WITH_OFFSET}') "
        f"then timezone('UTC', try_cast({text} as timestamptz)) else {from_local} end"
    )


def _epoch_source(text: str, convert: str | None) -> str | None:
    if convert == "epoch_ms":
        return f"epoch_ms(try_cast({text} as bigint))"
    if convert == "epoch_s":
        return f"epoch_ms(try_cast({text} as bigint) * 1000)"
    return None


def normalised(text: str, column: Column, options: dict[str, Any], parsing: dict[str, Any]) -> str:
    """SQL of the contract's text form of `text` for the column's logical type (null when
    the value does not parse)."""
    kind = column.type
    convert = options.get("convert")
    timezone = options.get("timezone") or parsing.get("timezone") or "UTC"
    if kind == "string":
        return text
    if kind == "integer":
        as_double = f"try_cast({text} as double)"
        return (f"cast(coalesce(try_cast({text} as bigint), case when {as_double} = round({as_double}) "
                f"then cast({as_double} as bigint) end) as varchar)")
    if kind == "decimal":
        separator = options.get("decimal_separator") or parsing.get("decimal_separator") or "."
        digits = f"regexp_replace({text}, '[^0-9,.\\-]', '', 'g')"
        if separator == ".":
            clean = f"replace({digits}, ',', '')"
        else:
            clean = f"replace(replace({digits}, '.', ''), ',', '.')"
        return f"case when try_cast({clean} as double) is not null then {clean} end"
    if kind == "boolean":
        return (f"case when lower({text}) in ({', '.join(map(literal, TRUE_WORDS))}) then 'true' "
                f"when lower({text}) in ({', '.join(map(literal, FALSE_WORDS))}) then 'false' end")
    epoch = _epoch_source(text, convert)
    if kind == "date":
        formats = _as_tuple(options.get("format") or parsing.get("date_format"))
        parsed = epoch or parsed_timestamp(text, formats, "UTC")
        return f"strftime(cast({parsed} as date), '%Y-%m-%d')"
    formats = _as_tuple(options.get("format") or parsing.get("timestamp_format"))
    parsed = epoch or parsed_timestamp(text, formats, timezone)
    if kind == "timestamp":
        return f"strftime({parsed}, '{OUTPUT_TIMESTAMP}')"
    if kind == "epoch_ms":
        if epoch is None:
            return (f"case when regexp_full_match({text}, '[0-9]{{1,15}}') then {text} "
                    f"else cast(epoch_ms({parsed}) as varchar) end")
        return f"cast(epoch_ms({parsed}) as varchar)"
    raise ValueError(f"unknown logical type {kind}")


def mapped(expression: str, column: Column, options: dict[str, Any], unmapped: str = "keep") -> str:
    """The exported value as text after list cut, value map and conversion."""
    text = text_of(expression)
    separator = options.get("list_separator")
    if separator:
        text = f"nullif(trim(split_part({text}, {literal(separator)}, 1)), '')"
    text = value_map_sql(text, column, options.get("values"), unmapped)
    convert = options.get("convert")
    if convert == "crm_id":
        text = crm_id(text)
    elif convert == "name_key":
        text = name_key(text)
    elif convert == "lower":
        text = f"lower({text})"
    elif convert == "upper":
        text = f"upper({text})"
    elif convert == "upper_snake":
        text = f"nullif(trim(regexp_replace(upper({text}), '[^A-Z0-9]+', '_', 'g'), '_'), '')"
    elif convert == "snake_case":
        text = f"nullif(trim(regexp_replace(lower({text}), '[^a-z0-9]+', '_', 'g'), '_'), '')"
    return text


def parquet_cast(name: str, column: Column, as_text: bool) -> str:
    """The output column of a Parquet file: its native type, or text when some values of
    the column do not parse (so they reach staging's quarantine unchanged)."""
    reference = quote_identifier(name)
    if as_text or column.type == "string":
        return f"{reference} as {reference}"
    return f"cast({reference} as {PARQUET_TYPES[column.type]}) as {reference}"
