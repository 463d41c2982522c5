{#-
    How a base model reads one raw contract table (doc staging_raw_files). Returns a
    dict:
      sql:       a relation or table function to select from;
      columns:   {lower-case column name: upper-case database type} of what it reads;
      location:  "raw file <path>" (DuckDB) or "raw table <relation>" (other engines);
      problems:  problems that make the file unusable as a whole (missing, zero bytes,
                 declared latin-1 with a byte DuckDB's latin-1 reader refuses, contract
                 columns missing from the header); the base model then reads
                 nothing or marks every row, and stg_quarantine__raw_files fails the
                 build naming the file, while every other model is still built;
      settings:  the CSV dialect used (delimiter, encoding), for the report;
      rejects:   on DuckDB CSVs, the names of the temporary tables where DuckDB stores
                 lines it cannot split into the header's columns (ragged rows, invalid
                 encoding, unterminated quotes); the base model's post-hook adds them
                 as quarantined rows with their line number.
    CSV dialect: the delimiter is the one of , ; tab | that splits the header into the
    most fields, unless the var raw_csv_options sets it for the file
    ({'crm/contacts.csv': {'delimiter': ';', 'encoding': 'latin-1'}}); the encoding
    is the var raw_csv_encoding (default utf-8) unless raw_csv_options sets it.
    While parsing and in unit tests it returns the source relation.
-#}
{% macro raw_reader(source_name, table_name) -%}
    {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return({
            'sql': relation, 'columns': {}, 'location': 'raw table ' ~ relation,
            'problems': [], 'settings': {}, 'rejects': none,
        }) }}
    {%- endif -%}
    {{ return(adapter.dispatch('raw_reader', 'lead_lifecycle')(node, relation)) }}
{%- endmacro %}

{#- Other engines read the raw tables that scripts/load_raw.py loaded. -#}
{% macro default__raw_reader(node, relation) -%}
    {%- set location = 'raw table ' ~ relation -%}
    {%- set existing = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier
    ) -%}
    {%- if existing is none -%}
        {{ return(lead_lifecycle.unreadable_raw(
            node, location,
            location ~ ' is missing: load the raw files with python -m scripts.load_raw'
        )) }}
    {%- endif -%}
    {%- set columns = {} -%}
    {%- for column in adapter.get_columns_in_relation(existing) -%}
        {%- do columns.update({column.name | lower: column.dtype | upper}) -%}
    {%- endfor -%}
    {{ return(lead_lifecycle.checked_raw_reader(
        node, existing, columns, location, {}, none
    )) }}
{%- endmacro %}

{% macro duckdb__raw_reader(node, relation) -%}
    {%- set raw_dir = env_var('LEAD_LIFECYCLE_RAW_DIR', 'data/raw') -%}
    {%- set path = raw_dir ~ '/' ~ node.file_path -%}
    {%- set location = 'raw file ' ~ path -%}
    {%- set quoted_path = "'" ~ path | replace("'", "''") ~ "'" -%}
    {%- set found = run_query("select count(*) from glob(" ~ quoted_path ~ ")") -%}
    {%- if found.columns[0].values()[0] == 0 -%}
        {{ return(lead_lifecycle.unreadable_raw(
            node, location,
            location ~ ' is missing (LEAD_LIFECYCLE_RAW_DIR=' ~ raw_dir ~ '): export it,'
            ~ ' with its header row only when the system has no data'
        )) }}
    {%- endif -%}
    {%- set sizes = run_query("select min(size) from read_blob(" ~ quoted_path ~ ")") -%}
    {%- if sizes.columns[0].values()[0] == 0 -%}
        {{ return(lead_lifecycle.unreadable_raw(
            node, location,
            location ~ ' is empty (0 bytes): export it with its header row, even when'
            ~ ' the system has no data (a header-only file is valid input)'
        )) }}
    {%- endif -%}
    {%- if node.file_format == 'parquet' -%}
        {%- set sql = 'read_parquet(' ~ quoted_path ~ ')' -%}
        {%- set columns = {} -%}
        {%- for row in run_query('describe select * from ' ~ sql).rows -%}
            {%- do columns.update({row[0] | lower: row[1] | upper}) -%}
        {%- endfor -%}
        {{ return(lead_lifecycle.checked_raw_reader(node, sql, columns, location, {}, none)) }}
    {%- endif -%}
    {%- set options = var('raw_csv_options', {}).get(node.file_path, {}) -%}
    {%- set encoding = options.get('encoding', var('raw_csv_encoding', 'utf-8')) -%}
    {%- set max_line_bytes = var('raw_csv_max_line_bytes', 134217728) -%}
    {%- if encoding | lower | replace('_', '-') in ('latin-1', 'latin1', 'iso-8859-1') -%}
        {%- set refused = lead_lifecycle.latin1_refused_byte(quoted_path) -%}
        {%- if refused -%}
            {{ return(lead_lifecycle.unreadable_raw(
                node, location,
                location ~ ' has byte 0x' ~ refused.byte ~ ' on line ' ~ refused.line
                ~ ", which DuckDB's latin-1 reader refuses (a Windows-1252 character such as"
                ~ ' the euro sign or a curly quote): convert the file to UTF-8 (iconv -f'
                ~ ' windows-1252 -t utf-8) and drop its encoding from raw_csv_options'
            )) }}
        {%- endif -%}
    {%- endif -%}
    {%- set header_line = lead_lifecycle.csv_header_line(quoted_path, encoding, max_line_bytes) -%}
    {%- set delimiter = options.get('delimiter')
        or lead_lifecycle.csv_header_delimiter(header_line) -%}
    {%- set columns = {} -%}
    {%- set reader_columns = [] -%}
    {%- for field in header_line.split(delimiter) -%}
        {%- set name = field | trim | replace('"', '') | lower -%}
        {%- if name and name not in columns -%}
            {%- do columns.update({name: 'VARCHAR'}) -%}
            {%- do reader_columns.append("'" ~ name | replace("'", "''") ~ "': 'VARCHAR'") -%}
        {%- else -%}
            {#- an empty or repeated header name: keep the position, ignore the values -#}
            {%- do reader_columns.append("'column_" ~ loop.index ~ "': 'VARCHAR'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set rejects = {
        'table': 'rejects__' ~ node.source ~ '__' ~ node.table,
        'scan': 'rejects_scan__' ~ node.source ~ '__' ~ node.table,
    } -%}
    {%- set sql = "read_csv(" ~ quoted_path ~ ", header = true, auto_detect = false, columns = {"
        ~ reader_columns | join(', ') ~ "}, delim = '" ~ delimiter | replace("'", "''")
        ~ "', quote = '\"', escape = '\"', encoding = '" ~ encoding ~ "',"
        ~ " max_line_size = " ~ max_line_bytes
        ~ ", store_rejects = true, rejects_table = '" ~ rejects.table
        ~ "', rejects_scan = '" ~ rejects.scan ~ "')" -%}
    {{ return(lead_lifecycle.checked_raw_reader(
        node, sql, columns, location,
        {'delimiter': delimiter, 'encoding': encoding}, rejects
    )) }}
{%- endmacro %}

{#-
    The first line of a CSV file as text in `encoding`. Only the first lines are read,
    skipping lines that are not valid (an accent further down a Latin-1 file read as
    UTF-8, a line longer than DuckDB's default limit) instead of failing on them; a
    header that is itself invalid gives the first valid line, whose "columns" then lack
    the contract's and checked_raw_reader says so. The scan is single-threaded: a
    parallel scan may hand `limit 1` a line from the middle of the file (seen under
    load on a 92k-line file, which then lost every row to the quarantine).
-#}
{% macro csv_header_line(quoted_path, encoding, max_line_bytes) -%}
    {%- set rows = run_query(
        "select line from read_csv(" ~ quoted_path ~ ", header = false, auto_detect = false,"
        ~ " columns = {'line': 'VARCHAR'}, delim = chr(31), quote = '', escape = '',"
        ~ " encoding = '" ~ encoding ~ "', max_line_size = " ~ max_line_bytes
        ~ ", ignore_errors = true, parallel = false) limit 1"
    ).rows -%}
    {{ return(rows[0][0] or '' if rows | length > 0 else '') }}
{%- endmacro %}

{#-
    The first byte 0x80-0x9F of a file and its line, or none. DuckDB's latin-1 reader
    refuses a whole file with such a byte (Windows-1252 puts the euro sign and curly
    quotes there), with an error that names neither file nor line; checking first
    lets the base model read nothing and stg_quarantine__raw_files name the file.
-#}
{% macro latin1_refused_byte(quoted_path) -%}
    {%- set row = run_query(
        "select regexp_extract(content_hex, '^(?:..)*?([89][0-9A-F])', 1),"
        ~ " len(list_filter(regexp_extract_all(regexp_extract(content_hex,"
        ~ " '^((?:..)*?)[89][0-9A-F]', 1), '..'), lambda byte: byte = '0A')) + 1"
        ~ " from (select hex(content) as content_hex from read_blob(" ~ quoted_path ~ "))"
    ).rows[0] -%}
    {{ return({'byte': row[0], 'line': row[1]} if row[0] else none) }}
{%- endmacro %}

{#- The delimiter among , ; tab | that splits a CSV header into the most fields. -#}
{% macro csv_header_delimiter(header_line) -%}
    {%- set best = {'delimiter': ',', 'fields': 1} -%}
    {%- for candidate in [',', ';', '\t', '|'] -%}
        {%- set fields = header_line.split(candidate) | length -%}
        {%- if fields > best.fields -%}
            {%- do best.update({'delimiter': candidate, 'fields': fields}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(best.delimiter) }}
{%- endmacro %}

{#-
    A reader whose file is readable; contract columns missing from it are problems.
    A CSV whose first line has none of the contract's columns was most likely read with
    the wrong encoding or delimiter: a further problem names both and the setting.
-#}
{% macro checked_raw_reader(node, sql, columns, location, settings, rejects) -%}
    {%- set problems = [] -%}
    {%- set found = [] -%}
    {%- for column in node.columns -%}
        {%- if column.name | lower in columns -%}
            {%- do found.append(column.name) -%}
        {%- elif not column.optional -%}
            {%- do problems.append(
                location ~ ' lacks contract column ' ~ column.name
                ~ ' (columns found: ' ~ columns.keys() | list | join(', ') ~ ')'
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not found and settings.delimiter -%}
        {%- do problems.append(
            location ~ ' has none of the contract columns in its first line read as '
            ~ settings.encoding ~ " split by '" ~ settings.delimiter ~ "': set its encoding"
            ~ ' or delimiter in the var raw_csv_options, for example {"' ~ node.file_path
            ~ '": {encoding: latin-1, delimiter: ";"}}'
        ) -%}
    {%- endif -%}
    {{ return({
        'sql': sql, 'columns': columns, 'location': location, 'problems': problems,
        'settings': settings, 'rejects': rejects,
    }) }}
{%- endmacro %}

{#- A file that cannot be read at all: no rows, the problem named. -#}
{% macro unreadable_raw(node, location, problem) -%}
    {{ return({
        'sql': none, 'columns': {}, 'location': location, 'problems': [problem],
        'settings': {}, 'rejects': none,
    }) }}
{%- endmacro %}
