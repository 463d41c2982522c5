"""The defects real exports have, injected per chunk so they occur at every scale:
exact duplicate rows and a few unusable rows (missing key, unparseable timestamp).
Everything else (row order, case, spaces, offsets, merges, late events) is made where
the data is made."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts.contract import Table

UNPARSEABLE = "not a date"
BROKEN_KEY_OFFSET = 9_000_000_000


def _column_type(table: Table, name: str) -> str:
    return table.column(name).type


def broken_rows(rng: np.random.Generator, table: Table, cols: dict[str, pa.Array],
                count: int) -> dict[str, pa.Array]:
    """Copies of `count` random rows made unusable: alternately a required key column left
    empty, or (CSV) a required timestamp written as text that is no date / (Parquet) null.
    Copies get a new key so they never collide with the row they came from."""
    n = len(next(iter(cols.values())))
    if n == 0 or count == 0:
        return {k: v.slice(0, 0) for k, v in cols.items()}
    picks = pa.array(rng.integers(0, n, count))
    out = {k: v.take(picks) for k, v in cols.items()}
    key = table.primary_key[0]
    ts_cols = [c.name for c in table.columns if c.required and c.type in ("timestamp", "date")
               and c.name not in table.primary_key]
    ts_cols = ts_cols or [c.name for c in table.columns if c.required and c.type in ("timestamp", "date")]
    other_required = [c.name for c in table.columns if c.required and c.name not in table.primary_key]
    null_key = np.arange(count) % 2 == 0
    # a fresh key for rows whose key stays set
    if len(table.primary_key) == 1:
        if _column_type(table, key) == "integer":
            fresh = pc.add(out[key], BROKEN_KEY_OFFSET)
        else:
            fresh = pc.binary_join_element_wise(out[key], "-r", "")
        out[key] = fresh
    out[key] = pc.if_else(pa.array(null_key), pa.scalar(None, out[key].type), out[key])
    bad = pa.array(~null_key)
    if ts_cols:
        col = ts_cols[0]
        if table.file_format == "csv":
            out[col] = pc.if_else(bad, pa.scalar(UNPARSEABLE), out[col])
        else:
            out[col] = pc.if_else(bad, pa.scalar(None, out[col].type), out[col])
    elif other_required:
        col = other_required[0]
        out[col] = pc.if_else(bad, pa.scalar(None, out[col].type), out[col])
    return out


def with_defects(rng: np.random.Generator, table: Table, cols: dict[str, pa.Array], *,
                 duplicate_share: float = 0.002, min_duplicates: int = 2,
                 broken: int = 2) -> list[dict[str, pa.Array]]:
    """The chunk, then exact copies of some of its rows, then a few broken rows: three
    batches the writer appends one after the other (no copy of the chunk is made)."""
    n = len(next(iter(cols.values())))
    if n == 0:
        return [cols]
    k_dup = min(n, max(min_duplicates, round(duplicate_share * n)))
    dup_idx = pa.array(np.sort(rng.integers(0, n, k_dup)))
    duplicates = {k: _plain(v).take(dup_idx) for k, v in cols.items()}
    return [cols, duplicates, broken_rows(rng, table, cols, broken)]


def _plain(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(array, pa.ChunkedArray):
        return array.combine_chunks()
    return array
