"""The committed sources yml and contract-table macro equal what the contract renders."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts import render_sources
from scripts.contract import CONTRACT, SOURCES


def test_committed_files_equal_rendered() -> None:
    for path, rendered in render_sources.rendered_files().items():
        assert path.exists(), f"{path} is missing: run python -m scripts.render_sources"
        assert path.read_text(encoding="utf-8") == rendered, (
            f"{path} differs from scripts/contract.py: run python -m scripts.render_sources"
        )


def test_check_mode_reports_a_hand_edit(tmp_path: Path) -> None:
    assert render_sources.main(["--root", str(tmp_path)]) == 0
    assert render_sources.main(["--root", str(tmp_path), "--check"]) == 0
    path = render_sources.source_path("crm", tmp_path)
    path.write_text(path.read_text().replace("Primary key.", "Key."), encoding="utf-8")
    assert render_sources.main(["--root", str(tmp_path), "--check"]) == 1


def test_every_contract_table_and_column_is_described() -> None:
    for source in SOURCES:
        document = yaml.safe_load(render_sources.render_source(source))
        (rendered_source,) = document["sources"]
        assert rendered_source["schema"] == "raw"
        rendered_tables = {table["name"]: table for table in rendered_source["tables"]}
        contract_tables = [table for table in CONTRACT if table.source == source]
        assert set(rendered_tables) == {table.name for table in contract_tables}
        for table in contract_tables:
            rendered = rendered_tables[table.name]
            meta = rendered["config"]["meta"]
            assert rendered["identifier"] == f"{source}__{table.name}"
            assert meta["file_path"] == table.relative_path
            assert meta["primary_key"] == list(table.primary_key)
            assert table.relative_path in meta["external_location"]
            assert "LEAD_LIFECYCLE_RAW_DIR" in meta["external_location"]
            if table.file_format == "csv":
                assert "all_varchar = true" in meta["external_location"]
            assert [column["name"] for column in rendered["columns"]] == table.column_names
            for column, contract_column in zip(rendered["columns"], table.columns):
                assert column["description"].startswith(contract_column.description)
                column_meta = column["config"]["meta"]
                assert column_meta["logical_type"] == contract_column.type
                assert column_meta["required"] is contract_column.required
                assert column_meta["is_primary_key"] is (contract_column.name in table.primary_key)
                if contract_column.accepted_values:
                    assert column_meta["accepted_values"] == list(contract_column.accepted_values)


def test_tables_macro_lists_every_contract_table_with_its_staging_model() -> None:
    text = render_sources.render_tables_macro()
    for table in CONTRACT:
        assert f"'model': 'stg_{table.source}__{table.name}'" in text
        model = Path(render_sources.REPO_ROOT, "models", "staging", table.source,
                     f"stg_{table.source}__{table.name}.sql")
        assert model.exists(), f"no staging model for {table.relative_path}"
