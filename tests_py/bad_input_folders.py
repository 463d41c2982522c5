"""Hand-made raw folders with one defect per case, for the bad-input battery.

`write_defects_folder(root)` writes the battery's shared folder: every contract table
carries its own file-level defect (a byte-order mark, CRLF, a delimiter, an encoding,
a missing or empty file ...) and row-level defects on keys of their own, so that no two
cases can interact and one `dbt build` judges them all. Plain rows ("filler": contacts
1001-1060 and what they did) keep each table's quarantined share within the 5% limit
where a case needs that. The figures each case expects are in test_bad_input.py, next
to the case; README "Bad input: nothing is lost" lists them.

Files are written byte by byte (csv.writer with the delimiter, line ending, encoding
and byte-order mark of the case), so that what DuckDB reads is exactly what a tool
exported; lines that are broken on purpose (ragged rows, bytes of another encoding)
are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scripts.contract import Table, table
from tests_py.raw_folders import cell_text

Row = dict[str, Any]

MEGABYTE = 1_000_000
# contacts 1001-1060: plain leads, one property change each, forms and calls for some
FILLER_CONTACTS = range(1001, 1061)
# the two versions of contact 12 that tie on lastmodifieddate (and createdate)
TIED_VERSIONS: tuple[Row, Row] = (
    {"hs_object_id": 12, "email": "tie.first@tie.example", "createdate": "2024-03-03T09:00:00Z",
     "lastmodifieddate": "2024-04-01T00:00:00Z", "lifecyclestage": "lead"},
    {"hs_object_id": 12, "email": "tie.second@tie.example", "createdate": "2024-03-03T09:00:00Z",
     "lastmodifieddate": "2024-04-01T00:00:00Z", "lifecyclestage": "lead"},
)
EPOCH_2024_03_01 = 1709251200  # 2024-03-01T00:00:00Z in seconds
EPOCH_2099_01_01_MS = 4070908800000  # 2099-01-01T00:00:00Z in milliseconds
LATIN1_CONFIGURED = "marketing/form_submissions.csv"  # read with raw_csv_options
BUILD_VARS = '{raw_csv_options: {"marketing/form_submissions.csv": {encoding: latin-1}}}'


def csv_text(
    header: list[str],
    rows: Iterable[Row | str],
    *,
    delimiter: str = ",",
    newline: str = "\n",
) -> str:
    """CSV text of rows (dicts by column name; a str is written as a raw line)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        if isinstance(row, str):
            buffer.write(row + newline)
        else:
            writer.writerow([cell_text(row.get(column)) for column in header])
    return buffer.getvalue()


def write_csv(
    root: Path,
    contract_table: Table,
    rows: Iterable[Row | str],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    newline: str = "\n",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    """Write one raw CSV file of the contract (contract columns unless header is given)."""
    rows = list(rows)
    if header is None:
        given = {key for row in rows if isinstance(row, dict) for key in row}
        header = [c.name for c in contract_table.columns if not c.optional or c.name in given]
    path = root / contract_table.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = csv_text(header, rows, delimiter=delimiter, newline=newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_parquet(root: Path, contract_table: Table, columns: dict[str, pa.Array]) -> Path:
    path = root / contract_table.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)
    return path


def _strings(rows: list[Row], names: list[str]) -> dict[str, pa.Array]:
    return {
        name: pa.array([None if row.get(name) is None else cell_text(row[name]) for row in rows],
                       type=pa.string())
        for name in names
    }


# ------------------------------------------------------------------------- the cases


def contacts_rows(tie_order: tuple[int, int] = (0, 1)) -> list[Row | str]:
    """crm/contacts (UTF-8 with a byte-order mark): 81 records, 3 quarantined."""
    filler = [
        {"hs_object_id": i, "email": f"person{i}@filler.example",
         "createdate": f"2024-01-{1 + (i - 1001) % 28:02d}T09:00:00Z",
         "lastmodifieddate": "2024-02-01T00:00:00Z", "lifecyclestage": "lead",
         "hs_analytics_source": "ORGANIC_SEARCH"}
        for i in FILLER_CONTACTS
    ]
    duplicate = {"hs_object_id": 11, "email": "twice@dup.example", "createdate": "2024-03-02T09:00:00Z",
                 "lifecyclestage": "lead"}
    special: list[Row | str] = [
        {"hs_object_id": 1, "email": "  Ana.Lopez@Example.COM ", "createdate": "2024-03-01T10:00:00+02:00",
         "lifecyclestage": "lead"},
        {"hs_object_id": 2, "email": "not-an-email", "createdate": "2024-03-01 10:00:00",
         "lifecyclestage": "lead"},
        {"hs_object_id": 3, "email": "john doe@example .com", "createdate": "2024-03-02",
         "lifecyclestage": "lead"},
        {"hs_object_id": 4, "email": "bobby@tables.example", "company": "Robert'); DROP TABLE contacts;--",
         "jobtitle": "{{ var('mql_score_threshold') }} {% raw %}", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "lead"},
        {"hs_object_id": 5, "email": "quote@acme.example", "company": 'Acme "Quoted", Inc.\nSecond line',
         "createdate": "2024-03-02T09:00:00Z", "lifecyclestage": "lead"},
        {"hs_object_id": 6, "email": "custom@stage.example", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "prospect_custom"},
        {"hs_object_id": 7, "email": "cycle7@merge.example", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "lead", "merged_into_object_id": 8},
        {"hs_object_id": 8, "email": "cycle8@merge.example", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "lead", "merged_into_object_id": 7},
        {"hs_object_id": 9, "email": "orphan@merge.example", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "lead", "merged_into_object_id": 999},
        {"hs_object_id": 10, "email": "old10@versions.example", "createdate": "2024-03-02T09:00:00Z",
         "lastmodifieddate": "2024-03-05T00:00:00Z", "lifecyclestage": "lead"},
        {"hs_object_id": 10, "email": "new10@versions.example", "createdate": "2024-03-02T09:00:00Z",
         "lastmodifieddate": "2024-04-05T00:00:00Z", "lifecyclestage": "lead"},
        duplicate,
        dict(duplicate),
        TIED_VERSIONS[tie_order[0]],
        TIED_VERSIONS[tie_order[1]],
        {"hs_object_id": 13, "email": "long@text.example", "company": "x" * MEGABYTE,
         "createdate": "2024-03-02T09:00:00Z", "lifecyclestage": "lead"},
        {"hs_object_id": 14, "email": "moon@1969.example", "createdate": "1969-07-20T20:17:00Z",
         "lifecyclestage": "lead"},
        {"hs_object_id": 15, "email": "epoch@seconds.example", "createdate": str(EPOCH_2024_03_01 + 36000),
         "lifecyclestage": "lead"},
        {"hs_object_id": None, "email": "nokey@nokey.example", "createdate": "2024-03-02T09:00:00Z",
         "lifecyclestage": "lead"},
        # 18 contract columns: one line with 20 fields, one with 2
        "16,too@many.example" + ",x" * 18,
        "17,too@few.example",
    ]
    return [*special, *filler]


CONTACTS_HEADER = [c.name for c in table("crm", "contacts").columns]


def write_defects_folder(root: Path, tie_order: tuple[int, int] = (0, 1)) -> Path:
    """The battery's shared raw folder (see the module docstring)."""
    # crm/contacts: a UTF-8 byte-order mark before the header
    write_csv(root, table("crm", "contacts"), contacts_rows(tie_order), header=CONTACTS_HEADER, bom=True)

    # crm/companies: CRLF line endings (and a CRLF inside a quoted field)
    write_csv(root, table("crm", "companies"), [
        {"hs_object_id": 201, "name": "Acme", "numberofemployees": 50, "annualrevenue": "1000000.50"},
        {"hs_object_id": 202, "name": "Huge Co", "numberofemployees": "99999999999999999999"},
        {"hs_object_id": 203, "name": "Overflow AG", "annualrevenue": "1e40"},
        {"hs_object_id": 204, "name": "Two\r\nLines Ltd", "numberofemployees": 12},
        {"hs_object_id": 205, "name": "Minus GmbH", "numberofemployees": "-5"},
    ], newline="\r\n")

    # crm/users: columns in another order plus two columns the contract does not know
    users_header = ["role", "department", "email", "id", "lastname", "firstname", "archived",
                    "createdat", "team_name", "manager_id"]
    write_csv(root, table("crm", "users"), [
        {"id": 31, "email": "sdr@crm.example", "role": "SDR", "department": "Sales", "manager_id": 33},
        {"id": 32, "email": "csm@crm.example", "role": "CSM", "department": "Success"},
        {"id": 33, "email": "ae@crm.example", "role": "AE", "department": "Sales"},
    ], header=users_header)

    # crm/contact_property_history: semicolon-delimited
    history = [
        {"object_id": i, "property_name": "lifecyclestage", "value": "lead",
         "timestamp": f"2024-01-{1 + (i - 1001) % 28:02d}T09:00:00Z", "source_type": "FORM"}
        for i in FILLER_CONTACTS
    ]
    history += [
        {"object_id": 1, "property_name": "lifecyclestage", "value": "marketingqualifiedlead",
         "timestamp": "2024-03-05", "source_type": "WORKFLOW"},
        {"object_id": 1001, "property_name": "disqualification_reason", "value": "budget; timing",
         "timestamp": "2024-03-06T09:00:00Z", "source_type": "CRM_UI"},
        {"object_id": 6, "property_name": "lifecyclestage", "value": "prospect_custom",
         "timestamp": "yesterday", "source_type": "CRM_UI"},
    ]
    write_csv(root, table("crm", "contact_property_history"), history, delimiter=";")

    # crm/engagements: tab-delimited; events in 2099 and 1969
    engagements: list[Row] = [
        {"hs_object_id": 7000 + i, "hs_engagement_type": "CALL", "hs_timestamp": "2024-02-10T10:00:00Z",
         "hubspot_owner_id": 31, "contact_id": i, "hs_outcome": "CONNECTED", "hs_direction": "OUTBOUND",
         "hs_duration_seconds": 60}
        for i in range(1001, 1041)
    ]
    engagements += [
        {"hs_object_id": 7901, "hs_engagement_type": "CALL", "hs_timestamp": "2099-01-01T10:00:00Z",
         "hubspot_owner_id": 31, "contact_id": 1041, "hs_outcome": "CONNECTED"},
        {"hs_object_id": 7902, "hs_engagement_type": "MEETING", "hs_timestamp": "1969-12-31T23:00:00Z",
         "hubspot_owner_id": 31, "contact_id": 1042, "hs_outcome": "COMPLETED"},
        {"hs_object_id": 7903, "hs_engagement_type": "CALL", "hs_timestamp": "2024-02-11T10:00:00Z",
         "hubspot_owner_id": 31, "contact_id": 1043, "hs_outcome": "CONNECTED", "hs_duration_seconds": "-30"},
    ]
    write_csv(root, table("crm", "engagements"), engagements, delimiter="\t")

    # crm/deals: amounts that do not parse or are implausible, an unknown stage, 3 MB text
    deal = {"pipeline": "default", "dealstage": "closedwon", "hs_is_closed_won": True,
            "createdate": "2024-03-10T10:00:00Z", "closedate": "2024-03-20T10:00:00Z",
            "hubspot_owner_id": 33}
    write_csv(root, table("crm", "deals"), [
        {**deal, "hs_object_id": 501, "dealname": "Thousands", "amount": "1,234.00", "associated_contact_id": 1001},
        {**deal, "hs_object_id": 502, "dealname": "Currency", "amount": "€500", "associated_contact_id": 1002},
        {**deal, "hs_object_id": 503, "dealname": "Overflow", "amount": "1e40", "associated_contact_id": 1003},
        {**deal, "hs_object_id": 504, "dealname": "Negative", "amount": "-90000", "associated_contact_id": 1004},
        {**deal, "hs_object_id": 505, "dealname": "Plain", "amount": "5000", "associated_contact_id": 1005},
        {**deal, "hs_object_id": 506, "dealname": "Unknown stage", "amount": "700", "dealstage": "Verbal Commit",
         "hs_is_closed_won": False, "closedate": None, "associated_contact_id": 1006},
        {**deal, "hs_object_id": 507, "dealname": "y" * (3 * MEGABYTE), "amount": "100",
         "associated_contact_id": 1007},
        {**deal, "hs_object_id": 508, "dealname": "{{ ref('dim_leads') }}'; drop table x; --",
         "amount": "200", "associated_contact_id": 1008},
    ])

    # crm/deal_stage_history: header only (a CRM without stage history)
    write_csv(root, table("crm", "deal_stage_history"), [])

    # marketing/form_submissions: Latin-1, declared in raw_csv_options; epoch seconds
    forms: list[Row] = [
        {"conversion_id": f"f-{i}", "form_type": "contact_us", "submitted_at": EPOCH_2024_03_01 + 60 * (i - 1000),
         "email": f"person{i}@filler.example", "firstname": "José", "company": "Société Générale"}
        for i in range(1001, 1021)
    ]
    forms.append({"conversion_id": "f-bad", "form_type": "contact_us", "submitted_at": EPOCH_2024_03_01,
                  "email": "not-an-email", "firstname": "Zoë"})
    write_csv(root, table("marketing", "form_submissions"), forms, encoding="latin-1")

    # marketing/email_events: Latin-1, NOT declared: lines with é are invalid UTF-8
    events: list[Row] = [
        {"id": f"ev-{i}", "type": "SENT", "recipient": f"person{1000 + i}@filler.example",
         "created": 1709287200000 + i, "campaign_name": "Café Relaunch" if i <= 6 else "Spring"}
        for i in range(1, 11)
    ]
    write_csv(root, table("marketing", "email_events"), events, encoding="latin-1")

    # marketing/engagements: zero bytes; marketing/ad_spend: missing
    engagements_path = root / table("marketing", "engagements").relative_path
    engagements_path.write_bytes(b"")

    # web/pages: Parquet with int64 epoch milliseconds; one view received in 2099
    page_rows = [
        {"id": f"p-{i}", "anonymous_id": f"anon-{i % 5}",
         "timestamp": (EPOCH_2024_03_01 + 3600 * i) * 1000,
         "received_at": (EPOCH_2024_03_01 + 3600 * i + 5) * 1000,
         "path": f"/page-{i}"}
        for i in range(1, 20)
    ]
    page_rows.append({"id": "p-2099", "anonymous_id": "anon-0", "timestamp": (EPOCH_2024_03_01 + 7200) * 1000,
                      "received_at": EPOCH_2099_01_01_MS, "path": "/future"})
    write_pages(root, page_rows)

    # web/tracks: Parquet strings with and without offsets; one that does not parse
    track_rows: list[Row] = [
        {"id": f"t-{i}", "anonymous_id": f"anon-{i % 5}", "event": "pricing_viewed",
         "timestamp": f"2024-03-02T{i:02d}:00:00Z", "received_at": f"2024-03-02T{i:02d}:00:05Z"}
        for i in range(1, 18)
    ]
    track_rows += [
        {"id": "t-offset", "anonymous_id": "anon-1", "event": "pricing_viewed",
         "timestamp": "2024-03-03T10:00:00+01:00", "received_at": "2024-03-03T10:00:05+01:00"},
        {"id": "t-local", "anonymous_id": "anon-1", "event": "pricing_viewed",
         "timestamp": "2024-03-03 10:00:00", "received_at": "2024-03-03 10:00:05"},
        {"id": "t-bad", "anonymous_id": "anon-2", "event": "pricing_viewed",
         "timestamp": "next tuesday", "received_at": "2024-03-03T10:00:05Z"},
    ]
    write_parquet(root, table("web", "tracks"),
                  _strings(track_rows, [c.name for c in table("web", "tracks").columns]))

    # web/identifies: lacks the required column anonymous_id
    identify_rows = [
        {"id": f"i-{i}", "user_id": str(1000 + i), "email": f"person{1000 + i}@filler.example",
         "timestamp": "2024-03-02T10:00:00Z", "received_at": "2024-03-02T10:00:01Z"}
        for i in range(1, 4)
    ]
    write_parquet(root, table("web", "identifies"),
                  _strings(identify_rows, ["id", "user_id", "email", "timestamp", "received_at"]))
    return root


def write_pages(root: Path, rows: list[Row]) -> Path:
    """web/pages with `timestamp` and `received_at` as int64 epoch milliseconds."""
    pages = table("web", "pages")
    text_columns = [c.name for c in pages.columns if c.name not in ("timestamp", "received_at")]
    columns = _strings(rows, text_columns)
    for name in ("timestamp", "received_at"):
        columns[name] = pa.array([row[name] for row in rows], type=pa.int64())
    return write_parquet(root, pages, {c.name: columns[c.name] for c in pages.columns})


def write_variant_folder(root: Path) -> Path:
    """The shared folder with the cases that must not share its build.

    - crm/contacts: the two tied versions of contact 12 in the other order;
    - marketing/form_submissions (declared latin-1): Windows-1252 text with a euro sign
      (byte 0x80, which DuckDB's latin-1 reader refuses) on line 3;
    - crm/contact_property_history: a disqualification reason recorded on contact 6,
      who has no lead evidence (an unknown CRM stage, no form, no activity).
    """
    write_defects_folder(root, tie_order=(1, 0))
    forms = [
        {"conversion_id": "f-1", "form_type": "contact_us", "submitted_at": EPOCH_2024_03_01,
         "email": "person1001@filler.example", "company": "Plain"},
        {"conversion_id": "f-2", "form_type": "contact_us", "submitted_at": EPOCH_2024_03_01,
         "email": "person1002@filler.example", "company": "Price 5€"},
    ]
    write_csv(root, table("marketing", "form_submissions"), forms, encoding="cp1252")
    history_path = root / table("crm", "contact_property_history").relative_path
    with history_path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("6;disqualification_reason;no budget;2024-03-07T09:00:00Z;CRM_UI;;\n")
    return root


def append_page_views(root: Path, rows: list[Row]) -> Path:
    """Add page views to web/pages (int64 epoch milliseconds, as written above)."""
    pages = table("web", "pages")
    existing = pq.read_table(root / pages.relative_path).to_pylist()
    return write_pages(root, existing + rows)


# ------------------------------------------------------------------ the case list
# (id, defect, where in the battery, outcome, what happens). README "Bad input: nothing
# is lost" shows this table; test_bad_input checks that it does, and that a test covers
# every case. Outcomes: error (dbt build exits 1 naming the file; everything else is
# built), quarantined (stg_quarantine__rows, with the reason), nulled (the value is null
# in staging, the row kept, stg_quarantine__nulled_values), kept (read correctly),
# kept and reported (kept as exported, a warn-level test names it).
CASES: tuple[tuple[str, str, str, str, str], ...] = (
    ("utf8_bom", "UTF-8 byte-order mark", "crm/contacts", "kept",
     "the header is read without it"),
    ("crlf", "CRLF line endings, CRLF inside a quoted field", "crm/companies", "kept",
     "values without a trailing CR; the CRLF inside quotes is kept"),
    ("reordered_columns", "columns in another order", "crm/users", "kept",
     "columns are matched by name"),
    ("extra_columns", "columns the contract does not know", "crm/users", "kept",
     "ignored"),
    ("quotes_newlines", "quotes and a line break inside a field", "crm/contacts", "kept",
     "the value is staged verbatim"),
    ("sql_strings", "SQL-looking text", "crm/contacts, crm/deals", "kept",
     "staged verbatim, never executed"),
    ("jinja_strings", "Jinja-looking text", "crm/contacts, crm/deals", "kept",
     "staged verbatim, never rendered"),
    ("messy_email", "e-mail with capitals and spaces", "crm/contacts", "kept",
     "trimmed and lower-cased"),
    ("invalid_optional_email", "'not-an-email', 'john doe@example .com'", "crm/contacts",
     "nulled", "e-mail and e-mail domain null; the contact is kept"),
    ("invalid_required_email", "a form whose e-mail is not an address", "marketing/form_submissions",
     "quarantined", "column email: 'not-an-email' is not an e-mail address"),
    ("merge_cycle", "contacts merged into each other", "crm/contacts", "kept and reported",
     "both resolve to the smaller id; merge_cycles warns"),
    ("merge_into_missing", "merged into a contact not in the export", "crm/contacts",
     "kept and reported", "stays its own lead; merges_into_missing_contacts warns"),
    ("duplicate_key", "one key, two versions", "crm/contacts", "kept",
     "the latest version is staged, the other counted as superseded"),
    ("exact_duplicate", "the same row twice", "crm/contacts", "kept",
     "one row staged, one counted as an exact duplicate"),
    ("tie_on_modified", "two versions tied on lastmodifieddate, either file order", "crm/contacts",
     "kept", "the same version wins in both orders"),
    ("null_primary_key", "a row without its key", "crm/contacts", "quarantined",
     "missing required column hs_object_id"),
    ("too_many_fields", "a line with 20 fields for 18 columns", "crm/contacts", "quarantined",
     "line 21: Expected Number of Columns: 18 Found: 20 (TOO MANY COLUMNS)"),
    ("too_few_fields", "a line with 2 fields for 18 columns", "crm/contacts", "quarantined",
     "line 22: Expected Number of Columns: 18 Found: 2 (MISSING COLUMNS)"),
    ("one_mb_text", "a 1 MB text value", "crm/contacts", "kept", "staged in full"),
    ("three_mb_field", "a 3 MB field (DuckDB's default line limit is 2 MB)", "crm/deals", "kept",
     "staged in full (var raw_csv_max_line_bytes)"),
    ("offset_timestamps", "timestamps with an offset (+02:00, +01:00, Z)", "crm/contacts, web/tracks",
     "kept", "converted to UTC"),
    ("local_timestamps", "timestamps without an offset", "crm/contacts, web/tracks", "kept",
     "read in var raw_timestamp_time_zone (UTC)"),
    ("date_only", "a date in a timestamp column", "crm/contacts, crm/contact_property_history",
     "kept", "midnight"),
    ("epoch_in_timestamp", "epoch seconds in a timestamp column", "crm/contacts", "kept",
     "read as seconds since 1970"),
    ("epoch_seconds_for_ms", "epoch seconds where milliseconds are expected",
     "marketing/form_submissions", "kept", "below 100,000,000,000: read as seconds"),
    ("created_1969", "a creation date in 1969", "crm/contacts", "nulled",
     "created_at null (is implausible), never counted in the funnel"),
    ("event_2099", "an activity dated 2099", "crm/engagements", "quarantined",
     "column hs_timestamp: '2099-01-01T10:00:00Z' is implausible (...)"),
    ("event_before_1970", "an activity dated 1969", "crm/engagements", "quarantined",
     "column hs_timestamp: '1969-12-31T23:00:00Z' is implausible (...)"),
    ("negative_duration", "a negative call duration", "crm/engagements", "nulled",
     "column hs_duration_seconds: '-30' is negative"),
    ("unparseable_timestamp", "'yesterday', 'next tuesday' in required timestamps",
     "crm/contact_property_history, web/tracks", "quarantined",
     "column timestamp: 'yesterday' is not a valid timestamp"),
    ("semicolon_csv", "semicolon-delimited CSV (a ';' inside a quoted value)",
     "crm/contact_property_history", "kept", "delimiter detected from the header"),
    ("tab_csv", "tab-delimited CSV", "crm/engagements", "kept", "delimiter detected from the header"),
    ("unknown_lifecycle_stage", "a lifecycle stage outside the seeds", "crm/contacts",
     "kept and reported", "unknown_values_crm__contacts_crm_lifecycle_stage warns"),
    ("unknown_user_role", "a user role outside the seeds", "crm/users", "kept and reported",
     "unknown_values_crm__users_role and unknown_values_sales_reps_role warn"),
    ("unknown_deal_stage", "a deal stage outside the seed", "crm/deals", "kept and reported",
     "counted as open; assert_deal_stages_mapped warns"),
    ("amount_thousands", "amount '1,234.00'", "crm/deals", "nulled",
     "column amount: '1,234.00' is not a valid decimal"),
    ("amount_currency", "amount '€500'", "crm/deals", "nulled",
     "column amount: '€500' is not a valid decimal"),
    ("numeric_overflow", "'1e40' as an amount, 20 digits as a head count", "crm/deals, crm/companies",
     "nulled", "is not a valid decimal / integer"),
    ("negative_amount", "amount '-90000', head count '-5'", "crm/deals, crm/companies", "nulled",
     "is negative; won revenue counts only the valid amounts"),
    ("header_only", "a header-only file", "crm/deal_stage_history", "kept",
     "zero rows; the reconciliation holds with zeros"),
    ("latin1_declared", "Latin-1 file declared in raw_csv_options", "marketing/form_submissions",
     "kept", "accents read right"),
    ("latin1_undeclared", "Latin-1 file read as UTF-8", "marketing/email_events", "error",
     "each line with an accent quarantined ('line n: Invalid unicode ...'); above 5%"
     " quarantine_share_within_limit fails naming the table; validate_raw names the setting"),
    ("cp1252_as_latin1", "Windows-1252 euro sign in a file declared latin-1",
     "marketing/form_submissions (second build)", "error",
     "raw_files_readable names the file, the byte and the line; the file is read as empty"),
    ("zero_byte_file", "a file of zero bytes", "marketing/engagements", "error",
     "raw_files_readable names the file; read as empty"),
    ("missing_file", "a missing file", "marketing/ad_spend", "error",
     "raw_files_readable names the file; read as empty"),
    ("missing_required_column", "a file without a required column", "web/identifies", "error",
     "raw_files_readable names file and column; every row quarantined"),
    ("parquet_int_epochs", "Parquet timestamps as int64 epoch milliseconds", "web/pages", "kept",
     "read as epochs, not quarantined"),
    ("parquet_string_timestamps", "Parquet timestamps as strings", "web/tracks", "kept",
     "parsed like CSV text"),
    ("page_view_2099", "a page view received in 2099", "web/pages", "quarantined",
     "never the incremental watermark: a later run still picks up new events"),
    ("disqualified_non_lead", "a disqualification reason on a contact that was never a lead",
     "crm/contact_property_history (second build)", "kept",
     "stays a suspect, never counted as disqualified; int_crm_stages_pivoted keeps the date"),
)


def cases_table() -> str:
    """The README's table of the battery's cases (markdown)."""
    lines = ["| defect | in the battery | outcome | what happens |", "|---|---|---|---|"]
    for _, defect, where, outcome, what in CASES:
        cell = what.replace("|", "\\|")
        lines.append(f"| {defect} | {where} | {outcome} | {cell} |")
    return "\n".join(lines) + "\n"
