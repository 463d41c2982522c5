"""No mart column holds personal data, judged by the values, not only the column names.

On the built test warehouse, every text value of every mart (the schema BI tools read)
is checked: none looks like an e-mail address or a phone number, and none is the name,
first name or last name of a CRM contact or user (taken from staging, where they are).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "warehouse" / "lead_lifecycle_ci.duckdb"
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}$")


@pytest.fixture(scope="module")
def con():
    path = Path(os.environ.get("LEAD_LIFECYCLE_MARTS_DB", DEFAULT_DB))
    if not path.exists():
        pytest.skip(f"warehouse {path} not built (run `make test`)")
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def mart_text_values(con) -> dict[tuple[str, str], set[str]]:
    columns = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' and data_type = 'VARCHAR'"
    ).fetchall()
    assert columns, "no text columns in the marts"
    return {
        (table, column): {
            row[0] for row in con.execute(
                f'select distinct "{column}" from marts."{table}" where "{column}" is not null'
            ).fetchall()
        }
        for table, column in columns
    }


def person_names(con) -> set[str]:
    rows = con.execute(
        """
        select first_name, last_name from staging.stg_crm__contacts
        union all
        select first_name, last_name from staging.stg_crm__users
        """
    ).fetchall()
    names: set[str] = set()
    for first, last in rows:
        parts = [part.strip() for part in (first, last) if part and part.strip()]
        names.update(part.lower() for part in parts if len(part) > 2)
        if len(parts) == 2:
            names.add(" ".join(parts).lower())
    assert names, "no person names in staging to check against"
    return names


def test_no_mart_value_is_an_email_or_a_phone_number(con) -> None:
    found = {
        key: sorted(value for value in values if EMAIL.search(value) or (
            PHONE.match(value) and sum(c.isdigit() for c in value) >= 7
        ))[:3]
        for key, values in mart_text_values(con).items()
    }
    assert {key: values for key, values in found.items() if values} == {}


def test_no_mart_value_is_a_person_name(con) -> None:
    names = person_names(con)
    found = {
        key: sorted(value for value in values if value.strip().lower() in names)[:3]
        for key, values in mart_text_values(con).items()
    }
    assert {key: values for key, values in found.items() if values} == {}


def test_the_checks_catch_personal_data(con) -> None:
    """The patterns are not blind: real contact e-mails, phones and names match."""
    row = con.execute(
        "select email, phone, first_name || ' ' || last_name from staging.stg_crm__contacts "
        "where email is not null and phone is not null and first_name is not null "
        "and last_name is not null limit 1"
    ).fetchone()
    assert row is not None
    email, phone, name = row
    assert EMAIL.search(email)
    assert PHONE.match(phone) and sum(c.isdigit() for c in phone) >= 7
    assert name.lower() in person_names(con)
