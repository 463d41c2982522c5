"""scripts.validate_raw: reads every file the way staging does, never crashes, and says
what staging will do (file, line and column of each problem).

Each test writes one small raw file by hand (bytes as a tool would export them) and
validates only that table; the bad-input battery (test_bad_input.py) checks that dbt
agrees on a whole folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import raw_files, validate_raw
from scripts.contract import Table, table
from tests_py.bad_input_folders import csv_text, write_csv

ROOT = Path(__file__).resolve().parents[1]
USERS = table("crm", "users")
ENGAGEMENTS = table("crm", "engagements")  # hs_timestamp required, hs_duration_seconds non-negative
CONTACTS = table("crm", "contacts")

QUARANTINES = "staging quarantines these rows"
NULLS = "staging sets these values to null and keeps the row"


def user(i: int, **values: object) -> dict[str, object]:
    return {"id": 30 + i, "email": f"user{i}@crm.example", "firstname": "Ana", "role": "SDR",
            "createdat": "2024-01-01T00:00:00Z", **values}


def engagement(i: int, **values: object) -> dict[str, object]:
    return {"hs_object_id": 700 + i, "hs_engagement_type": "CALL", "hs_timestamp": "2024-02-10T10:00:00Z",
            "contact_id": 1000 + i, "hs_duration_seconds": 60, **values}


def run(
    tmp_path: Path, tables: list[Table], settings: raw_files.RawSettings | None = None
) -> tuple[list[validate_raw.Finding], list[dict]]:
    return validate_raw.validate_raw(
        str(tmp_path / "raw"), tmp_path / "docs", settings or raw_files.RawSettings.load(), tables=tables
    )


def by_check(findings: list[validate_raw.Finding], check: str) -> validate_raw.Finding:
    matches = [f for f in findings if f.check == check]
    assert len(matches) == 1, [(f.check, f.message) for f in findings]
    return matches[0]


def write_bytes(tmp_path: Path, contract_table: Table, data: bytes) -> Path:
    path = tmp_path / "raw" / contract_table.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ------------------------------------------------------------- whole-file problems


def test_valid_file_passes_and_builds_data_docs(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(i) for i in range(5)])
    findings, summaries = run(tmp_path, [USERS])
    assert findings == []
    assert summaries[0]["rows"] == 5 and summaries[0]["staged_rows"] == 5
    assert (tmp_path / "docs" / "index.html").exists()


def test_missing_and_zero_byte_files_are_hard_in_dbts_words(tmp_path: Path) -> None:
    write_bytes(tmp_path, ENGAGEMENTS, b"")
    raw = str(tmp_path / "raw")
    findings, _ = run(tmp_path, [USERS, ENGAGEMENTS])
    assert [(f.file, f.check, f.severity, f.message) for f in findings] == [
        ("crm/users.csv", "file_exists", "hard",
         f"raw file {raw}/crm/users.csv is missing (LEAD_LIFECYCLE_RAW_DIR={raw}): export it, with its"
         " header row only when the system has no data (stg_quarantine__raw_files fails the build)"),
        ("crm/engagements.csv", "file_not_empty", "hard",
         f"raw file {raw}/crm/engagements.csv is empty (0 bytes): export it with its header row, even"
         " when the system has no data (a header-only file is valid input)"
         " (stg_quarantine__raw_files fails the build)"),
    ]


def test_missing_column_is_hard_and_optional_columns_may_be_absent(tmp_path: Path) -> None:
    header = [c.name for c in USERS.columns if c.name != "role"]
    write_csv(tmp_path / "raw", USERS, [user(1)], header=header)
    deals = table("crm", "deals")
    write_csv(tmp_path / "raw", deals, [{"hs_object_id": 1, "dealstage": "closedwon", "associated_contact_id": 2}])
    findings, _ = run(tmp_path, [USERS, deals])
    hard = [f for f in findings if f.severity == "hard"]
    assert [(f.file, f.column, f.check) for f in hard] == [("crm/users.csv", "role", "column_exists")]
    assert hard[0].message == (
        f"raw file {tmp_path / 'raw'}/crm/users.csv lacks contract column role (columns found: "
        + ", ".join(header) + ") (stg_quarantine__raw_files fails the build)")
    assert not [f for f in findings if f.file == "crm/deals.csv" and f.check == "column_exists"]


def test_header_only_file_is_soft(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [])
    findings, summaries = run(tmp_path, [USERS])
    assert [(f.severity, f.check) for f in findings] == [("soft", "expect_table_row_count_to_be_between")]
    assert "header only" in findings[0].message and summaries[0]["rows"] == 0


# ------------------------------------------------------------------- CSV dialects


def test_semicolon_tab_bom_and_crlf_files_are_read_like_staging(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, USERS, [user(1), user(2, lastname="O'Brien; Jr")], delimiter=";", bom=True, newline="\r\n")
    write_csv(raw, ENGAGEMENTS, [engagement(i) for i in range(3)], delimiter="\t")
    findings, summaries = run(tmp_path, [USERS, ENGAGEMENTS])
    assert findings == []
    assert [(s["csv_delimiter"], s["rows"]) for s in summaries] == [(";", 2), ("\t", 3)]


def test_three_megabyte_field_is_read(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1, lastname="x" * 3_000_000), user(2)])
    findings, summaries = run(tmp_path, [USERS])
    assert findings == [] and summaries[0]["staged_rows"] == 2


def test_latin1_file_read_as_utf8_names_line_byte_header_and_setting(tmp_path: Path) -> None:
    rows = [user(i, firstname="José" if i in (3, 5) else "Ana") for i in range(1, 41)]
    write_csv(tmp_path / "raw", USERS, rows, encoding="latin-1")
    findings, summaries = run(tmp_path, [USERS])
    encoding = by_check(findings, "csv_encoding")
    assert encoding.severity == "soft" and encoding.lines == [4, 6]
    assert encoding.message == (
        "2 line(s) are not valid utf-8 (line 4 has byte 0xE9, which is not UTF-8; the header splits"
        " into 8 fields with ','): staging quarantines these lines; set raw_csv_options:"
        ' {"crm/users.csv": {encoding: latin-1}}')
    assert encoding.examples[0]["reason"].startswith("line 4: Invalid unicode")
    assert summaries[0]["quarantined_rows"] == 2  # 5% of 40, within the limit: no hard finding
    assert [f for f in findings if f.severity == "hard"] == []


def test_latin1_file_declared_in_csv_options_is_read_right(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1, firstname="José")], encoding="latin-1")
    settings = raw_files.RawSettings.load(ROOT, csv_options_text='{"crm/users.csv": {encoding: latin-1}}')
    findings, summaries = run(tmp_path, [USERS], settings)
    assert findings == [] and summaries[0]["csv_encoding"] == "latin-1"


def test_latin1_from_vars_applies_to_every_file(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1, firstname="José")], encoding="latin-1")
    settings = raw_files.RawSettings.load(ROOT, vars_text="{raw_csv_encoding: latin-1}")
    findings, _ = run(tmp_path, [USERS], settings)
    assert findings == []


def test_windows_1252_file_declared_latin1_is_hard_in_dbts_words(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1), user(2, lastname="5€ Ltd")], encoding="cp1252")
    settings = raw_files.RawSettings.load(ROOT, csv_options_text='{"crm/users.csv": {encoding: latin-1}}')
    findings, _ = run(tmp_path, [USERS], settings)
    assert [(f.severity, f.check, f.lines) for f in findings] == [("hard", "csv_readable", [3])]
    assert findings[0].message == (
        f"raw file {tmp_path / 'raw'}/crm/users.csv has byte 0x80 on line 3, which DuckDB's latin-1"
        " reader refuses (a Windows-1252 character such as the euro sign or a curly quote): convert"
        " the file to UTF-8 (iconv -f windows-1252 -t utf-8) and drop its encoding from"
        " raw_csv_options (stg_quarantine__raw_files fails the build)")


def test_wrong_configured_delimiter_names_the_one_that_reads(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1)], delimiter=";")
    settings = raw_files.RawSettings.load(ROOT, csv_options_text='{"crm/users.csv": {delimiter: ","}}')
    findings, _ = run(tmp_path, [USERS], settings)
    hard = [f for f in findings if f.severity == "hard"]
    assert {f.check for f in hard} == {"column_exists", "csv_dialect"}
    assert "has none of the contract columns in its first line read as utf-8 split by ','" in \
        by_check(hard, "csv_dialect").message
    assert any('with \';\' the header has every contract column: set raw_csv_options: {"crm/users.csv":'
               ' {delimiter: ";"}}' in f.message for f in hard)


def test_ragged_lines_are_quarantined_with_their_line(tmp_path: Path) -> None:
    header = [c.name for c in USERS.columns]
    rows: list[dict[str, object] | str] = [user(i) for i in range(1, 40)]
    rows.insert(2, "99,too@many.example,a,b,SDR,team,2024-01-01,false,extra,fields")  # line 4
    rows.insert(5, "98,too@few.example")  # line 7
    write_csv(tmp_path / "raw", USERS, rows, header=header)
    findings, summaries = run(tmp_path, [USERS])
    lines = sorted((f.lines[0], f.examples[0]["reason"]) for f in findings if f.check == "csv_lines")
    assert lines == [
        (4, "line 4: Expected Number of Columns: 8 Found: 10 (TOO MANY COLUMNS)"),
        (7, "line 7: Expected Number of Columns: 8 Found: 2 (MISSING COLUMNS)"),
    ]
    assert all(f.message.startswith("lines that cannot be split") for f in findings if f.check == "csv_lines")
    assert (summaries[0]["rows"], summaries[0]["quarantined_rows"], summaries[0]["staged_rows"]) == (41, 2, 39)


def test_line_numbers_count_records_like_duckdb(tmp_path: Path) -> None:
    """A field with a line break is one record: later lines keep DuckDB's numbering."""
    rows = [user(1, lastname="two\nlines"), user(2), user(3, role="")]
    write_csv(tmp_path / "raw", USERS, rows)
    findings, _ = run(tmp_path, [USERS])
    assert by_check(findings, "expect_column_values_to_not_be_null").lines == [4]


# ------------------------------------------------------- values: staging's rules


def test_required_and_optional_problems_say_what_staging_does(tmp_path: Path) -> None:
    rows = [engagement(i) for i in range(1, 101)]
    rows[9]["hs_timestamp"] = "yesterday"  # required, unparseable: line 11
    rows[19]["hs_timestamp"] = "2099-01-01T00:00:00Z"  # required, implausible: line 21
    rows[29]["hs_createdate"] = "1969-12-31"  # optional, implausible: line 31
    rows[39]["hubspot_owner_id"] = "12abc"  # optional, unparseable: line 41
    rows[49]["hs_duration_seconds"] = "-30"  # optional, negative: line 51
    rows[59]["contact_id"] = ""  # required, empty: line 61
    write_csv(tmp_path / "raw", ENGAGEMENTS, rows)
    findings, summaries = run(tmp_path, [ENGAGEMENTS])
    seen = {(f.column, f.check): (f.lines, f.message) for f in findings}
    between, regex_parse, not_null = ("expect_column_values_to_be_between",
                                      "expect_column_values_to_be_null", "expect_column_values_to_not_be_null")
    assert seen[("hs_timestamp", regex_parse)][0] == [11]
    assert seen[("hs_timestamp", regex_parse)][1].endswith(QUARANTINES)
    assert seen[("hs_timestamp", between)][0] == [21]
    assert seen[("hs_timestamp", between)][1].endswith(QUARANTINES)
    assert seen[("hs_createdate", between)][0] == [31]
    assert seen[("hs_createdate", between)][1].endswith(NULLS)
    assert seen[("hubspot_owner_id", regex_parse)] == ([41], f"values that do not parse as integer: {NULLS}")
    assert seen[("hs_duration_seconds", between)] == ([51], f"negative values in a count or an amount: {NULLS}")
    assert seen[("contact_id", not_null)] == ([61], f"required column empty: {QUARANTINES}")
    assert (summaries[0]["quarantined_rows"], summaries[0]["nulled_rows"]) == (3, 3)
    assert [f for f in findings if f.severity == "hard"] == []  # 3 of 100: within 5%


def test_emails_epochs_and_offsets_follow_staging(tmp_path: Path) -> None:
    forms = table("marketing", "form_submissions")
    rows = [{"conversion_id": f"f-{i}", "form_type": "contact_us", "email": f"a{i}@b.example",
             "submitted_at": 1709251200 + i} for i in range(1, 9)]  # epoch seconds: read as seconds
    rows[1]["email"] = "  Mixed@Case.EXAMPLE "  # trimmed by staging: fine
    rows[2]["email"] = "john doe@example .com"  # required e-mail: quarantined
    rows[3]["submitted_at"] = "1709251200123"  # milliseconds
    write_csv(tmp_path / "raw", forms, rows)
    findings, summaries = run(tmp_path, [forms])
    email = by_check(findings, "expect_column_values_to_match_regex")
    assert (email.column, email.lines, email.message) == (
        "email", [4], f"text that is not an e-mail address: {QUARANTINES}")
    assert [f.check for f in findings] == ["expect_column_values_to_match_regex"]
    assert summaries[0]["quarantined_rows"] == 1


def test_quarantine_share_beyond_the_limit_is_hard(tmp_path: Path) -> None:
    rows = [engagement(i) for i in range(1, 21)]
    for i in range(6):
        rows[i]["hs_timestamp"] = "not a time"  # 6 of 20: 30% and more than 5 rows
    write_csv(tmp_path / "raw", ENGAGEMENTS, rows)
    findings, _ = run(tmp_path, [ENGAGEMENTS])
    share = by_check(findings, "quarantine_share")
    assert share.severity == "hard"
    assert share.message.startswith("6 of 20 rows (30%) go to the quarantine")
    assert share.message.endswith("staging's test quarantine_share_within_limit fails the build")
    settings = raw_files.RawSettings.load(ROOT, vars_text="{quarantine_share_limits: {crm.engagements: 0.5}}")
    findings, _ = validate_raw.validate_raw(str(tmp_path / "raw"), tmp_path / "docs2", settings,
                                            tables=[ENGAGEMENTS])
    assert [f for f in findings if f.check == "quarantine_share"] == []


def test_duplicate_keys_and_unknown_values_are_soft(tmp_path: Path) -> None:
    rows = [user(i) for i in range(1, 6)]
    rows[0]["role"] = "INTERN"
    rows.append(user(2, email="other@crm.example"))  # same key, other contents: line 7
    rows.append(dict(rows[2]))  # exact duplicate: not a finding
    write_csv(tmp_path / "raw", USERS, rows)
    findings, summaries = run(tmp_path, [USERS])
    assert {(f.check, tuple(f.lines)) for f in findings} == {
        ("expect_column_values_to_be_in_set", (2,)),
        ("expect_column_values_to_be_unique", (3, 7)),
    }
    assert {f.severity for f in findings} == {"soft"}
    assert (summaries[0]["exact_duplicate_rows"], summaries[0]["superseded_rows"]) == (1, 1)


def test_parquet_int64_epochs_are_timestamps_not_problems(tmp_path: Path) -> None:
    from tests_py.bad_input_folders import EPOCH_2024_03_01, write_pages

    write_pages(tmp_path / "raw", [
        {"id": f"p-{i}", "anonymous_id": "a", "timestamp": (EPOCH_2024_03_01 + i) * 1000,
         "received_at": (EPOCH_2024_03_01 + i) * 1000} for i in range(1, 5)
    ] + [{"id": "p-late", "anonymous_id": "a", "timestamp": EPOCH_2024_03_01 * 1000,
          "received_at": 4070908800000}])
    findings, summaries = run(tmp_path, [table("web", "pages")])
    assert [(f.column, f.lines, f.check) for f in findings] == [
        ("received_at", [5], "expect_column_values_to_be_between")]
    assert summaries[0]["quarantined_rows"] == 1


# ------------------------------------------------------------------ never crashes


def test_main_validates_every_file_and_exits_1_on_hard_findings(tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw"
    write_bytes(tmp_path, USERS, b"")
    write_csv(raw, ENGAGEMENTS, [engagement(1, hs_outcome="CAFÉ")], encoding="latin-1")
    write_csv(raw, CONTACTS, ["1,a@b.example,too,many" + ",x" * 20])
    status = validate_raw.main(["--raw-dir", str(raw), "--docs-dir", str(tmp_path / "docs")])
    out = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out.out + out.err
    assert "crm/users.csv: raw file" in out.out and "is empty (0 bytes)" in out.out
    assert "crm/engagements.csv, line 2:" in out.out
    assert "crm/contacts.csv, line 2:" in out.out
    assert "web/pages.parquet" in out.out  # parquet files missing: named too


def test_an_unexpected_error_on_one_file_is_a_finding(tmp_path: Path, monkeypatch) -> None:
    write_csv(tmp_path / "raw", USERS, [user(1)])
    write_csv(tmp_path / "raw", ENGAGEMENTS, [engagement(1)])

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    real = validate_raw.read_csv_file
    monkeypatch.setattr(validate_raw, "read_csv_file",
                        lambda con, path, t, *rest: broken() if t is USERS else real(con, path, t, *rest))
    findings, _ = run(tmp_path, [USERS, ENGAGEMENTS])
    assert [(f.file, f.check, f.severity) for f in findings] == [
        ("crm/users.csv", "validate_raw_error", "hard")]
    assert "RuntimeError: disk on fire" in findings[0].message


# ------------------------------------------------------- the same rules as the macros


@pytest.mark.parametrize(
    ("pattern", "macro"),
    [
        (raw_files.INTEGER_PATTERN, "parse_integer.sql"),
        (raw_files.DECIMAL_PATTERN, "parse_decimal.sql"),
        (raw_files.EPOCH_PATTERN, "parse_epoch_ms.sql"),
        (raw_files.DATE_PATTERN, "parse_date.sql"),
        (raw_files.ISO_LOCAL_PART, "parse_iso_timestamp.sql"),
        (" ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$", "parse_iso_timestamp.sql"),
        (raw_files.EMAIL_PATTERN, "contract_typed_rows.sql"),
        ("100000000000", "parse_epoch_ms.sql"),
    ],
)
def test_patterns_are_the_macros(pattern: str, macro: str) -> None:
    assert pattern in (ROOT / "macros" / "staging" / macro).read_text()


def test_rejected_line_order_is_the_macros() -> None:
    macro = (ROOT / "macros" / "staging" / "base_model_config.sql").read_text()
    body = macro.split("macro rejected_line_error_order", 1)[1].split("endmacro", 1)[0]
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert squeeze(raw_files.REJECTED_LINE_ORDER) in squeeze(body)


def test_csv_text_helper_writes_what_the_tests_say() -> None:
    assert csv_text(["a", "b"], [{"a": 1, "b": "x;y"}, "raw,line"], delimiter=";", newline="\r\n") == (
        'a;b\r\n1;"x;y"\r\nraw,line\r\n')
