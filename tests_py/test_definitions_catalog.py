"""A definition rule is five things tied together by name, with no list to keep in step:
the steward's seed row (seeds/governance/definition_rules.csv), the singular test
tests/definitions/<rule>_<nn>_<what>.sql, the check macro check_<test name> it calls
(which fct_definition_compliance also runs), the test's yml entry and the doc block
rule_<rule>_<nn>. These checks need no warehouse."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds/governance/definition_rules.csv"
TESTS_DIR = ROOT / "tests/definitions"
TESTS_YML = TESTS_DIR / "_definitions__tests.yml"
CHECKS_DIR = ROOT / "macros/governance/checks"
DOCS = ROOT / "models/docs/governance.md"
DEFINITIONS = {"lead", "mql", "sql", "opportunity", "customer", "disqualification", "sla"}
CONFIG_CALL = re.compile(r"definition_test_config\('([A-Z]+-\d+)', '([a-z]+)'\)")
EVALUATE_CALL = re.compile(
    r"evaluate_definition_rule\(\s*'([A-Z]+-\d+)',\s*lead_lifecycle\.(check_[a-z0-9_]+)\(\)"
)
RULE_NAME = re.compile(r"([a-z]+)_(\d+)_[a-z0-9_]+")


def seed_rows() -> dict[str, dict[str, str]]:
    with SEED.open(newline="") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def rule_id_of(name: str) -> str:
    """mql_01_definition_mqls_met_bar -> MQL-01 (what fct_definition_compliance reads)."""
    match = RULE_NAME.fullmatch(name)
    assert match, f"{name}: a definition test is named <rule>_<nn>_<what it checks>"
    return f"{match.group(1).upper()}-{match.group(2)}"


def definition_tests() -> dict[str, Path]:
    """Rule id -> test file, for every test under tests/definitions/ that is a rule."""
    found: dict[str, Path] = {}
    for path in sorted(TESTS_DIR.glob("*.sql")):
        if "definition_test_config" in path.read_text():
            rule_id = rule_id_of(path.stem)
            assert rule_id not in found, f"two tests for {rule_id}: {found[rule_id].name}, {path.name}"
            found[rule_id] = path
    return found


def test_seed_is_well_formed() -> None:
    rows = seed_rows()
    assert rows, "no rules in the seed"
    for rule_id, row in rows.items():
        assert re.fullmatch(r"[A-Z]+-\d{2}", rule_id), rule_id
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


def test_every_seed_rule_has_a_test_and_every_test_a_seed_rule() -> None:
    assert set(definition_tests()) == set(seed_rows())


def test_each_test_names_its_rule_and_calls_its_own_check() -> None:
    rows = seed_rows()
    for rule_id, path in definition_tests().items():
        text = path.read_text()
        config, evaluate = CONFIG_CALL.search(text), EVALUATE_CALL.search(text)
        assert config and evaluate, f"{path.name}: config + evaluate_definition_rule(check) expected"
        assert config.group(1) == evaluate.group(1) == rule_id, path.name
        assert config.group(2) == rows[rule_id]["definition"], path.name
        assert evaluate.group(2) == f"check_{path.stem}", path.name


def test_check_macros_are_the_tests_checks_one_per_file() -> None:
    """fct_definition_compliance runs every macro named check_<rule>_<nn>_...: each must
    be a test's check, or the mart would count a rule no test enforces."""
    tests = {f"check_{path.stem}" for path in definition_tests().values()}
    checks = set()
    for path in CHECKS_DIR.glob("check_*.sql"):
        assert re.search(rf"macro {path.stem}\(\)", path.read_text()), path.name
        checks.add(path.stem)
    assert checks == tests
    defined = re.findall(r"macro (check_[a-z]+_\d+_[a-z0-9_]*)\(", "".join(
        p.read_text() for p in (ROOT / "macros").rglob("*.sql")
    ))
    assert sorted(defined) == sorted(tests), "a check macro outside macros/governance/checks/"


def test_yml_entry_and_doc_block_for_every_rule() -> None:
    documented = {t["name"]: t for t in yaml.safe_load(TESTS_YML.read_text())["data_tests"]}
    docs = set(re.findall(r"\{% docs (rule_[a-z0-9_]+) %\}", DOCS.read_text()))
    for rule_id, path in definition_tests().items():
        slug = rule_id.lower().replace("-", "_")
        assert documented[path.stem]["description"] == f"{{{{ doc('rule_{slug}') }}}}", path.name
        assert f"rule_{slug}" in docs, rule_id
    assert set(documented) == {p.stem for p in definition_tests().values()}
