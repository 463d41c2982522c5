"""Each preset in mappings/ on a small hand-made export in the vendor's shape.

The fixtures under tests_py/fixtures/exports/<preset>/ are written the way the tools
export them (HubSpot's human-readable headers and labels with local "YYYY-MM-DD HH:MM"
times and owners by name; Salesforce report CSVs with en_US dates, the footer lines,
ISO-8859-1 encoding, 15- and 18-character ids; Segment warehouse CSVs with
'... UTC' timestamps and a RudderStack JSON-lines table; a spreadsheet). Every expected
value below is worked out by hand from those files: times converted from the account's
time zone, labels to the contract's values, ids as the documented conversion gives
them (numeric ids unchanged; other ids and names: 1e17 + md5(text) read little-endian
mod 9e17).
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from scripts.import_exports import NOTE, VALUES, WARNING, run_import

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests_py" / "fixtures" / "exports"
MAPPINGS = ROOT / "mappings"


def key(text: str) -> str:
    """The stable integer the import gives a name or non-numeric id (docs/import/mapping_files.md)."""
    digest = hashlib.md5(text.encode("utf-8")).digest()
    return str(10**17 + int.from_bytes(digest, "little") % (9 * 10**17))


def salesforce(record_id: str) -> str:
    """A Salesforce id as the import keys it: the 15-character form, hashed."""
    return key(record_id[:15])


def rows(out: Path, relative: str) -> list[dict[str, str]]:
    with (out / relative).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by(table: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in table}


def messages(report, severity: str) -> str:
    return "\n".join(f"{f.table}: {f.message}" for f in report.of(severity))


# ------------------------------------------------------------------ HubSpot
@pytest.fixture(scope="module")
def hubspot(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("hubspot") / "raw"
    report = run_import([MAPPINGS / "hubspot_ui.yml"], FIXTURES / "hubspot_ui", out, timezone="Europe/Berlin")
    assert report.written, report.render()
    return out, report


def test_hubspot_contacts_labels_times_and_owners(hubspot) -> None:
    out, _ = hubspot
    contacts = by(rows(out, "crm/contacts.csv"), "hs_object_id")
    anna = contacts["101"]
    assert anna["email"] == "Anna.Schmidt@acme.de"  # trimmed; staging lower-cases
    assert (anna["lifecyclestage"], anna["hs_lead_status"]) == ("marketingqualifiedlead", "ATTEMPTED_TO_CONTACT")
    assert (anna["country"], anna["hs_analytics_source"], anna["hs_analytics_source_data_1"]) == (
        "DE", "ORGANIC_SEARCH", "google")
    assert anna["associatedcompanyid"] == "501"
    assert anna["hubspot_owner_id"] == key("sarah kline")
    # 09:30 in Berlin (UTC+1 in January) is 08:30 UTC
    assert anna["createdate"] == "2026-01-05T08:30:00.000Z"
    assert anna["lastmodifieddate"] == "2026-02-01T09:00:00.000Z"
    # 00:15 on 1 March in Berlin is still February in UTC
    assert contacts["106"]["createdate"] == "2026-02-28T23:15:00.000Z"
    assert (contacts["106"]["hs_analytics_source"], contacts["106"]["hs_analytics_source_data_1"]) == (
        "OFFLINE", "IMPORT")


def test_hubspot_merged_contacts_and_their_addresses_follow_the_survivor(hubspot) -> None:
    out, _ = hubspot
    contacts = by(rows(out, "crm/contacts.csv"), "hs_object_id")
    assert len(contacts) == 7  # 4 records + 2 merged ids + 1 alias address of Bob
    for merged_id in ("103", "104"):
        assert contacts[merged_id]["merged_into_object_id"] == "102"
        assert contacts[merged_id]["createdate"] == "2026-01-10T07:00:00.000Z"
        assert contacts[merged_id]["email"] == ""
    alias = contacts[key("bob@gmail.com")]
    assert (alias["email"], alias["merged_into_object_id"]) == ("bob@gmail.com", "102")


def test_hubspot_unmapped_lifecycle_label_is_reported_and_kept(hubspot) -> None:
    out, report = hubspot
    values = messages(report, VALUES)
    assert "lifecyclestage from export column Lifecycle Stage: 'Prospect' (1 rows)" in values
    assert "tables.crm/contacts.sources.0.columns.lifecyclestage.values" in values
    assert by(rows(out, "crm/contacts.csv"), "hs_object_id")["105"]["lifecyclestage"] == "Prospect"


def test_hubspot_companies_deals_and_stage_history(hubspot) -> None:
    out, _ = hubspot
    assert rows(out, "crm/companies.csv") == [{
        "hs_object_id": "501", "name": "Acme GmbH", "domain": "acme.de", "industry": "COMPUTER_SOFTWARE",
        "numberofemployees": "120", "annualrevenue": "15000000", "country": "DE",
        "createdate": "2025-11-03T09:00:00.000Z", "archived": "",
    }]
    deals = by(rows(out, "crm/deals.csv"), "hs_object_id")
    won = deals["901"]
    assert (won["dealstage"], won["pipeline"], won["amount"]) == ("closedwon", "sales_pipeline", "12000")
    assert (won["createdate"], won["closedate"]) == ("2026-02-10T10:00:00.000Z", "2026-02-25T15:45:00.000Z")
    assert won["associated_contact_id"] == "102"  # the first of "102;101"
    assert won["hubspot_owner_id"] == key("maya stein")
    assert (deals["902"]["dealstage"], deals["902"]["closedate"], deals["902"]["amount"]) == (
        "appointmentscheduled", "", "4500.50")
    history = {(r["deal_id"], r["dealstage"]): r["timestamp"] for r in rows(out, "crm/deal_stage_history.csv")}
    # the 'Date entered' columns; 'Date exited' is not a stage entry
    assert history == {
        ("901", "appointmentscheduled"): "2026-02-10T10:00:00.000Z",
        ("901", "closedwon"): "2026-02-25T15:45:00.000Z",
        ("902", "appointmentscheduled"): "2026-02-20T08:00:00.000Z",
    }


def test_hubspot_property_history_from_two_overlapping_exports(hubspot) -> None:
    out, report = hubspot
    history = sorted((r["object_id"], r["property_name"], r["value"], r["timestamp"], r["source_type"],
                      r["updated_by_user_id"]) for r in rows(out, "crm/contact_property_history.csv"))
    assert history == sorted([
        ("101", "lifecyclestage", "lead", "2026-01-05T08:30:00.000Z", "FORM", ""),
        ("101", "lifecyclestage", "marketingqualifiedlead", "2026-01-20T13:05:00.000Z", "WORKFLOW", ""),
        ("101", "hubspot_owner_id", key("sarah kline"), "2026-01-20T13:06:00.000Z", "WORKFLOW", ""),
        ("102", "lifecyclestage", "lead", "2026-01-10T07:00:00.000Z", "IMPORT", ""),
        ("102", "qualification_budget", "confirmed", "2026-02-05T09:00:00.000Z", "CRM_UI", key("sarah kline")),
        ("102", "lifecyclestage", "opportunity", "2026-02-10T10:00:00.000Z", "CRM_UI", key("maya stein")),
    ])
    table = report.table("crm/contact_property_history")
    assert (len(table.files), table.rows_read, table.duplicates_removed) == (2, 8, 1)
    assert "'Phone Number' (1)" in messages(report, NOTE)


def test_hubspot_users_and_activities(hubspot) -> None:
    out, _ = hubspot
    users = by(rows(out, "crm/users.csv"), "id")
    assert (users[key("sarah kline")]["role"], users[key("maya stein")]["role"]) == ("SDR", "AE")
    assert users[key("maya stein")]["team_name"] == "Enterprise"
    engagements = by(rows(out, "crm/engagements.csv"), "hs_object_id")
    call = engagements["7001"]
    assert (call["hs_engagement_type"], call["hs_outcome"], call["hs_direction"]) == ("CALL", "CONNECTED", "OUTBOUND")
    assert (call["hs_timestamp"], call["contact_id"], call["hs_duration_seconds"]) == (
        "2026-01-21T09:00:00.000Z", "101", "540")
    assert (engagements["7002"]["hs_engagement_type"], engagements["7002"]["hs_outcome"]) == ("MEETING", "COMPLETED")


def test_hubspot_without_history_export_uses_the_became_a_dates(tmp_path: Path) -> None:
    src = tmp_path / "exports"
    shutil.copytree(FIXTURES / "hubspot_ui", src, ignore=shutil.ignore_patterns("property-history"))
    report = run_import([MAPPINGS / "hubspot_ui.yml"], src, tmp_path / "raw", timezone="Europe/Berlin")
    assert report.written, report.render()
    history = sorted((r["object_id"], r["value"], r["timestamp"])
                     for r in rows(tmp_path / "raw", "crm/contact_property_history.csv"))
    assert history == [
        ("101", "lead", "2026-01-05T08:30:00.000Z"),
        ("101", "marketingqualifiedlead", "2026-01-20T13:05:00.000Z"),
        ("102", "lead", "2026-01-10T07:00:00.000Z"),
    ]
    assert "using the fallback source" in messages(report, NOTE)


def test_hubspot_contacts_export_alone_gives_a_raw_folder_and_says_what_is_missing(tmp_path: Path) -> None:
    src = tmp_path / "exports"
    src.mkdir()
    shutil.copy(FIXTURES / "hubspot_ui" / "hubspot-crm-exports-all-contacts-2026-03-02.csv", src)
    report = run_import([MAPPINGS / "hubspot_ui.yml"], src, tmp_path / "raw", timezone="Europe/Berlin")
    assert report.written, report.render()
    notes = messages(report, NOTE)
    for table in ("crm/companies", "crm/users", "crm/deals", "crm/engagements"):
        assert f"{table}: no export of it: written empty" in notes
    assert len(rows(tmp_path / "raw", "crm/contacts.csv")) == 7
    assert rows(tmp_path / "raw", "crm/deals.csv") == []


# --------------------------------------------------------------- Salesforce
@pytest.fixture(scope="module")
def salesforce_raw(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("salesforce") / "raw"
    report = run_import([MAPPINGS / "salesforce_reports.yml"], FIXTURES / "salesforce_reports", out,
                        timezone="America/New_York")
    assert report.written, report.render()
    return out, report


def test_salesforce_report_footer_and_encoding(salesforce_raw) -> None:
    _, report = salesforce_raw
    notes = messages(report, NOTE)
    assert "report1772438400123.csv is not UTF-8: read as windows-1252" in notes
    assert "4 footer line(s) of the export skipped (lines 6, 7, 8, 9)" in notes
    assert not report.problems


def test_salesforce_leads_and_converted_contact(salesforce_raw) -> None:
    out, _ = salesforce_raw
    contacts = by(rows(out, "crm/contacts.csv"), "hs_object_id")
    assert len(contacts) == 4  # three leads and the contact Liam's lead converted to
    jonas = contacts[salesforce("00Q5g00000AbCdE")]
    assert jonas["lastname"] == "Müller"
    assert (jonas["lifecyclestage"], jonas["hs_lead_status"]) == ("marketingqualifiedlead", "ATTEMPTED_TO_CONTACT")
    assert (jonas["hs_analytics_source"], jonas["hs_analytics_source_data_1"]) == ("ORGANIC_SEARCH", "")
    # 9:05 AM in New York (UTC-5 in January) is 14:05 UTC
    assert jonas["createdate"] == "2026-01-15T14:05:00.000Z"
    assert jonas["hubspot_owner_id"] == key("sarah kline")
    # a lead's company: a record keyed by the lead's company name and website
    assert jonas["associatedcompanyid"] == key("nordwind ag|www.nordwind.de")
    emma = contacts[salesforce("00Q5g00000AbCdF")]
    assert (emma["hs_analytics_source"], emma["hs_analytics_source_data_1"], emma["hs_lead_status"]) == (
        "OFFLINE", "IMPORT", "NEW")
    liam_lead = contacts[salesforce("00Q5g00000AbCdG")]
    liam = contacts[salesforce("0035g00000XyZaB")]
    assert liam_lead["merged_into_object_id"] == salesforce("0035g00000XyZaB")
    assert (liam["lifecyclestage"], liam["associatedcompanyid"]) == ("customer", salesforce("0015g00000QwErT"))
    assert liam["merged_into_object_id"] == ""


def test_salesforce_opportunities_amounts_and_close_dates(salesforce_raw) -> None:
    out, _ = salesforce_raw
    deals = by(rows(out, "crm/deals.csv"), "hs_object_id")
    won = deals[salesforce("0065g00000MnBvC")]
    assert (won["amount"], won["deal_currency_code"], won["dealstage"], won["hs_is_closed_won"], won["pipeline"]) == (
        "24000.00", "USD", "closedwon", "true", "new_business")
    # Close Date is a date: midnight UTC of that day
    assert (won["createdate"], won["closedate"]) == ("2026-02-10T20:00:00.000Z", "2026-02-27T00:00:00.000Z")
    # the 18-character contact id is the same record as the 15-character one
    assert won["associated_contact_id"] == salesforce("0035g00000XyZaB")
    open_deal = deals[salesforce("0065g00000MnBvD")]
    # an open opportunity's Close Date is only the expected one: not a close
    assert (open_deal["amount"], open_deal["deal_currency_code"], open_deal["dealstage"], open_deal["closedate"]) == (
        "3500.00", "", "contractsent", "")
    stages = sorted((r["dealstage"], r["timestamp"]) for r in rows(out, "crm/deal_stage_history.csv"))
    assert stages == [("closedwon", "2026-02-27T22:30:00.000Z"), ("qualifiedtobuy", "2026-02-10T20:00:00.000Z")]


def test_salesforce_field_history_users_and_activities(salesforce_raw) -> None:
    out, report = salesforce_raw
    history = sorted((r["property_name"], r["value"], r["timestamp"], r["updated_by_user_id"])
                     for r in rows(out, "crm/contact_property_history.csv"))
    assert history == sorted([
        ("lifecyclestage", "marketingqualifiedlead", "2026-01-28T15:12:00.000Z", key("automated process")),
        ("hubspot_owner_id", key("sarah kline"), "2026-01-28T15:13:00.000Z", key("automated process")),
        ("hs_lead_status", "ATTEMPTED_TO_CONTACT", "2026-02-02T21:40:00.000Z", key("sarah kline")),
    ])
    assert "'Created.' (1), 'Lead Converted' (1)" in messages(report, NOTE)
    users = by(rows(out, "crm/users.csv"), "id")
    assert {u["role"] for u in users.values()} == {"SDR", "AE"}
    assert users[key("tom old")]["archived"] == "true"
    assert users[key("sarah kline")]["createdat"] == "2025-03-01T14:00:00.000Z"
    engagements = sorted((r["hs_engagement_type"], r["hs_outcome"], r["contact_id"])
                         for r in rows(out, "crm/engagements.csv"))
    assert engagements == [("CALL", "NO_ANSWER", salesforce("00Q5g00000AbCdE")),
                           ("MEETING", "", salesforce("0035g00000XyZaB"))]


# ------------------------------------------------------ Segment / RudderStack
def test_segment_and_rudderstack_tables(tmp_path: Path) -> None:
    report = run_import([MAPPINGS / "segment_warehouse.yml"], FIXTURES / "segment_warehouse", tmp_path)
    assert report.written, report.render()
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    pages = con.execute(f"select id, user_id, strftime(timestamp, '%Y-%m-%d %H:%M:%S.%g'), path, "
                        f"context_campaign_source from '{tmp_path}/web/pages.parquet' order by id").fetchall()
    # two monthly files repeat ajs-p-1: one row
    assert pages == [("ajs-p-1", None, "2026-01-20 13:04:55.123", "/pricing", "google"),
                     ("ajs-p-2", "101", "2026-02-03 09:00:01.000", "/blog/abm", None)]
    assert report.table("web/pages").duplicates_removed == 1
    tracks = con.execute(f"select event, event_text from '{tmp_path}/web/tracks.parquet'").fetchall()
    assert tracks == [("demo_requested", "Demo Requested")]
    identifies = con.execute(f"select id, user_id, email from '{tmp_path}/web/identifies.parquet' order by id"
                             ).fetchall()
    # RudderStack keeps traits in context_traits_*; a Salesforce lead id as user id is keyed
    # like the Salesforce preset keys the lead
    assert identifies == [("ajs-i-1", "101", "Anna.Schmidt@acme.de"),
                          ("rs-i-1", salesforce("00Q5g00000AbCdE"), "jonas.mueller@nordwind.de")]
    assert "context_campaign_content" in messages(report, WARNING)


# -------------------------------------------------------------- spreadsheet
def test_spreadsheet_leads_deals_and_stage_dates(tmp_path: Path) -> None:
    report = run_import([MAPPINGS / "spreadsheet.yml"], FIXTURES / "spreadsheet", tmp_path)
    assert report.written, report.render()
    contacts = by(rows(tmp_path, "crm/contacts.csv"), "email")
    ines = contacts["ines@berg-logistik.de"]
    assert ines["hs_object_id"] == key("ines@berg-logistik.de")
    assert (ines["lifecyclestage"], ines["country"], ines["hs_analytics_source"]) == ("customer", "DE", "SOCIAL_MEDIA")
    assert ines["createdate"] == "2026-01-08T00:00:00.000Z"
    assert contacts["tom@pixelhaus.nl"]["country"] == "NL"
    assert (contacts["kim@example.org"]["hs_analytics_source"],
            contacts["kim@example.org"]["hs_analytics_source_data_1"]) == ("OFFLINE", "IMPORT")
    # the row without an e-mail has no key: written for staging's quarantine, and reported
    assert contacts[""]["hs_object_id"] == ""
    assert "1 of 4 rows have no hs_object_id" in messages(report, WARNING)
    history = sorted((r["object_id"], r["value"], r["timestamp"])
                     for r in rows(tmp_path, "crm/contact_property_history.csv"))
    assert history == sorted([
        (key("ines@berg-logistik.de"), "marketingqualifiedlead", "2026-01-15T00:00:00.000Z"),
        (key("ines@berg-logistik.de"), "salesqualifiedlead", "2026-01-22T00:00:00.000Z"),
        (key("ines@berg-logistik.de"), "customer", "2026-02-18T16:00:00.000Z"),
        (key("tom@pixelhaus.nl"), "marketingqualifiedlead", "2026-02-09T00:00:00.000Z"),
    ])
    deals = by(rows(tmp_path, "crm/deals.csv"), "dealname")
    won = deals["Berg Logistik - annual"]
    assert won["hs_object_id"] == key("berg logistik - annual|ines@berg-logistik.de")
    assert (won["amount"], won["dealstage"], won["closedate"]) == ("9600", "closedwon", "2026-02-18T16:00:00.000Z")
    assert won["associated_contact_id"] == key("ines@berg-logistik.de")
    assert deals["Pixelhaus - pilot"]["dealstage"] == "contractsent"
    assert rows(tmp_path, "crm/users.csv")[0]["role"] == "MANAGER"
