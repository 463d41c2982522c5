{#-
    The select of a base model: every raw row of one contract table, read once and
    typed (doc staging_usable_row). Driven by the contract (raw_contract_tables,
    rendered from scripts/contract.py) and the file's reader (raw_reader):
    - every contract column under its raw name, typed by cast_raw_column (text is
      parsed, native Parquet types converted); a value that does not parse or is
      implausible (a date before var plausible_first_date or later than today + var
      plausible_future_days, a negative count or amount, text that is no e-mail
      address) is null;
    - quarantine_reason: null for a usable row, else the first problem of a required
      column, naming it: "missing required column <c>", "column <c>: '<text>' is not a
      valid <type>", "... is implausible", "... is negative", "... is not an e-mail
      address", or "the file lacks contract column <c>";
    - nulled_reason: the problems of optional columns, whose values were set to null
      while the row was kept ('; ' separated), null when there are none;
    - raw_row_key (primary key values as text, '|' separated), raw_row (the raw row as
      JSON text, only for rows with a reason) and raw_row_hash (a hash of every raw
      value: equal for exact duplicates, and the last tie-break of deduplication).
    An optional contract column the file lacks is a typed null; a file that cannot be
    read gives no rows (stg_quarantine__raw_files names it). Values are parsed once in
    an inner select; the checks compare parsed values with the raw text there.
-#}
{% macro contract_typed_rows(source_name, table_name) -%}
    {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
    {%- set reader = lead_lifecycle.raw_reader(source_name, table_name) -%}
    {%- if not execute -%}
        select * from {{ reader.sql }}
    {%- else -%}
        {%- set is_unit_test = model.resource_type == 'unit_test' -%}
        {%- for problem in reader.problems -%}
            {%- do exceptions.warn(problem ~ ' (stg_quarantine__raw_files fails the build)') -%}
        {%- endfor -%}
        {%- set first_plausible = "cast('" ~ var('plausible_first_date') ~ "' as date)" -%}
        {%- set last_plausible = "cast(" ~ dbt.dateadd(
            'day', var('plausible_future_days') | int, dbt.current_timestamp()
        ) ~ " as date)" -%}
        {%- set inner_items = [] -%}
        {%- set outer_items = [] -%}
        {%- set required_problems = [] -%}
        {%- set optional_problems = [] -%}
        {%- set raw_texts = [] -%}
        {%- set shown_by_column = {} -%}
        {%- set raw_pairs = [] -%}
        {%- for column in node.columns -%}
            {%- set value_ref = adapter.quote(column.name) -%}
            {%- set is_present = is_unit_test or column.name | lower in reader.columns -%}
            {%- if is_unit_test and column.optional -%}
                {#- unit-test fixtures mirror the raw file, which may lack optional columns -#}
                {%- set is_present = false -%}
            {%- endif -%}
            {%- if is_present -%}
                {%- set read = lead_lifecycle.cast_raw_column(
                    column.name, reader.columns.get(column.name | lower), column.logical_type
                ) -%}
            {%- else -%}
                {%- set read = {
                    'value': lead_lifecycle.parse_logical_type(
                        'cast(null as ' ~ dbt.type_string() ~ ')', column.logical_type
                    ),
                    'text': none,
                } -%}
            {%- endif -%}
            {%- set parsed_ref = adapter.quote(column.name ~ '__parsed') -%}
            {%- do inner_items.append(read.value ~ " as " ~ parsed_ref) -%}
            {%- set text_ref = none -%}
            {%- if read.text is not none -%}
                {%- set text_ref = adapter.quote(column.name ~ '__raw_text') -%}
                {%- do inner_items.append(read.text ~ " as " ~ text_ref) -%}
            {%- endif -%}
            {%- set shown = text_ref or lead_lifecycle.empty_to_null(parsed_ref) -%}
            {%- do raw_texts.append(shown) -%}
            {%- do shown_by_column.update({column.name: shown}) -%}
            {%- if is_present -%}{%- do raw_pairs.append((column.name, shown)) -%}{%- endif -%}
            {%- set checks = [] -%}
            {%- if column.required -%}
                {%- do checks.append((
                    (text_ref or parsed_ref) ~ " is null",
                    "'missing required column " ~ column.name ~ "'"
                        if is_present else
                    "'the file lacks contract column " ~ column.name ~ "'",
                )) -%}
            {%- endif -%}
            {%- if text_ref is not none and column.logical_type != 'string' -%}
                {%- do checks.append((
                    text_ref ~ " is not null and " ~ parsed_ref ~ " is null",
                    lead_lifecycle.value_problem(column.name, text_ref,
                        "is not a valid " ~ column.logical_type),
                )) -%}
            {%- endif -%}
            {%- if column.logical_type in ('timestamp', 'epoch_ms', 'date') -%}
                {%- do checks.append((
                    "cast(" ~ parsed_ref ~ " as date) < " ~ first_plausible
                    ~ " or cast(" ~ parsed_ref ~ " as date) > " ~ last_plausible,
                    lead_lifecycle.value_problem(column.name, shown,
                        "is implausible (before " ~ var('plausible_first_date')
                        ~ " or more than " ~ var('plausible_future_days')
                        ~ " days in the future)"),
                )) -%}
            {%- endif -%}
            {%- if column.non_negative -%}
                {%- do checks.append((
                    parsed_ref ~ " < 0", lead_lifecycle.value_problem(column.name, shown, "is negative")
                )) -%}
            {%- endif -%}
            {%- if column.email -%}
                {%- do checks.append((
                    "not " ~ lead_lifecycle.matches_regex(
                        parsed_ref, '^[^@ ]+@[^@ ]+[.][^@ .]+$'
                    ),
                    lead_lifecycle.value_problem(column.name, shown, "is not an e-mail address"),
                )) -%}
            {%- endif -%}
            {%- set value_checks = checks if not column.required else checks[1:] -%}
            {%- if value_checks -%}
                {%- set failing = [] -%}
                {%- for condition, message in value_checks -%}
                    {%- do failing.append("(" ~ condition ~ ")") -%}
                {%- endfor -%}
                {%- do outer_items.append(
                    "case when coalesce(" ~ failing | join(" or ") ~ ", false) then null else "
                    ~ parsed_ref ~ " end as " ~ value_ref
                ) -%}
            {%- else -%}
                {%- do outer_items.append(parsed_ref ~ " as " ~ value_ref) -%}
            {%- endif -%}
            {%- for condition, message in checks -%}
                {%- set problem = "case when " ~ condition ~ " then " ~ message ~ " end" -%}
                {%- if column.required -%}
                    {%- do required_problems.append(problem) -%}
                {%- else -%}
                    {%- do optional_problems.append(problem) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set key_parts = [] -%}
        {%- for key_column in node.primary_key -%}
            {%- if not loop.first -%}{%- do key_parts.append("'|'") -%}{%- endif -%}
            {%- do key_parts.append("coalesce(" ~ shown_by_column[key_column] ~ ", '')") -%}
        {%- endfor -%}
        {%- set quarantine_reason = "coalesce(" ~ required_problems | join(", ") ~ ")"
            if required_problems else "cast(null as " ~ dbt.type_string() ~ ")" -%}
        {%- set nulled_reason = "nullif(concat_ws('; ', " ~ optional_problems | join(", ")
            ~ "), '')" if optional_problems else "cast(null as " ~ dbt.type_string() ~ ")" -%}
    select
        {{ outer_items | join(",\n        ") }},
        {{ dbt.concat(key_parts) }} as raw_row_key,
        case
            when ({{ quarantine_reason }}) is not null or ({{ nulled_reason }}) is not null
                then {{ lead_lifecycle.raw_row_json(raw_pairs) if raw_pairs
                    else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
        end as raw_row,
        {{ lead_lifecycle.generate_surrogate_key(raw_texts) }} as raw_row_hash,
        {{ quarantine_reason }} as quarantine_reason,
        {{ nulled_reason }} as nulled_reason
    from (
        {%- if reader.sql is none %}
        select
            {{ inner_items | join(",\n            ") }}
        from (select 1 as no_rows) as unreadable_file
        where 1 = 0
        {%- else %}
        select
            {{ inner_items | join(",\n            ") }}
        from {{ reader.sql }}
        {%- endif %}
    ) as parsed_rows
    {%- endif -%}
{%- endmacro %}

{#- SQL for the text "column <c>: '<shown value>' <what>". -#}
{% macro value_problem(column_name, shown, what) -%}
    {{ return(dbt.concat([
        "'column " ~ column_name ~ ": '''", shown, "''' " ~ what | replace("'", "''") ~ "'"
    ])) }}
{%- endmacro %}
