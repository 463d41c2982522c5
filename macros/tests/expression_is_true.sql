{#-
    Fails with every row for which the SQL boolean `expression` is not true
    (false or null). `where` narrows the rows checked, as with any dbt test config.
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
