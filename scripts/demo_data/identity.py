"""Names, company names, domains, emails and phones as Arrow string arrays (vectorised)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts.demo_data import catalog as cat
from scripts.demo_data.ids import concat, digits, take
from scripts.demo_data.population import Companies, Persons

EMAIL_WORK, EMAIL_PERSONAL, EMAIL_INITIAL = range(3)


def _number_suffix(numbers: np.ndarray, separator: str = "") -> pa.Array:
    """'' where number is 0, else separator + (number + 1)."""
    text = pc.cast(pa.array(np.asarray(numbers, np.int64) + 1), pa.string())
    with_sep = concat(separator, text) if separator else text
    return pc.if_else(pa.array(np.asarray(numbers) > 0), with_sep, "")


def company_names(companies: Companies, idx: np.ndarray) -> pa.Array:
    return concat(
        take(cat.COMPANY_PREFIX, companies.prefix[idx]),
        take(cat.COMPANY_CORE, companies.core[idx]),
        _number_suffix(companies.domain_number[idx], " "),
        take(cat.COMPANY_SUFFIX, companies.suffix[idx]),
    )


def company_domains(companies: Companies, idx: np.ndarray) -> pa.Array:
    return concat(
        pc.utf8_lower(take(cat.COMPANY_PREFIX, companies.prefix[idx])),
        take(cat.COMPANY_CORE, companies.core[idx]),
        _number_suffix(companies.domain_number[idx]),
        take(cat.COMPANY_TLD, companies.country[idx]),
    )


def emails(persons: Persons, companies: Companies, variant: int) -> pa.Array:
    """Clean (lower-case) email of each person in the slice for one record variant."""
    n = persons.n
    first = take(cat.FIRST_SLUGS, persons.first)
    last = take(cat.LAST_SLUGS, persons.last)
    personal_domain = take(cat.PERSONAL_DOMAINS, persons.email_number % len(cat.PERSONAL_DOMAINS))
    number = pc.cast(pa.array(persons.email_number), pa.string())
    personal = concat(first, ".", last, number, "@", personal_domain)
    if variant == EMAIL_PERSONAL:
        return concat(first, last, number, "@", personal_domain)
    comp = np.maximum(persons.company, 0)
    domain = company_domains(companies, comp)
    rank = _number_suffix(persons.email_rank)
    if variant == EMAIL_INITIAL:
        work = concat(take(cat.FIRST_INITIALS, persons.first), last, rank, "@", domain)
    else:
        work = concat(first, ".", last, rank, "@", domain)
    use_personal = pa.array(persons.personal_email | (persons.company < 0))
    del n
    return pc.if_else(use_personal, personal, work)


def messy(rng: np.random.Generator, clean: pa.Array, share: float = 0.12) -> pa.Array:
    """Emails as people type them: some capitalised or upper-case, some with spaces."""
    n = len(clean)
    draw = rng.random(n)
    out = pc.if_else(pa.array(draw < share * 0.6), pc.utf8_capitalize(clean), clean)
    out = pc.if_else(pa.array((draw >= share * 0.6) & (draw < share * 0.8)), pc.utf8_upper(clean), out)
    spaced = (draw >= share * 0.8) & (draw < share)
    return pc.if_else(pa.array(spaced), concat(" ", out, "  "), out)


def first_names(persons: Persons) -> pa.Array:
    return take(cat.FIRST_NAMES, persons.first)


def last_names(persons: Persons) -> pa.Array:
    return take(cat.LAST_NAMES, persons.last)


def full_names(persons: Persons) -> pa.Array:
    return concat(first_names(persons), " ", last_names(persons))


def phones(rng: np.random.Generator, persons: Persons) -> pa.Array:
    """Free-format phone numbers: '+49 151 2345678', '+4915123456789', '(0151) 234-5678'."""
    n = persons.n
    prefix = take(cat.COUNTRY_PHONE_PREFIX, persons.country)
    number = digits(rng, n, 9)
    spaced = concat(prefix, " ", pc.utf8_slice_codeunits(number, 0, 3), " ",
                    pc.utf8_slice_codeunits(number, 3, 9))
    compact = concat(prefix, number)
    local = concat("(0", pc.utf8_slice_codeunits(number, 0, 3), ") ",
                   pc.utf8_slice_codeunits(number, 3, 6), "-", pc.utf8_slice_codeunits(number, 6, 9))
    style = rng.integers(0, 3, n)
    out = pc.if_else(pa.array(style == 0), spaced, compact)
    return pc.if_else(pa.array(style == 2), local, out)


def job_titles(persons: Persons) -> pa.Array:
    return take(cat.JOB_TITLE_NAMES, persons.title)


def countries(persons: Persons) -> pa.Array:
    return take(cat.COUNTRIES, persons.country)
