"""Write a contract raw folder (the demo generator's) out as vendor-shaped exports.

Used by the round-trip test (tests_py/test_import_exports_roundtrip.py): the CI raw
folder becomes the files a HubSpot or Salesforce user would download (human-readable
headers and labels, local times in the account's time zone, owners by name, report
footers), web tables become Segment warehouse tables split by month, and the marketing
tables stay in the contract shape. Only what the vendor's export can carry is written:
deleted records are left out, merged-away records appear the way the vendor shows them.
Everything is DuckDB SQL over whole tables.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

LIFECYCLE_LABELS = {
    "subscriber": "Subscriber", "lead": "Lead", "marketingqualifiedlead": "Marketing Qualified Lead",
    "salesqualifiedlead": "Sales Qualified Lead", "opportunity": "Opportunity", "customer": "Customer",
    "evangelist": "Evangelist", "other": "Other",
}
STATUS_LABELS = {
    "NEW": "New", "OPEN": "Open", "IN_PROGRESS": "In Progress", "OPEN_DEAL": "Open Deal",
    "UNQUALIFIED": "Unqualified", "ATTEMPTED_TO_CONTACT": "Attempted to Contact",
    "CONNECTED": "Connected", "BAD_TIMING": "Bad Timing",
}
SOURCE_LABELS = {
    "ORGANIC_SEARCH": "Organic Search", "PAID_SEARCH": "Paid Search", "EMAIL_MARKETING": "Email Marketing",
    "SOCIAL_MEDIA": "Social Media", "PAID_SOCIAL": "Paid Social", "REFERRALS": "Referrals",
    "DIRECT_TRAFFIC": "Direct Traffic", "OTHER_CAMPAIGNS": "Other Campaigns", "OFFLINE": "Offline Sources",
}
COUNTRY_NAMES = {
    "DE": "Germany", "FR": "France", "GB": "United Kingdom", "NL": "Netherlands", "US": "United States",
    "AT": "Austria", "CH": "Switzerland", "SE": "Sweden", "DK": "Denmark", "BE": "Belgium", "ES": "Spain",
    "IT": "Italy", "PL": "Poland", "IN": "India", "BR": "Brazil", "AU": "Australia", "NG": "Nigeria",
    "PH": "Philippines",
}
ROLE_LABELS = {
    "SDR": "Sales Development Representative", "BDR": "Business Development Representative",
    "AE": "Account Executive", "SE": "Sales Engineer", "MARKETING": "Marketing", "MANAGER": "Sales Manager",
}
PROPERTY_LABELS = {
    "lifecyclestage": "Lifecycle Stage", "hs_lead_status": "Lead Status", "hubspot_owner_id": "Contact owner",
    "qualification_budget": "Budget", "qualification_authority": "Authority", "qualification_need": "Need",
    "qualification_timeline": "Timeline", "disqualification_reason": "Disqualification reason",
}
CHANGE_SOURCE_LABELS = {
    "CRM_UI": "CRM UI", "WORKFLOW": "Workflow", "IMPORT": "Import", "API": "Integration", "FORM": "Form",
    "MERGE": "Merge",
}
HUBSPOT_STAGE_LABELS = {
    "appointmentscheduled": "Appointment Scheduled", "qualifiedtobuy": "Qualified To Buy",
    "presentationscheduled": "Presentation Scheduled", "decisionmakerboughtin": "Decision Maker Bought-In",
    "contractsent": "Contract Sent", "closedwon": "Closed Won", "closedlost": "Closed Lost",
}


def case_map(expression: str, mapping: dict[str, str]) -> str:
    """SQL: the label of a value (values without a label unchanged)."""
    branches = " ".join(f"when '{key}' then '{value}'" for key, value in mapping.items())
    return f"case {expression} {branches} else {expression} end"


def title_words(expression: str) -> str:
    """SQL: SOME_VALUE -> Some Value."""
    return (f"array_to_string(list_transform(string_split(lower({expression}), '_'), "
            f"lambda w: upper(w[1]) || w[2:]), ' ')")


def local_time(expression: str, timezone: str, fmt: str) -> str:
    """SQL: an ISO 8601 raw timestamp as local time text; text that is no time stays as it is."""
    return f"coalesce(strftime(timezone('{timezone}', try_cast({expression} as timestamptz)), '{fmt}'), {expression})"


def _connect(raw: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for path in sorted(raw.glob("*/*.csv")):
        con.execute(f"create view {path.parent.name}_{path.stem} as "
                    f"select * from read_csv('{path}', all_varchar = true)")
    for path in sorted(raw.glob("web/*.parquet")):
        con.execute(f"create view web_{path.stem} as select * from read_parquet('{path}')")
    # the end of each merge chain, as the CRM's survivor sees it
    con.execute("""
        create table survivors as
        with recursive chain(contact_id, survivor_id, depth) as (
            select distinct hs_object_id, hs_object_id, 0 from crm_contacts
            where hs_object_id is not null and merged_into_object_id is null
            union all
            select contacts.hs_object_id, chain.survivor_id, chain.depth + 1
            from crm_contacts as contacts
            inner join chain on contacts.merged_into_object_id = chain.contact_id
            where chain.depth < 10
        )
        select distinct contact_id, survivor_id from chain
    """)
    con.execute("""
        create table deleted_contacts as
        select distinct hs_object_id as contact_id from crm_contacts where archived = 'true'
    """)
    con.execute("""
        create table owner_names as
        select distinct id as user_id, firstname || ' ' || lastname as full_name from crm_users
        where id is not null
    """)
    return con


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, **options: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = "".join(f", {key} '{value}'" for key, value in options.items())
    con.execute(f"copy ({query}) to '{path}' (format csv, header true, force_quote *{extra})")


def copy_contract_tables(raw: Path, out: Path, source: str) -> None:
    """Tables no vendor preset covers stay in the contract shape at <out>/<source>/."""
    shutil.copytree(raw / source, out / source, dirs_exist_ok=True)


def write_segment_tables(raw: Path, out: Path, user_id_sql: str = "user_id") -> None:
    """pages / tracks / identifies as Segment warehouse tables, one Parquet file per month,
    with the columns Segment adds (sent_at, original_timestamp, uuid_ts, context_*)."""
    con = _connect(raw)
    extra = ("timestamp as original_timestamp, timestamp - interval 2 second as sent_at, "
             "received_at as uuid_ts, 'analytics.js' as context_library_name, "
             "'5.2.0' as context_library_version, '203.0.113.7' as context_ip")
    queries = {
        "pages": (f"select id, anonymous_id, {user_id_sql} as user_id, timestamp, received_at, {extra}, "
                  "url as context_page_url, path as context_page_path, title as context_page_title, "
                  "referrer as context_page_referrer, url, path, title, referrer, null as search, null as name, "
                  "context_campaign_source, context_campaign_medium, context_campaign_name, "
                  "context_campaign_content, context_campaign_term, context_user_agent from web_pages"),
        "tracks": (f"select id, anonymous_id, {user_id_sql} as user_id, event, event_text, timestamp, "
                   f"received_at, {extra}, context_page_path, context_page_url from web_tracks"),
        "identifies": (f"select id, anonymous_id, {user_id_sql} as user_id, email, timestamp, received_at, "
                       f"{extra} from web_identifies"),
    }
    for name, query in queries.items():
        folder = out / "segment" / name
        folder.mkdir(parents=True, exist_ok=True)
        con.execute(f"copy (select *, coalesce(strftime(received_at, '%Y-%m'), 'unknown') as received_month "
                    f"from ({query})) to '{folder}' (format parquet, partition_by (received_month), "
                    f"overwrite_or_ignore true)")
    con.close()


# ------------------------------------------------------------------ HubSpot
def write_hubspot_exports(raw: Path, out: Path, timezone: str = "Europe/Berlin") -> None:
    """The HubSpot UI exports of the CRM tables (see mappings/hubspot_ui.yml)."""
    con = _connect(raw)
    minute = "%Y-%m-%d %H:%M"

    def hubspot_time(expression: str) -> str:
        return local_time(expression, timezone, minute)

    exported_contacts = """
        select distinct contacts.* from crm_contacts as contacts
        where contacts.merged_into_object_id is null and coalesce(contacts.archived, 'false') = 'false'
    """
    merged = """
        select survivors.survivor_id,
               string_agg(distinct contacts.hs_object_id, ';' order by contacts.hs_object_id) as merged_ids,
               string_agg(distinct lower(trim(contacts.email)), ';' order by lower(trim(contacts.email)))
                   as merged_emails
        from crm_contacts as contacts
        inner join survivors on contacts.hs_object_id = survivors.contact_id
        where contacts.merged_into_object_id is not null
        group by 1
    """
    lifecycle_dates = """
        select survivors.survivor_id,
        """ + ", ".join(
        f"max(case when history.value = '{stage}' then history.timestamp end) as \"{stage}\""
        for stage in LIFECYCLE_LABELS) + """
        from crm_contact_property_history as history
        inner join survivors on history.object_id = survivors.contact_id
        where history.property_name = 'lifecyclestage'
        group by 1
    """
    became = {
        "subscriber": "Became a Subscriber Date", "lead": "Became a Lead Date",
        "marketingqualifiedlead": "Became a Marketing Qualified Lead Date",
        "salesqualifiedlead": "Became a Sales Qualified Lead Date",
        "opportunity": "Became an Opportunity Date", "customer": "Became a Customer Date",
        "evangelist": "Became an Evangelist Date",
    }
    became_columns = ", ".join(f"{hubspot_time(f'dates.{stage}')} as \"{label}\"" for stage, label in became.items())
    _copy(con, f"""
        select
            contacts.hs_object_id as "Record ID",
            contacts.firstname as "First Name",
            contacts.lastname as "Last Name",
            contacts.email as "Email",
            contacts.phone as "Phone Number",
            contacts.jobtitle as "Job Title",
            contacts.company as "Company Name",
            contacts.associatedcompanyid as "Associated Company IDs (Primary)",
            {case_map('contacts.country', COUNTRY_NAMES)} as "Country/Region",
            {case_map('contacts.hs_analytics_source', SOURCE_LABELS)} as "Original Source",
            contacts.hs_analytics_source_data_1 as "Original Source Drill-Down 1",
            owners.full_name as "Contact owner",
            {case_map('contacts.lifecyclestage', LIFECYCLE_LABELS)} as "Lifecycle Stage",
            {case_map('contacts.hs_lead_status', STATUS_LABELS)} as "Lead Status",
            {hubspot_time('contacts.createdate')} as "Create Date",
            {hubspot_time('contacts.lastmodifieddate')} as "Last Modified Date",
            {became_columns},
            merged.merged_ids as "Merged Contact IDs",
            merged.merged_emails as "Additional email addresses"
        from ({exported_contacts}) as contacts
        left join owner_names as owners on contacts.hubspot_owner_id = owners.user_id
        left join ({merged}) as merged on contacts.hs_object_id = merged.survivor_id
        left join ({lifecycle_dates}) as dates on contacts.hs_object_id = dates.survivor_id
        order by contacts.hs_object_id
    """, out / "hubspot-crm-exports-all-contacts-2026-11-01.csv")

    _copy(con, f"""
        select distinct
            hs_object_id as "Record ID", name as "Company name", domain as "Company Domain Name",
            {title_words('industry')} as "Industry", numberofemployees as "Number of Employees",
            annualrevenue as "Annual Revenue", {case_map('country', COUNTRY_NAMES)} as "Country/Region",
            {hubspot_time('createdate')} as "Create Date"
        from crm_companies where coalesce(archived, 'false') = 'false'
        order by 1
    """, out / "hubspot-crm-exports-all-companies-2026-11-01.csv")

    _copy(con, f"""
        select distinct id as "User ID", firstname as "First Name", lastname as "Last Name", email as "Email",
            team_name as "Teams", {case_map('role', ROLE_LABELS)} as "Role",
            case when archived = 'true' then 'Deactivated' else 'Active' end as "Status"
        from crm_users order by 1
    """, out / "users" / "hubspot-users-export.csv")

    # property history export: every change on the surviving record, owners and editors by name
    history = f"""
        select distinct
            survivors.survivor_id as "Record ID",
            {case_map('history.property_name', PROPERTY_LABELS)} as "Property",
            case when history.property_name = 'lifecyclestage'
                     then {case_map('history.value', LIFECYCLE_LABELS)}
                 when history.property_name = 'hs_lead_status' then {case_map('history.value', STATUS_LABELS)}
                 when history.property_name = 'hubspot_owner_id' then owners.full_name
                 else history.value end as "Value",
            history.timestamp as "Date",
            {case_map('history.source_type', CHANGE_SOURCE_LABELS)} as "Source",
            history.source_id as "Source ID",
            editors.full_name as "Updated by"
        from crm_contact_property_history as history
        left join survivors on history.object_id = survivors.contact_id
        left join owner_names as owners on history.value = owners.user_id
        left join owner_names as editors on history.updated_by_user_id = editors.user_id
        where survivors.survivor_id is null
           or survivors.survivor_id not in (select contact_id from deleted_contacts)
    """
    con.execute(f"create table hubspot_history as {history}")
    # two exports that overlap by a month: the import concatenates and deduplicates them
    _copy(con, "select * from hubspot_history where \"Date\" < '2026-02-01' or \"Date\" is null "
               "or try_cast(\"Date\" as timestamptz) is null order by all",
          out / "property-history" / "contacts-property-history-2026-02-01.csv")
    _copy(con, "select * from hubspot_history where \"Date\" >= '2026-01-01' order by all",
          out / "property-history" / "contacts-property-history-2026-11-01.csv")

    _copy(con, f"""
        select distinct
            engagements.hs_object_id as "Record ID",
            {title_words('engagements.hs_engagement_type')} as "Activity type",
            {hubspot_time('engagements.hs_timestamp')} as "Activity date",
            {hubspot_time('engagements.hs_createdate')} as "Create Date",
            owners.full_name as "Activity assigned to",
            coalesce(survivors.survivor_id, engagements.contact_id) as "Associated Contact IDs",
            engagements.company_id as "Associated Company IDs",
            {title_words('engagements.hs_outcome')} as "Outcome",
            {title_words('engagements.hs_direction')} as "Direction",
            engagements.hs_duration_seconds as "Duration (seconds)"
        from crm_engagements as engagements
        left join survivors on engagements.contact_id = survivors.contact_id
        left join owner_names as owners on engagements.hubspot_owner_id = owners.user_id
        where coalesce(engagements.archived, 'false') = 'false'
        order by 1
    """, out / "activities" / "hubspot-crm-exports-all-activities-2026-11-01.csv")

    pipelines = [row[0] for row in con.execute(
        "select distinct pipeline from crm_deals where pipeline is not null order by 1").fetchall()]
    entered_columns = []
    for pipeline in pipelines:
        for stage, label in HUBSPOT_STAGE_LABELS.items():
            first = (f"max(case when history.dealstage = '{stage}' and deals.pipeline = '{pipeline}' "
                     f"then history.timestamp end)")
            header = f'Date entered ""{label} ({pipeline.replace("_", " ").title()})""'
            entered_columns.append(f'{hubspot_time(first)} as "{header}"')
    entered = ", ".join(entered_columns)
    _copy(con, f"""
        with deals as (
            select distinct * from crm_deals where coalesce(archived, 'false') = 'false'
        ),
        entered as (
            select history.deal_id, {entered}
            from crm_deal_stage_history as history
            inner join deals on history.deal_id = deals.hs_object_id
            group by 1
        )
        select
            deals.hs_object_id as "Record ID", deals.dealname as "Deal Name", deals.amount as "Amount",
            {title_words('deals.pipeline')} as "Pipeline",
            {case_map('deals.dealstage', HUBSPOT_STAGE_LABELS)} as "Deal Stage",
            {hubspot_time('deals.createdate')} as "Create Date",
            {hubspot_time('deals.closedate')} as "Close Date",
            owners.full_name as "Deal owner",
            deals.closed_lost_reason as "Closed Lost Reason",
            coalesce(survivors.survivor_id, deals.associated_contact_id) as "Associated Contact IDs",
            deals.associated_company_id as "Associated Company IDs",
            entered.* exclude (deal_id)
        from deals
        left join survivors on deals.associated_contact_id = survivors.contact_id
        left join owner_names as owners on deals.hubspot_owner_id = owners.user_id
        left join entered on deals.hs_object_id = entered.deal_id
        order by 1
    """, out / "hubspot-crm-exports-all-deals-2026-11-01.csv")
    con.close()


# --------------------------------------------------------------- Salesforce
SF_STAGE_LABELS = {
    "appointmentscheduled": "Prospecting", "qualifiedtobuy": "Qualification",
    "presentationscheduled": "Value Proposition", "decisionmakerboughtin": "Id. Decision Makers",
    "contractsent": "Proposal/Price Quote", "closedwon": "Closed Won", "closedlost": "Closed Lost",
}
SF_STATUS_LABELS = {
    "NEW": "Open - Not Contacted", "OPEN": "Open", "ATTEMPTED_TO_CONTACT": "Working - Contacted",
    "CONNECTED": "Connected", "IN_PROGRESS": "In Progress", "OPEN_DEAL": "Closed - Converted",
    "UNQUALIFIED": "Closed - Not Converted", "BAD_TIMING": "Bad Timing",
}
SF_SOURCE_LABELS = {
    "ORGANIC_SEARCH": "Organic Search", "PAID_SEARCH": "Paid Search", "EMAIL_MARKETING": "Email",
    "SOCIAL_MEDIA": "Social Media", "PAID_SOCIAL": "Paid Social", "REFERRALS": "Referral",
    "DIRECT_TRAFFIC": "Direct Traffic", "OTHER_CAMPAIGNS": "Other",
}
SF_OFFLINE_SOURCES = {"IMPORT": "Purchased List", "TRADE_SHOW": "Trade Show",
                      "GOOGLE_BUSINESS_PROFILE": "Google Business Profile"}
SF_FIELD_LABELS = {
    "lifecyclestage": "Lifecycle Stage", "hs_lead_status": "Lead Status", "hubspot_owner_id": "Owner",
    "qualification_budget": "Budget", "qualification_authority": "Authority", "qualification_need": "Need",
    "qualification_timeline": "Timeline", "disqualification_reason": "Disqualification Reason",
}
SF_FOOTER = ('\n"Leads report"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
             '"Confidential Information - Do Not Distribute"\n"Generated By:  Sam Admin  11/1/2026 9:14 AM"\n'
             '"Funnelcraft GmbH"\n')
CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def salesforce_id(prefix: str, expression: str, length: int = 15) -> str:
    """SQL: a Salesforce-style record id for a numeric demo id: key prefix, pod '5g' and the
    id in hex; with length 18, the case-checksum suffix Salesforce appends."""
    id15 = f"('{prefix}' || '5g' || lpad(hex(cast({expression} as bigint)), 10, '0'))"
    if length == 15:
        return f"case when {expression} is null then null else {id15} end"
    chunks = []
    for chunk in range(3):
        bits = " + ".join(
            f"(case when substr({id15}, {chunk * 5 + bit + 1}, 1) between 'A' and 'Z' then {2 ** bit} else 0 end)"
            for bit in range(5))
        chunks.append(f"substr('{CHECKSUM_ALPHABET}', {bits} + 1, 1)")
    return f"case when {expression} is null then null else {id15} || {' || '.join(chunks)} end"


def _append_footer(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(SF_FOOTER.encode("ascii"))


def write_salesforce_exports(raw: Path, out: Path, timezone: str = "America/New_York") -> None:
    """The Salesforce report exports of the CRM tables (see mappings/salesforce_reports.yml).
    A person with a deal is a converted lead: its Contact is created when the first deal
    is, history and activities after that moment belong to the contact."""
    con = _connect(raw)
    us_time = "%-m/%-d/%Y %-I:%M %p"

    def sf_time(expression: str) -> str:
        return local_time(expression, timezone, us_time)

    con.execute("""
        create table people as
        select distinct contacts.* from crm_contacts as contacts
        where contacts.merged_into_object_id is null and coalesce(contacts.archived, 'false') = 'false'
    """)
    con.execute("""
        create table conversions as
        select survivors.survivor_id as contact_id, min(try_cast(deals.createdate as timestamptz)) as converted_at
        from crm_deals as deals
        inner join survivors on deals.associated_contact_id = survivors.contact_id
        where coalesce(deals.archived, 'false') = 'false'
        group by 1
    """)
    person_columns = f"""
        people.firstname as "First Name", people.lastname as "Last Name", people.jobtitle as "Title",
        people.email as "Email", people.phone as "Phone",
        case when people.hs_analytics_source = 'OFFLINE'
             then {case_map('people.hs_analytics_source_data_1', SF_OFFLINE_SOURCES)}
             else {case_map('people.hs_analytics_source', SF_SOURCE_LABELS)} end as "Lead Source",
        {case_map('people.lifecyclestage', LIFECYCLE_LABELS)} as "Lifecycle Stage",
        owners.full_name as "Owner Name"
    """
    leads = out / "leads" / "report1793541240123.csv"
    _copy(con, f"""
        select {salesforce_id('00Q', 'people.hs_object_id')} as "Lead ID", {person_columns},
            coalesce(people.company, companies.name, '[not provided]') as "Company / Account",
            'www.' || companies.domain as "Website",
            {title_words('companies.industry')} as "Industry", companies.numberofemployees as "No. of Employees",
            companies.annualrevenue as "Annual Revenue",
            {case_map('coalesce(people.country, companies.country)', COUNTRY_NAMES)} as "Country",
            {case_map('people.hs_lead_status', SF_STATUS_LABELS)} as "Lead Status",
            {sf_time('people.createdate')} as "Created Date",
            {sf_time('people.lastmodifieddate')} as "Last Modified Date",
            case when conversions.contact_id is null then '0' else '1' end as "Converted",
            {salesforce_id('003', 'conversions.contact_id')} as "Converted Contact ID"
        from people
        left join owner_names as owners on people.hubspot_owner_id = owners.user_id
        left join conversions on people.hs_object_id = conversions.contact_id
        left join (select distinct * from crm_companies where coalesce(archived, 'false') = 'false') as companies
            on people.associatedcompanyid = companies.hs_object_id
        order by people.hs_object_id
    """, leads)
    # Salesforce's default export encoding (ISO-8859-1)
    leads.write_bytes(leads.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    _copy(con, f"""
        select {salesforce_id('003', 'people.hs_object_id')} as "Contact ID", {person_columns},
            people.company as "Account Name", {salesforce_id('001', 'people.associatedcompanyid')} as "Account ID",
            {case_map('people.country', COUNTRY_NAMES)} as "Mailing Country",
            strftime(timezone('{timezone}', conversions.converted_at), '{us_time}') as "Created Date",
            {sf_time('people.lastmodifieddate')} as "Last Modified Date"
        from people
        inner join conversions on people.hs_object_id = conversions.contact_id
        left join owner_names as owners on people.hubspot_owner_id = owners.user_id
        order by people.hs_object_id
    """, out / "contacts" / "report1793541240456.csv")
    _copy(con, f"""
        select distinct {salesforce_id('001', 'hs_object_id')} as "Account ID", name as "Account Name",
            'www.' || domain as "Website", {title_words('industry')} as "Industry",
            numberofemployees as "Employees", annualrevenue as "Annual Revenue",
            {case_map('country', COUNTRY_NAMES)} as "Billing Country", {sf_time('createdate')} as "Created Date"
        from crm_companies where coalesce(archived, 'false') = 'false' order by 1
    """, out / "accounts" / "report1793541240789.csv")
    _copy(con, f"""
        select distinct {salesforce_id('005', 'id')} as "User ID", firstname as "First Name",
            lastname as "Last Name", email as "Email", {case_map('role', ROLE_LABELS)} as "Role",
            team_name as "Team", case when archived = 'true' then '0' else '1' end as "Active",
            {sf_time('createdat')} as "Created Date"
        from crm_users order by 1
    """, out / "users" / "report1793541241012.csv")

    # field history: on the lead before its conversion, on the contact after
    history = f"""
        select distinct
            survivors.survivor_id as person_id,
            try_cast(history.timestamp as timestamptz) >= conversions.converted_at as on_contact,
            {case_map('history.property_name', SF_FIELD_LABELS)} as "Field / Event",
            case when history.property_name = 'lifecyclestage'
                     then {case_map('history.value', LIFECYCLE_LABELS)}
                 when history.property_name = 'hs_lead_status' then {case_map('history.value', SF_STATUS_LABELS)}
                 when history.property_name = 'hubspot_owner_id' then owners.full_name
                 else history.value end as "New Value",
            {sf_time('history.timestamp')} as "Edit Date",
            coalesce(editors.full_name, 'Automated Process') as "Edited By"
        from crm_contact_property_history as history
        inner join survivors on history.object_id = survivors.contact_id
        inner join people on survivors.survivor_id = people.hs_object_id
        left join conversions on survivors.survivor_id = conversions.contact_id
        left join owner_names as owners on history.value = owners.user_id
        left join owner_names as editors on history.updated_by_user_id = editors.user_id
        where survivors.contact_id = survivors.survivor_id
    """
    con.execute(f"create table sf_history as {history}")
    _copy(con, f"""
        select {salesforce_id('00Q', 'person_id')} as "Lead ID", "Field / Event", '' as "Old Value",
            "New Value", "Edit Date", "Edited By"
        from sf_history where not coalesce(on_contact, false)
        union all
        select {salesforce_id('00Q', 'hs_object_id')}, 'Created.', '', '', {sf_time('createdate')}, 'Automated Process'
        from people
        order by 1, 5
    """, out / "lead_history" / "report1793541241345.csv")
    _copy(con, f"""
        select {salesforce_id('003', 'person_id')} as "Contact ID", "Field / Event", '' as "Old Value",
            "New Value", "Edit Date", "Edited By"
        from sf_history where on_contact order by 1, 5
    """, out / "contact_history" / "report1793541241678.csv")

    _copy(con, f"""
        select distinct
            {salesforce_id('00T', 'engagements.hs_object_id')} as "Activity ID",
            {title_words('engagements.hs_engagement_type')} as "Activity Type",
            {sf_time('engagements.hs_timestamp')} as "Date",
            {sf_time('engagements.hs_createdate')} as "Created Date",
            owners.full_name as "Assigned",
            case when try_cast(engagements.hs_timestamp as timestamptz) >= conversions.converted_at
                 then {salesforce_id('003', 'survivors.survivor_id')}
                 else {salesforce_id('00Q', 'survivors.survivor_id')} end as "Contact/Lead ID",
            {salesforce_id('001', 'engagements.company_id')} as "Account ID",
            {title_words('engagements.hs_outcome')} as "Call Result",
            {title_words('engagements.hs_direction')} as "Call Type",
            engagements.hs_duration_seconds as "Call Duration"
        from crm_engagements as engagements
        inner join survivors on engagements.contact_id = survivors.contact_id
        inner join people on survivors.survivor_id = people.hs_object_id
        left join conversions on survivors.survivor_id = conversions.contact_id
        left join owner_names as owners on engagements.hubspot_owner_id = owners.user_id
        where coalesce(engagements.archived, 'false') = 'false'
        order by 1
    """, out / "activities" / "report1793541241901.csv")

    _copy(con, f"""
        select distinct
            {salesforce_id('006', 'deals.hs_object_id')} as "Opportunity ID",
            deals.dealname as "Opportunity Name", deals.amount as "Amount",
            {title_words('deals.pipeline')} as "Type",
            {case_map('deals.dealstage', SF_STAGE_LABELS)} as "Stage",
            {sf_time('deals.createdate')} as "Created Date",
            coalesce(strftime(try_cast(deals.closedate as timestamptz), '%-m/%-d/%Y'),
                     strftime(try_cast(deals.createdate as timestamptz) + interval 30 day, '%-m/%-d/%Y'))
                as "Close Date",
            case when deals.dealstage in ('closedwon', 'closedlost') then '1' else '0' end as "Closed",
            case when deals.dealstage = 'closedwon' then '1' else '0' end as "Won",
            deals.closed_lost_reason as "Loss Reason",
            owners.full_name as "Opportunity Owner",
            {salesforce_id('001', 'deals.associated_company_id')} as "Account ID",
            case when conversions.contact_id is null then null
                 else {salesforce_id('003', 'survivors.survivor_id', 18)} end as "Contact ID"
        from crm_deals as deals
        left join survivors on deals.associated_contact_id = survivors.contact_id
        left join conversions on survivors.survivor_id = conversions.contact_id
        left join owner_names as owners on deals.hubspot_owner_id = owners.user_id
        where coalesce(deals.archived, 'false') = 'false'
        order by 1
    """, out / "opportunities" / "report1793541242234.csv")
    _copy(con, f"""
        select distinct {salesforce_id('006', 'history.deal_id')} as "Opportunity ID",
            {case_map('history.dealstage', SF_STAGE_LABELS)} as "To Stage",
            {sf_time('history.timestamp')} as "Last Modified",
            owners.full_name as "Last Modified By"
        from crm_deal_stage_history as history
        left join owner_names as owners on history.updated_by_user_id = owners.user_id
        order by 1, 3
    """, out / "opportunity_history" / "report1793541242567.csv")
    con.close()
    for path in out.glob("*/report*.csv"):
        _append_footer(path)
