{{
    config(
        severity='warn',
        fail_calc='coalesce(sum(implausible_row_count), 0)',
        tags=['calendar'],
        meta={
            'checks': 'Rows dated before var plausible_first_date or later than today + var plausible_future_days; they stay out of the calendar'
        }
    )
}}

-- An event dated 1970 (epoch seconds read as milliseconds) or 2099 (a typo) would
-- stretch the calendar over decades of empty days. Such dates stay out of dim_dates;
-- this test warns with the number of rows that carry one, one line per dated column.
select
    event_source,
    first_event_date,
    last_event_date,
    implausible_row_count
from {{ ref('int_event_dates_profiled') }}
where implausible_row_count > 0
