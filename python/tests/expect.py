"""What the Arrow column should hold for an assessment in the library's serde form."""

from __future__ import annotations

import math
import struct

SERDE_KEYS = {"score", "level", "dimensions", "concerns", "evidence", "evidence_truncated", "suggestions", "words", "readability"}
CUSTOMER_KEYS = {"emotions", "evidence", "responsiveness", "reflection", "need", "content_words", "unmet", "name"}
EVIDENCE_KEYS = {"kind", "span", "text", "source", "cue", "base_weight", "weight", "rules", "overlaps"}


def f32(x: float) -> float:
    """The float32 nearest to x, as a Python float (what Arrow and Spark FloatType hold)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def _evidence(e: dict) -> dict:
    assert set(e) == EVIDENCE_KEYS, f"the crate's Evidence has new fields: {set(e) ^ EVIDENCE_KEYS}"
    return {
        "kind": e["kind"],
        "start": e["span"]["start"],
        "end": e["span"]["end"],
        "text": e["text"],
        "source": e["source"],
        "cue": e["cue"],
        "weight": f32(e["weight"]),
        "base_weight": f32(e["base_weight"]),
        "rules": list(e["rules"]),
        "overlaps": e["overlaps"],
    }


def arrow_row(a: dict | None) -> dict | None:
    """The row of Scorer.score_arrow's column for an assessment dict (None for a null row)."""
    if a is None:
        return None
    keys = set(a) - {"customer"}
    assert keys == SERDE_KEYS, f"the crate's Assessment has changed: {keys ^ SERDE_KEYS}"
    row = {"score": f32(a["score"]), "level": a["level"]}
    row.update({k: f32(v) for k, v in a["dimensions"].items()})
    row.update({k: f32(v) for k, v in a["concerns"].items()})
    row["words"] = a["words"]
    row["readability"] = a["readability"]
    row["evidence_truncated"] = a["evidence_truncated"]
    row["suggestions"] = [s["code"] for s in a["suggestions"]]
    row["evidence"] = [_evidence(e) for e in a["evidence"]]
    c = a.get("customer")
    if c is None:
        row["customer"] = None
    else:
        assert set(c) == CUSTOMER_KEYS, f"the crate's CustomerContext has changed: {set(c) ^ CUSTOMER_KEYS}"
        row["customer"] = {
            "emotions": {k: f32(v) for k, v in c["emotions"].items()},
            "evidence": [_evidence(e) for e in c["evidence"]],
            "responsiveness": f32(c["responsiveness"]),
            "reflection": f32(c["reflection"]),
            "need": f32(c["need"]),
            "content_words": c["content_words"],
            "unmet": list(c["unmet"]),
            "name": c["name"],
        }
    return row


def floats_as_f32(value):
    """Every float in a JSON-like value rounded to float32 (to compare f32 data printed
    through f64, as serde_json's Value does, with its shortest f32 decimal)."""
    if isinstance(value, float):
        return value if math.isnan(value) else f32(value)
    if isinstance(value, dict):
        return {k: floats_as_f32(v) for k, v in value.items()}
    if isinstance(value, list):
        return [floats_as_f32(v) for v in value]
    return value


def first_difference(a, b, path="$"):
    """Where two JSON-like values first differ, for a readable failure."""
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only on one side"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"
