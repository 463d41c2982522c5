"""Chunked writers that enforce the raw contract: the file set, column names and order,
one physical type per logical type. Data arrives as dicts of Arrow arrays per chunk.
The demo exports carry no optional contract columns (see `exported_columns`), as a
default CRM export would not: tests cover those columns with hand-made exports."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scripts.contract import Table

# Physical Arrow type of each logical contract type, per file format. CSV timestamps
# and dates are pre-formatted text (ISO 8601, some with offsets, a few unparseable).
_CSV_TYPES = {
    "string": pa.string(), "integer": pa.int64(), "decimal": pa.float64(),
    "boolean": pa.bool_(), "timestamp": pa.string(), "epoch_ms": pa.int64(), "date": pa.string(),
}
_PARQUET_TYPES = {
    "string": pa.string(), "integer": pa.int64(), "decimal": pa.float64(),
    "boolean": pa.bool_(), "timestamp": pa.timestamp("ms", tz="UTC"), "epoch_ms": pa.int64(),
    "date": pa.date32(),
}
PARQUET_ROW_GROUP = 500_000


def exported_columns(table: Table) -> list[str]:
    """The columns the demo export of a table has: every non-optional contract column."""
    return [c.name for c in table.columns if not c.optional]


def arrow_schema(table: Table) -> pa.Schema:
    types = _CSV_TYPES if table.file_format == "csv" else _PARQUET_TYPES
    return pa.schema([pa.field(c.name, types[c.type]) for c in table.columns if not c.optional])


class TableWriter:
    """Appends chunks to <out>/<source>/<name>.<csv|parquet>; counts rows written."""

    def __init__(self, out_dir: Path, table: Table) -> None:
        self.table = table
        self.schema = arrow_schema(table)
        self.path = out_dir / table.relative_path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        if table.file_format == "csv":
            self._writer: pacsv.CSVWriter | pq.ParquetWriter = pacsv.CSVWriter(
                str(self.path), self.schema,
                write_options=pacsv.WriteOptions(quoting_style="needed"),
            )
        else:
            # dictionary-encode the repetitive text columns only (not the random ids)
            dictionary = [c.name for c in table.columns if c.type == "string"
                          and c.name not in ("id", "anonymous_id", "url", "context_page_url")]
            self._writer = pq.ParquetWriter(
                str(self.path), self.schema, compression="zstd", compression_level=1,
                use_dictionary=dictionary, write_statistics=True,
            )

    def write(self, columns: dict[str, pa.Array]) -> None:
        expected = exported_columns(self.table)
        if set(columns) != set(expected):
            missing = sorted(set(expected) - set(columns))
            extra = sorted(set(columns) - set(expected))
            raise ValueError(f"{self.table.relative_path}: missing {missing}, extra {extra}")
        arrays = [pa.array(columns[name]) if not isinstance(columns[name], pa.Array)
                  else columns[name] for name in expected]
        batch = pa.Table.from_arrays(arrays, names=expected).cast(self.schema)
        if batch.num_rows == 0:
            return
        if isinstance(self._writer, pq.ParquetWriter):
            self._writer.write_table(batch, row_group_size=PARQUET_ROW_GROUP)
        else:
            self._writer.write_table(batch)
        self.rows += batch.num_rows

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
