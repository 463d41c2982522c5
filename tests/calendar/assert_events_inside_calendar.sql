{{
    config(
        severity='warn',
        fail_calc='coalesce(sum(rows_outside_calendar), 0)',
        tags=['calendar'],
        meta={
            'checks': 'Rows dated outside an explicitly set calendar window (vars funnel_start_date / funnel_end_date); the warning gives how many'
        }
    )
}}

-- The calendar follows the data unless funnel_start_date / funnel_end_date are set.
-- When they are, rows dated outside the window still count in the lead-level marts
-- but fall out of every daily and calendar figure: this test warns with the number of
-- such rows (dbt's "Got N results" is the row count), one line per dated column.
select
    event_source,
    rows_before_calendar_count,
    rows_after_calendar_count,
    rows_before_calendar_count + rows_after_calendar_count as rows_outside_calendar
from {{ ref('int_event_dates_profiled') }}
where rows_before_calendar_count + rows_after_calendar_count > 0
