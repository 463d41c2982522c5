{#-
    Prints one JSON line "MART_FINGERPRINT {...}" describing every mart table, the
    same way on every engine, so scripts/engines.py can compare the marts of two
    engines built from the same raw data:
      rows                 row count
      <column>.non_null    non-null values
      <column>.distinct    distinct values (not for fractional numbers, whose type
                           differs: double on DuckDB, numeric on PostgreSQL)
      <column>.sum         sum as a double (numeric columns)
      <column>.true        true values (boolean columns)
      <column>.min / .max  earliest / latest value as text (date and time columns)
    dbt run-operation mart_fingerprint
-#}
{% macro mart_fingerprint() -%}
    {%- set fingerprint = {} -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.fqn[1] == 'marts'
        and node.config.materialized != 'ephemeral' -%}
        {%- set relation = adapter.get_relation(
            database=node.database, schema=node.schema, identifier=node.alias
        ) -%}
        {%- if relation is none -%}
            {%- do fingerprint.update({node.name: none}) -%}
        {%- else -%}
            {%- set measures = [] -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- set name = column.name | lower -%}
                {%- set quoted = adapter.quote(column.name) -%}
                {%- set dtype = column.dtype | lower -%}
                {%- do measures.append((name ~ '.non_null', 'count(' ~ quoted ~ ')')) -%}
                {%- if 'bool' in dtype -%}
                    {%- do measures.append((name ~ '.true',
                        'sum(case when ' ~ quoted ~ ' then 1 else 0 end)')) -%}
                {%- elif 'date' in dtype or 'time' in dtype -%}
                    {%- do measures.append((name ~ '.distinct', 'count(distinct ' ~ quoted ~ ')')) -%}
                    {%- do measures.append((name ~ '.min',
                        'cast(min(' ~ quoted ~ ') as ' ~ dbt.type_string() ~ ')')) -%}
                    {%- do measures.append((name ~ '.max',
                        'cast(max(' ~ quoted ~ ') as ' ~ dbt.type_string() ~ ')')) -%}
                {%- elif 'int' in dtype or 'dec' in dtype or 'numeric' in dtype
                    or 'double' in dtype or 'float' in dtype or 'real' in dtype -%}
                    {%- if 'int' in dtype -%}
                        {%- do measures.append((name ~ '.distinct',
                            'count(distinct ' ~ quoted ~ ')')) -%}
                    {%- endif -%}
                    {%- do measures.append((name ~ '.sum',
                        'sum(cast(' ~ quoted ~ ' as ' ~ lead_lifecycle.type_double() ~ '))')) -%}
                {%- else -%}
                    {%- do measures.append((name ~ '.distinct', 'count(distinct ' ~ quoted ~ ')')) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set select_items = ['count(*) as m0'] -%}
            {%- for measure in measures -%}
                {%- do select_items.append(measure[1] ~ ' as m' ~ loop.index) -%}
            {%- endfor -%}
            {%- set result = run_query('select ' ~ select_items | join(', ') ~ ' from ' ~ relation) -%}
            {%- set values = result.rows[0] -%}
            {%- set table = {'rows': values[0] | int} -%}
            {%- for measure in measures -%}
                {%- set value = values[loop.index] -%}
                {%- if value is not none and measure[0].endswith('.sum') -%}
                    {%- set value = value | float -%}
                {%- elif value is not none and (measure[0].endswith('.min') or measure[0].endswith('.max')) -%}
                    {%- set value = value | string -%}
                {%- elif value is not none -%}
                    {%- set value = value | int -%}
                {%- endif -%}
                {%- do table.update({measure[0]: value}) -%}
            {%- endfor -%}
            {%- do fingerprint.update({node.name: table}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ print('MART_FINGERPRINT ' ~ tojson(fingerprint)) }}
{%- endmacro %}
