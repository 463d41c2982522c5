"""Seeded random generators and vectorised formatting of ids, timestamps and strings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# two hex characters per byte value, as one uint16 whose memory holds them in order
_HEX_PAIRS = np.frombuffer(b"".join(f"{b:02x}".encode() for b in range(256)), dtype=np.uint16)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def rng_for(seed: int, *keys: int) -> np.random.Generator:
    """An independent generator for one (table, chunk) so chunks are reproducible alone."""
    return np.random.default_rng(np.random.SeedSequence([seed, *keys]))


def mix64(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a bijection on uint64 that scatters consecutive integers."""
    x = values.astype(np.uint64, copy=True)
    x ^= x >> np.uint64(30)
    x *= _M1
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return x


def fixed_width_strings(chars: np.ndarray) -> pa.StringArray:
    """An (n, width) uint8 matrix of ASCII characters as an Arrow string array."""
    n, width = chars.shape
    offsets = (np.arange(n + 1, dtype=np.int64) * width).astype(np.int64)
    data = np.ascontiguousarray(chars).tobytes()
    return pa.Array.from_buffers(pa.large_string(), n, [None, pa.py_buffer(offsets),
                                                        pa.py_buffer(data)]).cast(pa.string())


def uuid_strings(index: np.ndarray, salt: int, seed: int = 0) -> pa.StringArray:
    """UUID-looking ids, unique per (index, salt) for index < 2**40, stable for a seed."""
    idx = np.asarray(index, dtype=np.uint64)
    hi = mix64(idx + np.uint64(salt) * np.uint64(1 << 40) + np.uint64(seed) * np.uint64(1 << 52))
    lo = mix64(hi ^ _GOLDEN)
    raw = np.stack([hi, lo], axis=1).view(np.uint8).reshape(len(idx), 16)
    chars = _HEX_PAIRS[raw].view(np.uint8).reshape(len(idx), 32)
    out = np.full((len(idx), 36), ord("-"), dtype=np.uint8)
    out[:, 0:8] = chars[:, 0:8]
    out[:, 9:13] = chars[:, 8:12]
    out[:, 14] = ord("4")
    out[:, 15:18] = chars[:, 13:16]
    out[:, 19:23] = chars[:, 16:20]
    out[:, 24:36] = chars[:, 20:32]
    return fixed_width_strings(out)


def take(values: Sequence[str | None], index: np.ndarray,
         null_mask: np.ndarray | None = None) -> pa.Array:
    """values[index] as an Arrow string array; rows where null_mask is true are null."""
    idx = pa.array(np.asarray(index, dtype=np.int64), mask=null_mask)
    return pa.array(list(values), pa.string()).take(idx)


def iso_timestamps(ms: np.ndarray, offset_mask: np.ndarray | None = None,
                   null_mask: np.ndarray | None = None) -> pa.Array:
    """Epoch milliseconds as ISO 8601 text: 'Z' by default, '+01:00' local time where
    offset_mask is true (the same instant, written as the CRM portal's time zone)."""
    ms = np.asarray(ms, dtype=np.int64)
    if offset_mask is None:
        offset_mask = np.zeros(len(ms), dtype=bool)
    shifted = ms + offset_mask.astype(np.int64) * 3_600_000
    text = pc.strftime(pa.array(shifted, pa.timestamp("ms")), format="%Y-%m-%dT%H:%M:%S")
    suffix = take(("Z", "+01:00"), offset_mask.astype(np.int64))
    out = pc.binary_join_element_wise(text, suffix, "")
    if null_mask is not None and null_mask.any():
        out = pc.if_else(pa.array(null_mask), pa.scalar(None, pa.string()), out)
    return out


def iso_dates(ms: np.ndarray) -> pa.Array:
    return pc.strftime(pa.array(np.asarray(ms, dtype=np.int64), pa.timestamp("ms")),
                       format="%Y-%m-%d")


def utc_timestamps(ms: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Epoch milliseconds as a typed Parquet timestamp (UTC)."""
    return pa.array(np.asarray(ms, dtype=np.int64), pa.timestamp("ms", tz="UTC"), mask=null_mask)


def concat(*parts: pa.Array | str) -> pa.Array:
    """Element-wise string concatenation of arrays and literals (nulls propagate)."""
    return pc.binary_join_element_wise(*parts, "")


def int_array(values: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), pa.int64(), mask=null_mask)


def digits(rng: np.random.Generator, n: int, width: int) -> pa.Array:
    """n random strings of `width` decimal digits."""
    chars = rng.integers(ord("0"), ord("9") + 1, size=(n, width), dtype=np.uint8)
    return fixed_width_strings(chars)


def anonymous_ids(visitor_index: np.ndarray, seed: int) -> pa.StringArray:
    """The cookie id of a browser (visitor index), shared by web tables and form hutk."""
    return uuid_strings(visitor_index, salt=1, seed=seed)
