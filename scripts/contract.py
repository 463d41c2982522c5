"""The raw data contract of lead_lifecycle: every raw file, its columns and their meaning.

This module is the single written source of the contract. The demo-data generator
writes exactly these files and columns, the dbt sources yml is rendered from it
(`python -m scripts.render_sources`, checked by a test), and the great-expectations
raw validation reads its expectations from it.

Raw data arrives as files, one folder per source system, as a company would export
them from its tools:

    <raw_dir>/crm/<table>.csv          CRM export (HubSpot / Salesforce conventions)
    <raw_dir>/marketing/<table>.csv    marketing tools (forms, email, events, ads)
    <raw_dir>/web/<table>.parquet      Segment warehouse export (pages/tracks/identifies)

Column types are the *logical* types of the text in the file:

    string      free text; may be empty (empty = null)
    integer     whole number written in decimal digits
    decimal     number with an optional fractional part, '.' as decimal separator
    boolean     'true' / 'false' (CSV) or a boolean (Parquet)
    timestamp   ISO 8601 date-time; with a 'Z' or '+hh:mm' offset, or without one
                (then in the var raw_timestamp_time_zone, UTC by default). Example:
                2025-03-04T10:22:01.123Z. A whole number (text, or an integer column
                in Parquet) is read as an epoch, see epoch_ms
    epoch_ms    milliseconds since 1970-01-01 UTC, as HubSpot's APIs give them; a
                number below 100,000,000,000 is taken as seconds (an export that
                wrote seconds), since in milliseconds it would be before March 1973
    date        ISO 8601 calendar date, YYYY-MM-DD

Timestamps without an offset, and date-only values in a timestamp column (midnight),
are read in the time zone of the var `raw_timestamp_time_zone` (default UTC).

Three flags say what a column may lack:

    required    a row without a usable value here cannot be used: it is quarantined
                with the reason. Only keys and the facts a row exists for are required.
    optional    the column may be absent from the file altogether (newer or richer
                exports carry it); staging reads an absent column as null.
    fallback    what staging or the intermediate layer uses when the value is missing
                (documented, so an export without the value still builds).

A value that does not parse, or is implausible, makes the row unusable when its column
is required (the row is quarantined with the reason) and is set to null otherwise (the
row is kept and the value listed with its reason in stg_quarantine__nulled_values).
Implausible: a date or timestamp before the var plausible_first_date or later than
today plus the var plausible_future_days; a negative number in a non_negative column;
text that is not an e-mail address in an email column.

A file may hold a header and no rows: a company that does not use a system exports it
that way, and every mart still builds with zeros where there is nothing. A file of zero
bytes (not even a header) is an error naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LOGICAL_TYPES = ("string", "integer", "decimal", "boolean", "timestamp", "epoch_ms", "date")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False  # a row without a value here cannot be used (quarantined)
    accepted_values: tuple[str, ...] | None = None
    optional: bool = False  # the column may be absent from the file (read as null)
    fallback: str | None = None  # what is used when the value is missing
    non_negative: bool = False  # a negative number is implausible (a count, an amount)
    email: bool = False  # the text must look like an e-mail address

    def __post_init__(self) -> None:
        if self.type not in LOGICAL_TYPES:
            raise ValueError(f"column {self.name}: unknown logical type {self.type!r}")
        if self.required and self.optional:
            raise ValueError(f"column {self.name}: a required column cannot be optional")


@dataclass(frozen=True)
class Table:
    source: str
    name: str
    file_format: str  # csv | parquet
    description: str
    origin: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    # a column that tells when the tool received the row: dbt source freshness reads it
    freshness_column: str | None = None

    @property
    def relative_path(self) -> str:
        return f"{self.source}/{self.name}.{self.file_format}"

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.relative_path} has no contract column {name!r}")


LIFECYCLE_STAGES = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)
LEAD_STATUSES = (
    "NEW",
    "OPEN",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "BAD_TIMING",
)
ORIGINAL_SOURCES = (
    "ORGANIC_SEARCH",
    "PAID_SEARCH",
    "EMAIL_MARKETING",
    "SOCIAL_MEDIA",
    "PAID_SOCIAL",
    "REFERRALS",
    "DIRECT_TRAFFIC",
    "OTHER_CAMPAIGNS",
    "OFFLINE",
)
USER_ROLES = ("SDR", "BDR", "AE", "SE", "MARKETING", "MANAGER")
ENGAGEMENT_TYPES = ("CALL", "MEETING", "EMAIL", "NOTE", "TASK")
ENGAGEMENT_OUTCOMES = (
    "CONNECTED",
    "NO_ANSWER",
    "LEFT_VOICEMAIL",
    "BUSY",
    "WRONG_NUMBER",
    "SCHEDULED",
    "COMPLETED",
    "RESCHEDULED",
    "NO_SHOW",
    "CANCELED",
    "SENT",
    "REPLIED",
    "LOGGED",
)
DEAL_STAGES = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    "closedwon",
    "closedlost",
)
TRACKED_PROPERTIES = (
    "lifecyclestage",
    "hs_lead_status",
    "hubspot_owner_id",
    "qualification_budget",
    "qualification_authority",
    "qualification_need",
    "qualification_timeline",
    "disqualification_reason",
)
PROPERTY_SOURCE_TYPES = ("CRM_UI", "WORKFLOW", "IMPORT", "API", "FORM", "MERGE")
FORM_TYPES = ("contact_us", "demo_request", "content_download", "newsletter", "webinar_registration")
EMAIL_EVENT_TYPES = ("SENT", "DELIVERED", "OPEN", "CLICK", "BOUNCE", "UNSUBSCRIBE")
MARKETING_ENGAGEMENT_TYPES = (
    "webinar_attended",
    "trade_show_scan",
    "paid_search_call",
    "google_business_contact",
)

_CRM_TS = "ISO 8601 as exported by the CRM; some rows carry the portal's '+01:00' offset, most are UTC 'Z'"

CONTRACT: tuple[Table, ...] = (
    # ------------------------------------------------------------------ crm
    Table(
        source="crm",
        name="contacts",
        file_format="csv",
        description=(
            "One row per CRM contact record as exported from the CRM (HubSpot contacts / "
            "Salesforce leads+contacts). Includes cold imported contacts (suspects), deleted "
            "records (archived = true) and contacts merged into another one "
            "(merged_into_object_id set; chains are possible). The export may contain exact "
            "duplicate rows."
        ),
        origin="CRM contacts export (HubSpot 'Export contacts', all properties)",
        primary_key=("hs_object_id",),
        columns=(
            Column("hs_object_id", "integer", "CRM record id of the contact.", required=True),
            Column("email", "string", "Email as typed by the person or the importing rep; mixed case and stray spaces occur.", email=True),
            Column("firstname", "string", "First name."),
            Column("lastname", "string", "Last name."),
            Column("phone", "string", "Phone number in free format; empty when the person has not given one (not yet contactable)."),
            Column("jobtitle", "string", "Job title in free text (for example 'VP Marketing', 'Head of Sales Ops')."),
            Column("company", "string", "Company name as typed on the form."),
            Column("associatedcompanyid", "integer", "CRM id of the company record the contact is associated with (companies.hs_object_id)."),
            Column("country", "string", "Country as ISO 3166-1 alpha-2 code, or empty."),
            Column("hs_analytics_source", "string", "Original source of the contact as classified by the CRM.", accepted_values=ORIGINAL_SOURCES),
            Column("hs_analytics_source_data_1", "string", "Original source drill-down 1 (for example the search engine, the campaign, or IMPORT for list imports)."),
            Column("hubspot_owner_id", "integer", "Current owner (users.id), empty when unassigned."),
            Column("lifecyclestage", "string", "Current lifecycle stage as recorded in the CRM.", accepted_values=LIFECYCLE_STAGES),
            Column("hs_lead_status", "string", "Current lead status as recorded in the CRM.", accepted_values=LEAD_STATUSES),
            Column(
                "createdate", "timestamp", f"When the record was created. {_CRM_TS}.",
                fallback=(
                    "the contact's earliest evidence (property change, form, e-mail event, "
                    "engagement, deal); null with has_created_date = false when there is none"
                ),
            ),
            Column("lastmodifieddate", "timestamp", f"When any property of the record last changed. {_CRM_TS}."),
            Column("archived", "boolean", "True when the record was deleted in the CRM (kept in the export as archived)."),
            Column("merged_into_object_id", "integer", "When this record was merged into another contact, the id of the record it was merged into (Salesforce MasterRecordId convention). That record may itself be merged later (chain)."),
        ),
    ),
    Table(
        source="crm",
        name="companies",
        file_format="csv",
        description="One row per CRM company (account) record.",
        origin="CRM companies export (HubSpot companies / Salesforce accounts)",
        primary_key=("hs_object_id",),
        columns=(
            Column("hs_object_id", "integer", "CRM record id of the company.", required=True),
            Column("name", "string", "Company name."),
            Column("domain", "string", "Primary web domain, for example 'acme.io'; mixed case occurs."),
            Column("industry", "string", "Industry in the CRM's picklist (for example SOFTWARE, FINANCIAL_SERVICES)."),
            Column("numberofemployees", "integer", "Number of employees; empty when unknown.", non_negative=True),
            Column("annualrevenue", "decimal", "Annual revenue in EUR; empty when unknown.", non_negative=True),
            Column("country", "string", "Country as ISO 3166-1 alpha-2 code."),
            Column(
                "createdate", "timestamp", f"When the record was created. {_CRM_TS}.",
                fallback="none needed: kept as null (nothing depends on it)",
            ),
            Column("archived", "boolean", "True when the record was deleted in the CRM."),
        ),
    ),
    Table(
        source="crm",
        name="users",
        file_format="csv",
        description="One row per CRM user (owner): sales reps and marketers, with their role.",
        origin="CRM owners/users export (HubSpot owners API / Salesforce users)",
        primary_key=("id",),
        columns=(
            Column("id", "integer", "CRM owner id.", required=True),
            Column("email", "string", "Work email of the user.", email=True),
            Column("firstname", "string", "First name."),
            Column("lastname", "string", "Last name."),
            Column("role", "string", "Role: SDR/BDR (qualify leads), AE (account executive, owns deals), SE (sales engineer), MARKETING, MANAGER.", required=True, accepted_values=USER_ROLES),
            Column("team_name", "string", "Team the user belongs to."),
            Column(
                "createdat", "timestamp", "When the user was created in the CRM.",
                fallback="none needed: kept as null (nothing depends on it)",
            ),
            Column("archived", "boolean", "True when the user was deactivated."),
        ),
    ),
    Table(
        source="crm",
        name="contact_property_history",
        file_format="csv",
        description=(
            "One row per change of a tracked contact property (lifecycle stage, lead status, "
            "owner, qualification fields, disqualification reason), as the CRM's property "
            "history gives it. Rows can be exported out of order and duplicated."
        ),
        origin="CRM property history (HubSpot propertiesWithHistory / Salesforce ContactHistory)",
        primary_key=("object_id", "property_name", "timestamp", "value"),
        columns=(
            Column("object_id", "integer", "Contact id (contacts.hs_object_id) whose property changed.", required=True),
            Column("property_name", "string", "Name of the property that changed.", required=True, accepted_values=TRACKED_PROPERTIES),
            Column("value", "string", "New value of the property; empty when the property was cleared."),
            Column("timestamp", "timestamp", f"When the change happened. {_CRM_TS}.", required=True),
            Column("source_type", "string", "What made the change: a person in the UI, a workflow, an import, the API, a form, a merge.", accepted_values=PROPERTY_SOURCE_TYPES),
            Column("source_id", "string", "Identifier of the workflow, import or form that made the change, when not a person."),
            Column("updated_by_user_id", "integer", "CRM user (users.id) who made the change, when a person did."),
        ),
    ),
    Table(
        source="crm",
        name="engagements",
        file_format="csv",
        description="One row per sales activity logged on a contact: calls, meetings, emails, notes, tasks.",
        origin="CRM engagements export (HubSpot engagements / Salesforce tasks and events)",
        primary_key=("hs_object_id",),
        columns=(
            Column("hs_object_id", "integer", "CRM id of the engagement.", required=True),
            Column("hs_engagement_type", "string", "Type of activity.", required=True, accepted_values=ENGAGEMENT_TYPES),
            Column("hs_timestamp", "timestamp", "When the activity happened (call start, meeting start, email sent).", required=True),
            Column("hs_createdate", "timestamp", "When the activity was logged in the CRM (can be later than hs_timestamp)."),
            Column("hubspot_owner_id", "integer", "User (users.id) who performed the activity."),
            Column("contact_id", "integer", "Associated contact (contacts.hs_object_id).", required=True),
            Column("company_id", "integer", "Associated company (companies.hs_object_id)."),
            Column("hs_outcome", "string", "Outcome: call disposition (CONNECTED, NO_ANSWER, ...), meeting outcome (SCHEDULED, COMPLETED, NO_SHOW, ...), SENT/REPLIED for emails, LOGGED for notes.", accepted_values=ENGAGEMENT_OUTCOMES),
            Column("hs_direction", "string", "INBOUND or OUTBOUND for calls and emails.", accepted_values=("INBOUND", "OUTBOUND")),
            Column("hs_duration_seconds", "integer", "Duration of a call or meeting in seconds.", non_negative=True),
            Column("archived", "boolean", "True when the engagement was deleted."),
        ),
    ),
    Table(
        source="crm",
        name="deals",
        file_format="csv",
        description="One row per deal (opportunity) with its current stage, amount and association to a contact and company.",
        origin="CRM deals export (HubSpot deals / Salesforce opportunities)",
        primary_key=("hs_object_id",),
        columns=(
            Column("hs_object_id", "integer", "CRM id of the deal.", required=True),
            Column("dealname", "string", "Name of the deal."),
            Column("amount", "decimal", "Deal amount, in the deal's currency (deal_currency_code).", non_negative=True),
            Column("pipeline", "string", "Sales pipeline the deal is in (default: new_business)."),
            Column(
                "dealstage", "string",
                "Current pipeline stage. Its category (open / won / lost) comes from the "
                "seed deal_stage_categories; a stage the seed does not know is kept, counted "
                "as open (won when hs_is_closed_won is true) and reported.",
                required=True, accepted_values=DEAL_STAGES,
            ),
            Column(
                "createdate", "timestamp", "When the deal was created (the opportunity was forecast).",
                fallback=(
                    "the deal's first stage-history timestamp; null with has_created_date = "
                    "false when the history has none (pipelines that stamp dates only from "
                    "the second stage)"
                ),
            ),
            Column(
                "closedate", "timestamp",
                "When the deal closed (won or lost). CRMs also fill it with the expected close "
                "date of open deals: it counts as a close only when the stage is a closed one.",
                fallback="for a closed deal, the time it entered its closed stage (stage history)",
            ),
            Column("hs_is_closed_won", "boolean", "True when the deal was won."),
            Column("closed_lost_reason", "string", "Reason given when the deal was lost."),
            Column("hubspot_owner_id", "integer", "Deal owner (users.id), normally an AE."),
            Column("associated_contact_id", "integer", "Primary contact of the deal (contacts.hs_object_id).", required=True),
            Column("associated_company_id", "integer", "Company of the deal (companies.hs_object_id)."),
            Column("archived", "boolean", "True when the deal was deleted."),
            Column(
                "deal_currency_code", "string",
                "ISO 4217 currency of the amount (HubSpot deal_currency_code, Salesforce "
                "CurrencyIsoCode).",
                optional=True, fallback="the var default_currency_code (EUR)",
            ),
        ),
    ),
    Table(
        source="crm",
        name="deal_stage_history",
        file_format="csv",
        description="One row per change of a deal's pipeline stage.",
        origin="CRM deal property history for dealstage (HubSpot propertiesWithHistory / Salesforce OpportunityHistory)",
        primary_key=("deal_id", "dealstage", "timestamp"),
        columns=(
            Column("deal_id", "integer", "Deal id (deals.hs_object_id).", required=True),
            Column("dealstage", "string", "Stage the deal entered.", required=True, accepted_values=DEAL_STAGES),
            Column("timestamp", "timestamp", "When the deal entered the stage.", required=True),
            Column("updated_by_user_id", "integer", "User (users.id) who moved the deal."),
        ),
    ),
    # ------------------------------------------------------------ marketing
    Table(
        source="marketing",
        name="form_submissions",
        file_format="csv",
        description="One row per form submitted on the website (contact us, demo request, content download, newsletter, webinar registration).",
        origin="Marketing automation form submissions export (HubSpot forms API)",
        primary_key=("conversion_id",),
        columns=(
            Column("conversion_id", "string", "Unique id of the submission (UUID).", required=True),
            Column("form_guid", "string", "Id of the form."),
            Column("form_name", "string", "Name of the form as set up in the tool."),
            Column("form_type", "string", "Kind of form.", required=True, accepted_values=FORM_TYPES),
            Column("submitted_at", "epoch_ms", "When the form was submitted, in epoch milliseconds (HubSpot API convention).", required=True),
            Column("page_url", "string", "Full URL of the page the form sits on."),
            Column("page_title", "string", "Title of that page."),
            Column("email", "string", "Email field as typed (mixed case, spaces).", required=True, email=True),
            Column("firstname", "string", "First name field."),
            Column("lastname", "string", "Last name field."),
            Column("phone", "string", "Phone field; empty when not asked or not given."),
            Column("company", "string", "Company field."),
            Column("jobtitle", "string", "Job title field."),
            Column("country", "string", "Country field (ISO 3166-1 alpha-2)."),
            Column("hutk", "string", "The visitor's first-party tracking cookie at submission; the same value as web anonymous_id."),
            Column(
                "contact_id", "integer",
                "CRM contact id (contacts.hs_object_id) of the person, when the export carries "
                "it (HubSpot's form submissions do). It links the row to its contact; without it the row links by "
                "normalised e-mail.",
                optional=True, fallback="the contact whose normalised e-mail matches",
            ),
        ),
    ),
    Table(
        source="marketing",
        name="email_events",
        file_format="csv",
        description="One row per marketing email event: send, delivery, open, click, bounce, unsubscribe, per campaign and recipient.",
        origin="Email marketing events export (HubSpot email events API)",
        primary_key=("id",),
        columns=(
            Column("id", "string", "Unique id of the event.", required=True),
            Column("type", "string", "Event type.", required=True, accepted_values=EMAIL_EVENT_TYPES),
            Column("recipient", "string", "Recipient email address as sent (mixed case occurs).", required=True, email=True),
            Column("created", "epoch_ms", "When the event happened, in epoch milliseconds.", required=True),
            Column("email_campaign_id", "integer", "Id of the email campaign."),
            Column("campaign_name", "string", "Name of the email campaign."),
            Column("url", "string", "Clicked URL (CLICK events only)."),
            Column("bounce_category", "string", "HARD_BOUNCE / SOFT_BOUNCE (BOUNCE events only)."),
            Column(
                "contact_id", "integer",
                "CRM contact id (contacts.hs_object_id) of the person, when the export carries "
                "it (exports of marketing e-mail tools tied to the CRM do). It links the row to its contact; without it the row links by "
                "normalised e-mail.",
                optional=True, fallback="the contact whose normalised e-mail matches",
            ),
        ),
    ),
    Table(
        source="marketing",
        name="engagements",
        file_format="csv",
        description=(
            "Marketing engagements captured outside the website and email: webinar attendance, "
            "trade-show badge scans, calls from paid-search ads (call tracking), and contacts "
            "through the Google Business profile."
        ),
        origin="Webinar platform attendee exports, event badge-scanner exports, call-tracking and Google Business Profile exports, unified by marketing ops",
        primary_key=("engagement_id",),
        columns=(
            Column("engagement_id", "string", "Unique id of the engagement in the source tool, prefixed by the tool.", required=True),
            Column("engagement_type", "string", "Kind of engagement.", required=True, accepted_values=MARKETING_ENGAGEMENT_TYPES),
            Column("source_system", "string", "Tool that captured it (webinar_platform, badge_scanner, call_tracking, google_business_profile)."),
            Column("occurred_at", "timestamp", "When the engagement happened.", required=True),
            Column("email", "string", "Email of the person, when captured.", email=True),
            Column("phone", "string", "Phone of the person, when captured (calls always have one)."),
            Column("full_name", "string", "Name of the person as captured."),
            Column("company", "string", "Company of the person as captured."),
            Column("campaign_name", "string", "Marketing campaign (webinar, trade show, ad campaign) the engagement belongs to."),
            Column("duration_seconds", "integer", "Attendance or call duration in seconds.", non_negative=True),
            Column("is_qualified_conversation", "boolean", "True when a person at the company spoke with the contact and confirmed interest in talking to sales now (call tracking and booth conversations)."),
            Column(
                "contact_id", "integer",
                "CRM contact id (contacts.hs_object_id) of the person, when the export carries "
                "it (when marketing ops matched it to the CRM). It links the row to its contact; without it the row links by "
                "normalised e-mail.",
                optional=True, fallback="the contact whose normalised e-mail matches",
            ),
        ),
    ),
    Table(
        source="marketing",
        name="ad_spend",
        file_format="csv",
        description="One row per day, ad platform and campaign with impressions, clicks and spend.",
        origin="Ad platform reports (Google Ads, LinkedIn Ads, Meta Ads, display network) exported daily",
        primary_key=("date", "platform", "campaign_id"),
        columns=(
            Column("date", "date", "Day of the spend (in UTC).", required=True),
            Column("platform", "string", "Ad platform (google_ads, bing_ads, linkedin_ads, meta_ads, display_network).", required=True),
            Column("campaign_id", "string", "Campaign id in the platform.", required=True),
            Column("campaign_name", "string", "Campaign name; equal to the utm_campaign of its links."),
            Column("utm_source", "string", "utm_source its ads carry."),
            Column("utm_medium", "string", "utm_medium its ads carry."),
            Column("impressions", "integer", "Ad impressions.", non_negative=True),
            Column("clicks", "integer", "Ad clicks.", non_negative=True),
            Column("spend", "decimal", "Spend in EUR.", required=True, non_negative=True),
        ),
    ),
    # ------------------------------------------------------------------ web
    Table(
        source="web",
        name="pages",
        file_format="parquet",
        freshness_column="received_at",
        description="Segment page calls: one row per page view on the website, anonymous or identified. Late and out-of-order arrivals occur (received_at much later than timestamp).",
        origin="Segment warehouse export, table pages",
        primary_key=("id",),
        columns=(
            Column("id", "string", "Segment message id of the page call.", required=True),
            Column("anonymous_id", "string", "First-party anonymous id of the browser (cookie).", required=True),
            Column("user_id", "string", "Known user id (the CRM contact id) when the visitor had been identified on this device."),
            Column("timestamp", "timestamp", "When the page was viewed (UTC), corrected for clock skew by Segment.", required=True),
            Column("received_at", "timestamp", "When Segment received the call; late events have a received_at long after timestamp.", required=True),
            Column("url", "string", "Full URL with query string."),
            Column("path", "string", "URL path, for example /blog/abm-strategy."),
            Column("title", "string", "Page title."),
            Column("referrer", "string", "Full URL of the referring page; empty for direct traffic."),
            Column("context_campaign_source", "string", "utm_source of the landing URL."),
            Column("context_campaign_medium", "string", "utm_medium of the landing URL."),
            Column("context_campaign_name", "string", "utm_campaign of the landing URL."),
            Column("context_campaign_content", "string", "utm_content of the landing URL."),
            Column("context_campaign_term", "string", "utm_term of the landing URL."),
            Column("context_user_agent", "string", "Browser user agent."),
        ),
    ),
    Table(
        source="web",
        name="tracks",
        file_format="parquet",
        freshness_column="received_at",
        description="Segment track calls: one row per named event on the website (Form Submitted, Asset Downloaded, Pricing Viewed, Webinar Registered, Demo Requested).",
        origin="Segment warehouse export, table tracks",
        primary_key=("id",),
        columns=(
            Column("id", "string", "Segment message id.", required=True),
            Column("anonymous_id", "string", "Anonymous id of the browser.", required=True),
            Column("user_id", "string", "Known user id (CRM contact id) when identified."),
            Column("event", "string", "Event name in snake case (form_submitted, asset_downloaded, ...).", required=True),
            Column("event_text", "string", "Event name as sent (Form Submitted, ...)."),
            Column("timestamp", "timestamp", "When the event happened (UTC).", required=True),
            Column("received_at", "timestamp", "When Segment received it.", required=True),
            Column("context_page_path", "string", "Path of the page the event happened on."),
            Column("context_page_url", "string", "URL of the page the event happened on."),
        ),
    ),
    Table(
        source="web",
        name="identifies",
        file_format="parquet",
        freshness_column="received_at",
        description="Segment identify calls: tie an anonymous id to a known user id and email (sent when a form is submitted or a known email link is clicked). One person can have several anonymous ids (devices, cleared cookies).",
        origin="Segment warehouse export, table identifies",
        primary_key=("id",),
        columns=(
            Column("id", "string", "Segment message id.", required=True),
            Column("anonymous_id", "string", "Anonymous id of the browser.", required=True),
            Column("user_id", "string", "Known user id (CRM contact id); may point to a contact that was later merged."),
            Column("email", "string", "Email trait (mixed case occurs).", email=True),
            Column("timestamp", "timestamp", "When the identify call happened (UTC).", required=True),
            Column("received_at", "timestamp", "When Segment received it.", required=True),
        ),
    ),
)

SOURCES: tuple[str, ...] = ("crm", "marketing", "web")


def tables(source: str | None = None) -> list[Table]:
    """All contract tables, optionally of one source."""
    return [table for table in CONTRACT if source is None or table.source == source]


def table(source: str, name: str) -> Table:
    for candidate in CONTRACT:
        if candidate.source == source and candidate.name == name:
            return candidate
    raise KeyError(f"no contract table {source}.{name}")
