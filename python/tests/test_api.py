"""The Python API itself: bad cells, errors, inputs of every shape, the GIL, pickling, stubs."""

from __future__ import annotations

import datetime as dt
import math
import pickle
import threading
import time
from pathlib import Path

import pyarrow as pa
import pytest

import empathy
from expect import arrow_row

WARM = "I'm so sorry your order arrived damaged. I've sent a replacement by express, it will be with you tomorrow."
COLD = "Calm down. It's our policy."
ANGRY = "This is the THIRD time my order is late. I'm furious!"

CUSTOM = """
[lexicon]
format = 1

[[cues]]
kind = "acknowledgment"
weight = 0.9
entries = ["(what a|such a) (wobbly|squiggly) (pickle|kerfuffle)"]
"""

CUSTOM_TEXT = "Oh, what a wobbly kerfuffle for you."


def test_score_is_the_serde_schema(scorer):
    a = scorer.score(WARM)
    assert set(a) == {"score", "level", "dimensions", "concerns", "evidence", "evidence_truncated", "suggestions", "words", "readability"}
    assert a["readability"] == "readable" and scorer.score("")["readability"] == "empty"
    # The level cuts are calibrated on real replies (data/lexicon/en.toml levels); the score is the contract.
    assert a["level"] in ("moderate", "high") and a["score"] > 60
    assert set(a["dimensions"]) == {"acknowledgment", "understanding", "exploration", "ownership", "reassurance", "personalization"}
    e = a["evidence"][0]
    assert set(e) == {"kind", "span", "text", "source", "cue", "base_weight", "weight", "rules", "overlaps"}
    assert WARM.encode()[e["span"]["start"] : e["span"]["end"]].decode() == e["text"]
    assert e["source"] == "cue" and e["cue"] and e["overlaps"] is False
    r = scorer.score(COLD, ANGRY)
    assert r["level"] == "low"
    assert r["customer"]["emotions"]["anger"] > 0 and r["customer"]["unmet"]


def test_floats_are_shortest_f32_decimals(scorer):
    # 0.65 as an f32 is 0.64999997615814208984375; the crate prints it as 0.65.
    weights = [e["base_weight"] for e in scorer.score(WARM)["evidence"]]
    assert all(len(repr(w)) <= 12 for w in weights), weights


@pytest.mark.parametrize("cell", [None, math.nan, float("nan"), 3, 2.5, b"bytes", ["a"], {"text": "a"}, True])
def test_non_string_cells_give_none(scorer, cell):
    assert scorer.score(cell) is None
    assert scorer.score_batch([cell, WARM, cell])[::2] == [None, None]
    col = scorer.score_arrow([cell, WARM, cell])
    assert col.null_count == 2 and col.is_valid().to_pylist() == [False, True, False]
    assert col.to_pylist()[1] == arrow_row(scorer.score(WARM))


def test_non_string_customer_scores_the_reply_alone(scorer):
    alone = scorer.score(COLD)
    for c in (None, math.nan, 7):
        assert scorer.score(COLD, c) == alone
    assert scorer.score_batch([COLD, COLD], [None, ANGRY]) == [alone, scorer.score(COLD, ANGRY)]
    rows = scorer.score_arrow(pa.array([COLD, COLD]), pa.array([None, ANGRY])).to_pylist()
    assert rows == [arrow_row(alone), arrow_row(scorer.score(COLD, ANGRY))]


def test_odd_strings_do_not_raise(scorer):
    odd = ["", " ", "😡😡😡🙏", "\x00\x01\x02", "مرحبا، آسف جدا", "e\u0301" * 50, "\ud800 lone surrogate", "!" * 10_000]
    for text in odd:
        assert scorer.score(text) is not None
        assert scorer.score(WARM, text) is not None
    assert None not in scorer.score_batch(odd)
    assert scorer.score_arrow(odd).null_count == 0
    big = "I'm so sorry to hear that. " * 40_000  # ~1 MB
    a = scorer.score(big)
    assert a["words"] > 200_000 and a["evidence_truncated"]


def test_inputs_of_every_shape(scorer):
    texts = [WARM, None, COLD]
    want = [arrow_row(scorer.score(t)) for t in texts]
    import numpy as np
    import pandas as pd

    shapes = [
        texts,
        tuple(texts),
        pa.array(texts),
        pa.array(texts, pa.large_string()),
        pa.array(texts, pa.string_view()),
        pa.chunked_array([pa.array(texts[:1]), pa.array([], pa.string()), pa.array(texts[1:])]),
        pa.array(texts).dictionary_encode(),
        pd.Series([WARM, np.nan, COLD]),
        np.array(texts, dtype=object),
    ]
    for shape in shapes:
        assert scorer.score_arrow(shape).to_pylist() == want, type(shape)
        assert [arrow_row(a) for a in scorer.score_batch(shape)] == want, type(shape)
    assert scorer.score_arrow(pa.array([1, 2, 3])).null_count == 3  # a column of another type
    assert scorer.score_arrow(pa.array([None, None])).null_count == 2
    assert len(scorer.score_arrow([])) == 0 and scorer.score_batch([]) == []
    assert len(scorer.score_arrow(pa.chunked_array([], pa.string()))) == 0
    sliced = pa.array([COLD, WARM, None, COLD]).slice(1, 2)
    assert scorer.score_arrow(sliced).to_pylist() == want[:2]


def test_arrow_type(scorer):
    t = empathy.arrow_type()
    col = scorer.score_arrow([WARM])
    assert col.type == t
    names = [f.name for f in t]
    assert names[:2] == ["score", "level"] and names[-6:] == ["words", "readability", "evidence_truncated", "suggestions", "evidence", "customer"]
    assert t.field("evidence").type.value_type.names == ["kind", "start", "end", "text", "source", "cue", "weight", "base_weight", "rules", "overlaps"]
    assert t.field("suggestions").type == pa.list_(pa.string())


def test_length_mismatch_and_single_string_are_errors(scorer):
    with pytest.raises(ValueError, match="2 texts but 1 customers"):
        scorer.score_batch([WARM, COLD], [ANGRY])
    with pytest.raises(ValueError, match="2 texts but 1 customers"):
        scorer.score_arrow([WARM, COLD], [ANGRY])
    with pytest.raises(TypeError):
        scorer.score_batch(WARM)
    with pytest.raises(TypeError):
        scorer.score_arrow(WARM)


def test_custom_lexicon_extends_the_builtin(tmp_path, scorer):
    path = tmp_path / "mine.toml"
    path.write_text(CUSTOM)
    custom = empathy.Scorer(str(path))
    assert empathy.Scorer(path).lexicon == str(path)  # os.PathLike too
    assert custom.lexicon == str(path) and scorer.lexicon is None
    mine = custom.score(CUSTOM_TEXT)["dimensions"]["acknowledgment"]
    builtin = scorer.score(CUSTOM_TEXT)["dimensions"]["acknowledgment"]
    assert mine > builtin + 0.1, (mine, builtin)
    assert custom.score(WARM) == scorer.score(WARM)
    assert repr(custom) == f"empathy.Scorer(lexicon={str(path)!r})"


def test_bad_lexicon_raises_lexicon_error_naming_the_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[lexicon]\nformat = 1\n\n[[cues]]\nkind = "nope"\nweight = 0.5\nentries = ["x"]\n')
    with pytest.raises(empathy.LexiconError) as info:
        empathy.Scorer(str(path))
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.file, e.line) == (str(path), 5)
    assert "nope" in e.problem
    assert str(e) == f"{path}:5: {e.problem}"
    again = pickle.loads(pickle.dumps(e))
    assert (type(again), again.file, again.line, again.problem, str(again)) == (type(e), e.file, e.line, e.problem, str(e))


def test_unreadable_lexicon_is_a_lexicon_error(tmp_path):
    missing = tmp_path / "missing.toml"
    with pytest.raises(empathy.LexiconError) as info:
        empathy.Scorer(str(missing))
    assert info.value.file == str(missing) and info.value.line == 0
    (tmp_path / "latin1.toml").write_bytes(b"[lexicon]\nformat = 1\n# caf\xe9\n")
    with pytest.raises(empathy.LexiconError) as info:
        empathy.Scorer(str(tmp_path / "latin1.toml"))
    assert info.value.line == 3 and "UTF-8" in info.value.problem


def test_score_conversation(scorer):
    report = scorer.score_conversation(
        [
            {"role": "customer", "text": "My card was declined abroad and I'm stuck at the hotel desk. I'm panicking."},
            {"role": "agent", "text": "Oh no, that sounds really stressful — I've lifted the block, please try again now."},
            {"role": "customer", "text": "It worked! Thank you so much, what a relief."},
        ]
    )
    assert report["trajectory"]["improved"] and report["escalation"] is None
    assert [t["role"] for t in report["turns"]] == ["customer", "agent", "customer"]
    assert report["turns"][1]["assessment"]["customer"]["emotions"]["anxiety"] > 0


def test_score_conversation_times_and_names(scorer):
    t0 = dt.datetime(2026, 3, 2, 9, 14, tzinfo=dt.timezone.utc)
    turns = [
        {"role": "customer", "text": "Where is my parcel?", "at": "2026-03-02T09:14:00Z", "name": "Dana"},
        {"role": "agent", "text": "Hi Dana, I've checked: it arrives today.", "at": t0 + dt.timedelta(minutes=5)},
        {"role": "customer", "text": "Thanks!", "at": t0.timestamp() + 600},
        {"role": "agent", "text": None, "at": int(t0.timestamp()) + 660},
    ]
    report = scorer.score_conversation(turns)
    assert report["turns"][1]["response_seconds"] == 300
    assert report["response_times"]["count"] == 2
    assert report["turns"][1]["assessment"]["customer"]["name"] == "Dana"


@pytest.mark.parametrize(
    "turns, message",
    [
        ([{"role": "customer", "text": "hi"}, {"role": "bot", "text": "hello"}], "turn 1: unknown variant `bot`"),
        ([{"text": "hi"}], "turn 0: missing \"role\""),
        ([{"role": "customer", "text": "hi"}, {"role": "agent", "text": "x", "at": "10 o'clock"}], "turn 1: "),
        ([{"role": "agent", "text": "x", "at": math.nan}], "turn 0: invalid timestamp"),
        ([{"role": "agent", "text": "x", "at": True}], "turn 0: "),
        (["not a dict"], "turn 0: expected a dict"),
    ],
)
def test_bad_turns_raise_value_error_naming_the_turn(scorer, turns, message):
    with pytest.raises(ValueError) as info:
        scorer.score_conversation(turns)
    assert str(info.value).startswith(message), str(info.value)


def test_scoring_releases_the_gil(scorer):
    texts = [WARM, COLD, ANGRY] * 20_000
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    start = time.perf_counter()
    t.start()
    try:
        for _ in range(3):
            scorer.score_arrow(texts)
    finally:
        done.set()
        t.join()
    # With the GIL held for the whole call the other thread could hardly run at all.
    elapsed = time.perf_counter() - start
    assert ticks > 10_000, (ticks, elapsed)


def test_scorer_pickles_as_its_lexicon(tmp_path, scorer):
    assert pickle.loads(pickle.dumps(scorer)).score(WARM) == scorer.score(WARM)
    path = tmp_path / "mine.toml"
    path.write_text(CUSTOM)
    again = pickle.loads(pickle.dumps(empathy.Scorer(str(path))))
    assert again.lexicon == str(path) and isinstance(again, empathy.Scorer)


def test_package_surface():
    assert issubclass(empathy.InternalError, RuntimeError)
    assert empathy.__version__
    for name in ("score", "score_batch", "score_arrow", "score_conversation"):
        assert getattr(empathy.Scorer, name).__doc__, name
    assert empathy.Scorer.__doc__ and empathy.LexiconError.__doc__
    pkg = Path(empathy.__file__).parent
    for stub in ("py.typed", "__init__.pyi", "_native.pyi", "spark.pyi"):
        assert (pkg / stub).exists(), stub
