"""The definition rules are listed in four places that must agree: the steward's seed
(seeds/governance/definition_rules.csv), the registry macro, the singular tests under
tests/definitions/ and their yml meta. These checks need no warehouse."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds/governance/definition_rules.csv"
REGISTRY = ROOT / "macros/governance/definition_rule_registry.sql"
CHECK_MAP = ROOT / "macros/governance/definition_rule_check_sql.sql"
TESTS_DIR = ROOT / "tests/definitions"
TESTS_YML = TESTS_DIR / "_definitions__tests.yml"
DEFINITIONS = {"lead", "mql", "sql", "opportunity", "customer", "disqualification", "sla"}
CONFIG_CALL = re.compile(r"definition_test_config\('([A-Z]+-\d+)', '([a-z]+)'\)")


def seed_rows() -> dict[str, dict[str, str]]:
    with SEED.open(newline="") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def registry() -> dict[str, dict[str, str]]:
    entries = re.findall(
        r"'rule_id': '([A-Z]+-\d+)', 'definition': '([a-z]+)', 'test': '([a-z0-9_]+)'",
        REGISTRY.read_text(),
    )
    return {rule_id: {"definition": d, "test": t} for rule_id, d, t in entries}


def definition_test_files() -> dict[str, tuple[str, str]]:
    found = {}
    for path in TESTS_DIR.glob("*.sql"):
        match = CONFIG_CALL.search(path.read_text())
        if match:
            found[match.group(1)] = (match.group(2), path.stem)
    return found


def test_seed_is_well_formed() -> None:
    rows = seed_rows()
    assert rows, "no rules in the seed"
    for rule_id, row in rows.items():
        assert row["definition"] in DEFINITIONS, rule_id
        assert row["severity"] in ("warn", "error"), rule_id
        assert row["recorded_by"] in ("warehouse", "crm"), rule_id
        for threshold in (row["warn_if"], row["error_if"]):
            assert re.fullmatch(r"never|>=?(\d+(\.\d+)?%?|var\(\w+\))", threshold), (rule_id, threshold)
        assert len(row["statement"]) > 20 and row["owner"], rule_id


def test_default_severity_follows_who_records_the_data() -> None:
    for rule_id, row in seed_rows().items():
        expected = "error" if row["recorded_by"] == "warehouse" else "warn"
        assert row["severity"] == expected, rule_id


def test_every_rule_has_registry_entry_test_and_check() -> None:
    rows, entries, files = seed_rows(), registry(), definition_test_files()
    assert set(rows) == set(entries) == set(files)
    check_map = CHECK_MAP.read_text()
    for rule_id, entry in entries.items():
        assert entry["definition"] == rows[rule_id]["definition"]
        assert files[rule_id] == (entry["definition"], entry["test"])
        assert f"'{rule_id}': lead_lifecycle.check_" in check_map, rule_id


def test_check_macros_exist_one_per_file() -> None:
    names = re.findall(r"lead_lifecycle\.(check_[a-z0-9_]+)", CHECK_MAP.read_text())
    for name in names:
        path = ROOT / "macros/governance/checks" / f"{name}.sql"
        assert path.exists(), name
        assert f"macro {name}(" in path.read_text()


def test_yml_meta_matches_the_seed() -> None:
    rows, entries = seed_rows(), registry()
    documented = {t["name"]: t for t in yaml.safe_load(TESTS_YML.read_text())["data_tests"]}
    for rule_id, entry in entries.items():
        meta = documented[entry["test"]]["config"]["meta"]
        row = rows[rule_id]
        assert meta == {
            "rule_id": rule_id,
            "definition": row["definition"],
            "statement": row["statement"],
            "owner": row["owner"],
            "severity": row["severity"],
        }, rule_id
        slug = rule_id.lower().replace("-", "_")
        assert documented[entry["test"]]["description"] == f"{{{{ doc('rule_{slug}') }}}}"
