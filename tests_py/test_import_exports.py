"""scripts/import_exports.py on small hand-made exports: mapping validation, the one report
before anything is written, several files of one table, values that do not parse, the
history message, and the contract read at run time."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import duckdb
import pytest

from scripts import contract
from scripts.import_exports import ERROR, NOTE, VALUES, WARNING, main, run_import
from scripts.import_mapping import MappingError, load_mapping


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def text(report, severity: str) -> str:
    return "\n".join(f"{f.table}: {f.message}" for f in report.of(severity))


USERS_MAPPING = """
version: 1
tables:
  crm/users:
    files: "users*.csv"
    columns:
      id: Id
      firstname: Name
      role: {column: Job, values: {Sales rep: AE, Marketer: MARKETING}}
      createdat: {column: Since, format: "%d.%m.%Y %H:%M"}
"""


# ------------------------------------------------------------- the mapping file
@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("version: 1\ntables:\n  crm/users:\n    files: a.csv\n    colums: {}\n",
         "line 5, tables.crm/users.colums: unknown key 'colums'"),
        ("version: 1\ntables:\n  crm/user:\n    files: a.csv\n    columns: {}\n",
         "line 3, tables.crm/user: no contract table 'crm/user'"),
        ("version: 1\ntables:\n  crm/users:\n    files: a.csv\n    columns:\n      identifier: Id\n",
         "line 6, tables.crm/users.columns.identifier: crm/users has no contract column 'identifier'"),
        ("version: 1\ntables:\n  crm/users:\n    files: a.csv\n    columns:\n      role:\n        column: Job\n"
         "        values:\n          Sales rep: AEE\n",
         "line 9, tables.crm/users.columns.role.values.Sales rep: 'AEE' is not an accepted value of crm/users.role"),
        ("version: 1\ntables:\n  crm/users:\n    files: a.csv\n    columns:\n      id: {column: Id, constant: 1}\n",
         "line 6, tables.crm/users.columns.id: give exactly one of column, constant, template, coalesce, sql"),
        ("version: 1\ntables:\n  crm/users:\n    files: a.csv\n    columns:\n      id: {column: Id, convert: hash}\n",
         "line 6, tables.crm/users.columns.id"),
        ("version: 1\ntables:\n  crm/users:\n    files: [a.csv\n", "line 5: not valid YAML"),
    ],
)
def test_mapping_errors_name_the_line_and_the_key(tmp_path: Path, yaml_text: str, expected: str) -> None:
    path = write(tmp_path / "mapping.yml", yaml_text)
    with pytest.raises(MappingError) as raised:
        load_mapping([path])
    assert expected in str(raised.value)
    assert str(path) in str(raised.value)


def test_two_mappings_of_one_table_are_refused(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yml", USERS_MAPPING)
    second = write(tmp_path / "b.yml", USERS_MAPPING)
    with pytest.raises(MappingError, match=r"b.yml line 3, tables.crm/users: crm/users is already mapped by .*a.yml"):
        load_mapping([first, second])


# ------------------------------------------------- one report, then writing
def test_everything_to_fix_is_in_one_report_and_nothing_is_written(tmp_path: Path) -> None:
    strict_roles = USERS_MAPPING.replace("Marketer: MARKETING}}", "Marketer: MARKETING}, on_unmapped_value: error}")
    mapping = write(tmp_path / "m.yml", strict_roles + """
  crm/deals:
    files: "deals.csv"
    columns:
      hs_object_id: Deal ID
      dealstage: {column: Stage, values: {Won: closedwon}}
      associated_contact_id: Contact
""")
    src = tmp_path / "exports"
    write(src / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n2,Bo,Intern,03.02.2025 10:00\n")
    write(src / "deals.csv", "Deal ID,Stage,Contact\n7,Won,1\n8,Pitch,1\n")
    out = tmp_path / "raw"
    report = run_import([mapping], src, out)
    problems = "\n".join(f.message for f in report.problems)
    # a required column without a mapping line, a value the mapping says must be mapped
    assert "required column createdate (timestamp) is not mapped" in problems or \
        not contract.table("crm", "deals").column("createdate").required
    assert "role from export column Job: 'Intern' (1 rows)" in problems
    # a value outside the contract's list is reported with the key and line to add it at
    values = text(report, VALUES)
    assert "dealstage from export column Stage: 'Pitch' (1 rows)" in values
    assert "m.yml line 15, tables.crm/deals.columns.dealstage.values" in values
    assert not out.exists()
    assert not report.written
    rendered = report.render()
    assert rendered.startswith(f"Import of {src}")
    assert "NOTHING WRITTEN" in rendered
    assert "- crm/users: [blocks] role from export column Job: 'Intern'" in rendered


def test_missing_required_column_and_missing_export_column_are_problems(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", """
version: 1
tables:
  crm/users:
    files: "users.csv"
    columns:
      id: Identifier
      firstname: Name
""")
    write(tmp_path / "exports" / "users.csv", "Id,Name,Job\n1,Ann,AE\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    problems = text(report, ERROR)
    assert "m.yml line 6, tables.crm/users.columns.id: column 'Identifier' is not in users.csv " \
           "(columns: Id, Name, Job)" in problems
    assert "required column role (string) is not mapped: add a line `role: \"<export column>\"`" in problems
    assert not (tmp_path / "raw").exists()


def test_values_are_normalised_to_the_contract(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", USERS_MAPPING)
    write(tmp_path / "exports" / "users.csv",
          "Id,Name,Job,Since\n 1 ,Ann,sales REP,01.02.2025 09:00\n2,Bo,marketing,03.02.2025 23:30\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw", timezone="Europe/Berlin")
    assert report.written, report.render()
    users = rows(tmp_path / "raw" / "crm" / "users.csv")
    assert [(u["id"], u["role"], u["createdat"]) for u in users] == [
        ("1", "AE", "2025-02-01T08:00:00.000Z"),       # map keys match in any case
        ("2", "MARKETING", "2025-02-03T22:30:00.000Z"),  # accepted values in any case
    ]
    # every contract table exists afterwards, in contract column order
    for table in contract.CONTRACT:
        assert (tmp_path / "raw" / table.relative_path).exists()
    assert list(users[0]) == contract.table("crm", "users").column_names


# ------------------------------------------------- several files of one table
def test_monthly_exports_are_concatenated_and_deduplicated(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", """
version: 1
tables:
  crm/deals:
    files: "deals/*.csv"
    columns:
      hs_object_id: ID
      dealstage: Stage
      createdate: Created
      amount: Amount
      associated_contact_id: Contact
""")
    src = tmp_path / "exports"
    write(src / "deals" / "2026-01.csv", "ID,Stage,Created,Amount,Contact\n"
                                          "1,appointmentscheduled,2026-01-03,100,10\n"
                                          "2,contractsent,2026-01-09,200,20\n")
    write(src / "deals" / "2026-02.csv", "ID,Stage,Created,Amount,Contact\n"
                                          "2,contractsent,2026-01-09,200,20\n"      # same row again
                                          "1,closedwon,2026-01-03,150,10\n"          # deal 1 moved on
                                          "3,qualifiedtobuy,2026-02-11,300,30\n")
    report = run_import([mapping], src, tmp_path / "raw")
    assert report.written, report.render()
    deals = {d["hs_object_id"]: (d["dealstage"], d["amount"]) for d in rows(tmp_path / "raw" / "crm" / "deals.csv")}
    assert deals == {"1": ("closedwon", "150"), "2": ("contractsent", "200"), "3": ("qualifiedtobuy", "300")}
    result = report.table("crm/deals")
    assert (len(result.files), result.rows_read, result.duplicates_removed, result.superseded,
            result.rows_written) == (2, 5, 1, 1, 3)


# --------------------------------------------------- values that do not parse
def test_a_wrong_date_format_is_a_problem_a_few_bad_dates_are_kept(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", USERS_MAPPING)
    # a US date where the mapping says day.month.year (ISO 8601 would always be read)
    write(tmp_path / "exports" / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,02/01/2025 9:00 AM\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert "no value of createdat reads as a timestamp (1 values, for example '02/01/2025 9:00 AM')" \
        in text(report, ERROR)

    write(tmp_path / "exports" / "users.csv",
          "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n2,Bo,Sales rep,soon\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert report.written, report.render()
    assert "1 value(s) of createdat do not read as a timestamp (for example 'soon')" in text(report, WARNING)
    # written as exported: staging quarantines the row and says why
    assert [u["createdat"] for u in rows(tmp_path / "raw" / "crm" / "users.csv")] == [
        "2025-02-01T09:00:00.000Z", "soon"]


def test_parquet_output_is_typed_unless_a_value_does_not_parse(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", """
version: 1
tables:
  web/identifies:
    files: "identifies.csv"
    columns:
      id: id
      anonymous_id: anon
      timestamp: ts
      received_at: {column: ts}
""")
    write(tmp_path / "exports" / "identifies.csv", "id,anon,ts\na,x,2026-01-01T10:00:00Z\nb,y,never\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert report.written, report.render()
    con = duckdb.connect()
    types = dict(con.execute(f"describe select * from '{tmp_path}/raw/web/identifies.parquet'").fetchall()
                 [i][:2] for i in range(6))
    assert types["timestamp"] == "VARCHAR"  # 'never' kept for the quarantine
    assert con.execute(f"select timestamp from '{tmp_path}/raw/web/identifies.parquet' order by id").fetchall() == [
        ("2026-01-01T10:00:00.000Z",), ("never",)]


def test_a_line_the_csv_reader_rejects_is_a_problem_naming_file_and_line(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", USERS_MAPPING)
    write(tmp_path / "exports" / "users.csv",
          "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n2,Bo,Sales rep,01.02.2025 09:00,extra,cells\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert "users.csv line 3: the CSV reader rejected the line (too many columns)" in text(report, ERROR)


# ---------------------------------------------- dialect, encoding, file formats
GERMAN_EXCEL_MAPPING = """
version: 1
defaults:
  timezone: Europe/Berlin
  timestamp_format: "%d.%m.%Y %H:%M"
  decimal_separator: ","
tables:
  crm/deals:
    files: "deals*.csv"
    csv: {delimiter: ";", encoding: windows-1252}
    columns:
      hs_object_id: Nr
      dealname: Name
      dealstage: {column: Phase, values: {Gewonnen: closedwon, Angebot: contractsent}}
      createdate: Erstellt
      amount: Betrag
      associated_contact_id: Kontakt
  crm/users:
    files: "users.txt"
    format: csv
    csv: {delimiter: "\\t", encoding: utf-16}
    columns:
      id: Id
      firstname: Name
      role: {column: Job, values: {Vertrieb: AE}}
"""
# Excel on Windows saves "CSV (semicolon)" in its code page: the en dash (0x96) and the
# euro sign (0x80) have no latin-1 character
GERMAN_DEALS = ("Nr;Name;Phase;Erstellt;Betrag;Kontakt\r\n"
                "7;M\u00fcller Bau \u2013 Rahmenvertrag;Gewonnen;05.01.2026 14:30;\"1.234,50\";42\r\n"
                "8;\u00d6ko GmbH (\u20ac);Angebot;02.02.2026 09:00;99,00;43\r\n")


def test_delimiter_and_encoding_from_the_mapping(tmp_path: Path) -> None:
    src = tmp_path / "exports"
    src.mkdir()
    (src / "deals.csv").write_bytes(GERMAN_DEALS.encode("cp1252"))
    # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated
    (src / "users.txt").write_bytes("Id\tName\tJob\r\n1\t\u00c5sa\tVertrieb\r\n".encode("utf-16"))
    mapping = write(tmp_path / "m.yml", GERMAN_EXCEL_MAPPING)
    report = run_import([mapping], src, tmp_path / "raw")
    assert report.written, report.render()
    deals = [(d["hs_object_id"], d["dealname"], d["dealstage"], d["createdate"], d["amount"])
             for d in rows(tmp_path / "raw" / "crm" / "deals.csv")]
    assert deals == [
        ("7", "M\u00fcller Bau \u2013 Rahmenvertrag", "closedwon", "2026-01-05T13:30:00.000Z", "1234.50"),
        ("8", "\u00d6ko GmbH (\u20ac)", "contractsent", "2026-02-02T08:00:00.000Z", "99.00"),
    ]
    assert [(u["id"], u["firstname"], u["role"]) for u in rows(tmp_path / "raw" / "crm" / "users.csv")] == [
        ("1", "\u00c5sa", "AE")]
    assert report.table("crm/deals").files == ["deals.csv"]
    assert "not UTF-8" not in text(report, NOTE)


def test_an_export_that_is_not_utf8_is_read_in_the_windows_code_page(tmp_path: Path) -> None:
    src = tmp_path / "exports"
    src.mkdir()
    (src / "deals.csv").write_bytes(GERMAN_DEALS.encode("cp1252"))
    mapping = write(tmp_path / "m.yml", GERMAN_EXCEL_MAPPING.replace(", encoding: windows-1252}", "}")
                    .split("  crm/users:")[0])
    report = run_import([mapping], src, tmp_path / "raw")
    assert report.written, report.render()
    assert f"{src / 'deals.csv'} is not UTF-8: read as windows-1252" in text(report, NOTE)
    assert rows(tmp_path / "raw" / "crm" / "deals.csv")[0]["dealname"] == "M\u00fcller Bau \u2013 Rahmenvertrag"

    # a rejected line names the exported file, not the UTF-8 copy the reader read
    (src / "deals.csv").write_bytes((GERMAN_DEALS + "9;Zu;viele;Zellen;1;2;3\r\n").encode("cp1252"))
    report = run_import([mapping], src, tmp_path / "raw2")
    assert f"{src / 'deals.csv'} line 4: the CSV reader rejected the line (too many columns)" in text(report, ERROR)

    # a byte without a character in the code page: a problem naming the file and the offset
    (src / "deals.csv").write_bytes(GERMAN_DEALS.encode("cp1252") + b"10;\x81;Angebot;02.02.2026 09:00;1;1\r\n")
    report = run_import([mapping], src, tmp_path / "raw3")
    offset = len(GERMAN_DEALS.encode("cp1252")) + len("10;")
    assert (f"{src / 'deals.csv'} is not windows-1252: byte b'\\x81' at offset {offset} has no character in it"
            in text(report, ERROR))
    assert not (tmp_path / "raw3").exists()


def test_parquet_exports_with_epoch_milliseconds(tmp_path: Path) -> None:
    src = tmp_path / "exports"
    src.mkdir()
    con = duckdb.connect()
    # an API or warehouse-sync export: typed columns, times as epoch milliseconds
    con.execute(f"""
        copy (select * from (values (11, 'CALL', 1767607200000, 101), (12, 'MEETING', 1767610800000, 102))
              as engagements(engagement_id, kind, ts_ms, contact))
        to '{src / "engagements.parquet"}' (format parquet)
    """)
    mapping = write(tmp_path / "m.yml", """
version: 1
tables:
  crm/engagements:
    files: "*.parquet"
    columns:
      hs_object_id: engagement_id
      hs_engagement_type: kind
      hs_timestamp: {column: ts_ms, convert: epoch_ms}
      contact_id: contact
""")
    report = run_import([mapping], src, tmp_path / "raw")
    assert report.written, report.render()
    engagements = [(e["hs_object_id"], e["hs_engagement_type"], e["hs_timestamp"], e["contact_id"])
                   for e in rows(tmp_path / "raw" / "crm" / "engagements.csv")]
    # 1767607200000 ms = 2026-01-05 10:00 UTC
    assert engagements == [("11", "CALL", "2026-01-05T10:00:00.000Z", "101"),
                           ("12", "MEETING", "2026-01-05T11:00:00.000Z", "102")]


# ------------------------------------------------------------ expressions
def test_template_coalesce_constant_when_and_list_cut(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", """
version: 1
tables:
  crm/deals:
    files: "deals.csv"
    columns:
      hs_object_id: {template: "{Name}|{Contact}", convert: name_key}
      dealname: {template: "{Name} ({Pipeline})"}
      pipeline: {coalesce: [Pipeline, Type]}
      dealstage: {constant: closedwon}
      createdate: Created
      closedate: {column: Closed, when: {column: Status, in: [closed]}}
      associated_contact_id: {column: Contacts, list_separator: ";"}
      amount: {column: Amount, decimal_separator: ","}
""")
    write(tmp_path / "exports" / "deals.csv",
          "Name,Contact,Pipeline,Type,Created,Closed,Status,Contacts,Amount\n"
          "Big,c1,,partner,2026-01-01,2026-02-01,closed,7;8,\"1.234,50\"\n"
          "Small,c2,direct,,2026-01-05,2026-03-01,open,9,\"99,00\"\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert report.written, report.render()
    deals = rows(tmp_path / "raw" / "crm" / "deals.csv")
    got = [(d["dealname"], d["pipeline"], d["dealstage"], d["closedate"], d["associated_contact_id"], d["amount"])
           for d in deals]
    assert sorted(got) == [
        ("Big ()", "partner", "closedwon", "2026-02-01T00:00:00.000Z", "7", "1234.50"),
        ("Small (direct)", "direct", "closedwon", "", "9", "99.00"),
    ]


# ---------------------------------------------------------------- history
def test_current_values_only_says_the_history_comes_from_snapshots(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", USERS_MAPPING)
    write(tmp_path / "exports" / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    notes = text(report, NOTE)
    assert "crm/contact_property_history: No property history in the exports" in notes
    assert "--vars '{lead_stage_history_input: snapshot}'" in notes
    assert "What this loses" in notes
    assert "every deal breaks OPP-01" in notes and "definition_rules.csv" in notes


def test_contract_shaped_files_are_taken_as_they_are(tmp_path: Path) -> None:
    mapping = write(tmp_path / "m.yml", USERS_MAPPING)
    src = tmp_path / "exports"
    write(src / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n")
    write(src / "marketing" / "ad_spend.csv",
          "date,platform,campaign_id,campaign_name,utm_source,utm_medium,impressions,clicks,spend\n"
          "2026-01-01,google_ads,g-1,brand,google,cpc,100,3,2.5\n")
    report = run_import([mapping], src, tmp_path / "raw")
    assert report.table("marketing/ad_spend").origin == "as-is"
    assert rows(tmp_path / "raw" / "marketing" / "ad_spend.csv")[0]["spend"] == "2.5"


# ------------------------------------------------ the contract is read at run time
def test_a_column_added_to_the_contract_is_written_without_code_changes(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    users = contract.table("crm", "users")
    extended = dataclasses.replace(users, columns=(*users.columns, contract.Column(
        "seniority", "integer", "Years in the company.")))
    monkeypatch.setattr(contract, "CONTRACT", tuple(extended if t is users else t for t in contract.CONTRACT))
    mapping = write(tmp_path / "m.yml", USERS_MAPPING.replace("      firstname: Name\n",
                                                              "      firstname: Name\n      seniority: Years\n"))
    write(tmp_path / "exports" / "users.csv", "Id,Name,Job,Since,Years\n1,Ann,Sales rep,01.02.2025 09:00,4.0\n")
    report = run_import([mapping], tmp_path / "exports", tmp_path / "raw")
    assert report.written, report.render()
    assert rows(tmp_path / "raw" / "crm" / "users.csv")[0]["seniority"] == "4"


# --------------------------------------------------------------------- CLI
def test_command_line_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "m.yml", USERS_MAPPING)
    bad = write(tmp_path / "bad.yml", "version: 2\ntables: {}\n")
    src = tmp_path / "exports"
    write(src / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,01.02.2025 09:00\n")
    assert main(["--mapping", str(bad), "--src", str(src), "--out", str(tmp_path / "raw")]) == 2
    assert "bad.yml line 1, version" in capsys.readouterr().err
    assert main(["--mapping", str(good), "--src", str(src), "--out", str(tmp_path / "raw"), "--check"]) == 0
    assert not (tmp_path / "raw").exists()
    report_file = tmp_path / "report.md"
    assert main(["--mapping", str(good), "--src", str(src), "--out", str(tmp_path / "raw"),
                 "--report", str(report_file)]) == 0
    assert "Written to" in report_file.read_text()
    write(src / "users.csv", "Id,Name,Job,Since\n1,Ann,Sales rep,never\n")
    assert main(["--mapping", str(good), "--src", str(src), "--out", str(tmp_path / "raw2")]) == 1
