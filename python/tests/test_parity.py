"""The Python package gives exactly the Rust JSONL worker's results, on every line of the real corpus.

Replies alone ("alone:N", every corpus line) and agent replies against the customer messages
they answer ("reply:N"). Results are compared as parsed JSON objects, for equality.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from expect import arrow_row, first_difference, floats_as_f32


def _check(got: list, want: list, ids: list) -> None:
    assert len(got) == len(want)
    bad = [(i, g, w) for i, g, w in zip(ids, got, want) if g != w]
    if bad:
        i, g, w = bad[0]
        pytest.fail(f"{len(bad)} of {len(ids)} results differ from the worker; first {i}: {first_difference(g, w)}")


def _alone(corpus, worker):
    ids = [f"alone:{i}" for i in range(len(corpus))]
    return [line["text"] for line in corpus], [worker[i] for i in ids], ids


def _replies(pairs, worker):
    ids = [f"reply:{i}" for i, _, _ in pairs]
    return [r for _, _, r in pairs], [c for _, c, _ in pairs], [worker[i] for i in ids], ids


def test_every_line_is_scored_by_the_worker(corpus, pairs, worker):
    assert len(worker) == len(corpus) + len(pairs)
    assert all("customer" in worker[f"reply:{i}"] for i, _, _ in pairs)
    assert not any("customer" in worker[f"alone:{i}"] for i in range(len(corpus)))


def test_score_alone_equals_worker(scorer, corpus, worker):
    texts, want, ids = _alone(corpus, worker)
    _check([scorer.score(t) for t in texts], want, ids)


def test_score_with_customer_equals_worker(scorer, pairs, worker):
    replies, customers, want, ids = _replies(pairs, worker)
    _check([scorer.score(r, c) for r, c in zip(replies, customers)], want, ids)


def test_score_batch_equals_worker(scorer, corpus, pairs, worker):
    texts, want, ids = _alone(corpus, worker)
    _check(scorer.score_batch(texts), want, ids)
    replies, customers, want, ids = _replies(pairs, worker)
    _check(scorer.score_batch(replies, customers), want, ids)


@pytest.mark.parametrize("layout", ["string", "large_string", "string_view", "chunked"])
def test_score_arrow_equals_worker(scorer, corpus, pairs, worker, layout):
    def column(values):
        if layout == "chunked":
            cut = [0, 7, 500, 501, len(values) // 2, len(values)]
            return pa.chunked_array([pa.array(values[a:b], pa.string()) for a, b in zip(cut, cut[1:])], pa.string())
        return pa.array(values, getattr(pa, layout)())

    texts, want, ids = _alone(corpus, worker)
    got = scorer.score_arrow(column(texts))
    assert isinstance(got, pa.StructArray)
    _check(got.to_pylist(), [arrow_row(w) for w in want], ids)

    replies, customers, want, ids = _replies(pairs, worker)
    got = scorer.score_arrow(column(replies), column(customers))
    _check(got.to_pylist(), [arrow_row(w) for w in want], ids)


def test_score_conversation_equals_conversation_worker(scorer, conversations, conversation_worker):
    # That worker prints its report through serde_json::Value, which widens f32 to f64
    # (0.6604045 -> 0.6604045033454895): the values are compared as float32.
    ids = list(conversations)
    got = [floats_as_f32(scorer.score_conversation(conversations[c])) for c in ids]
    want = [floats_as_f32(conversation_worker[c]) for c in ids]
    _check(got, want, ids)

