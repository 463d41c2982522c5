"""The report of scripts/import_exports.py: every finding of one import, by severity, and
the row counts per contract table. Rendered as Markdown (stdout, --report FILE)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR, VALUES, WARNING, NOTE = "error", "values", "warning", "note"


@dataclass(frozen=True)
class Finding:
    """One line of the report: how serious, about which contract table, what to do."""

    severity: str  # error | values | warning | note
    table: str
    message: str
    blocks: bool = False  # a VALUES finding the mapping refuses (on_unmapped_value: error)


@dataclass
class TableResult:
    name: str
    origin: str  # mapping file, 'as-is', or 'empty'
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_mapped: int = 0
    duplicates_removed: int = 0
    superseded: int = 0
    rows_written: int = 0


@dataclass
class ImportReport:
    mapping_files: list[Path]
    src: Path
    out: Path
    findings: list[Finding] = field(default_factory=list)
    tables: list[TableResult] = field(default_factory=list)
    written: bool = False

    def add(self, severity: str, table: str, message: str, blocks: bool = False) -> None:
        finding = Finding(severity, table, message, blocks)
        if finding not in self.findings:
            self.findings.append(finding)

    def of(self, severity: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == severity]

    @property
    def problems(self) -> list[Finding]:
        return self.of(ERROR) + [finding for finding in self.of(VALUES) if finding.blocks]

    def table(self, name: str) -> TableResult:
        return next(result for result in self.tables if result.name == name)

    def render(self) -> str:
        mappings = ", ".join(str(path) for path in self.mapping_files) or "(none)"
        lines = [f"Import of {self.src} with {mappings}", ""]
        if self.problems:
            lines.append(f"NOTHING WRITTEN: {len(self.problems)} problem(s) to fix first.")
        elif self.written:
            lines.append(f"Written to {self.out}.")
        else:
            lines.append("Checked only (--check): nothing written.")
        sections = (
            (ERROR, "Problems (fix these; nothing is written until they are fixed)"),
            (VALUES, "Values without a mapping line (add a line under the column's `values:`)"),
            (WARNING, "Warnings (columns written empty, rows staging will quarantine)"),
            (NOTE, "Notes"),
        )
        for severity, title in sections:
            found = self.of(severity)
            if found:
                lines += ["", f"## {title}"]
                lines += [f"- {finding.table}: {'[blocks] ' if finding.blocks else ''}{finding.message}"
                          for finding in found]
        lines += ["", "## Tables", "",
                  "| table | from | files | rows read | duplicates removed | superseded by a later file | rows |",
                  "|---|---|---:|---:|---:|---:|---:|"]
        for result in self.tables:
            lines.append(f"| {result.name} | {result.origin} | {len(result.files)} | {result.rows_read} "
                         f"| {result.duplicates_removed} | {result.superseded} | {result.rows_written} |")
        return "\n".join(lines) + "\n"
