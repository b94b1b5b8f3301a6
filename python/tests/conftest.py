"""Shared fixtures: the real corpus, read at test time, and the Rust JSONL workers' output on it.

The corpus is ``<repo>/../shared/corpora/ibm_customer_care.jsonl`` (lines ``{conv_id, role,
text}`` in conversation order); it is never copied into the repository. The workers are the
crate's own examples (``score --jsonl`` and ``conversation --jsonl``), built here with cargo
from the same checkout the wheel was built from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpora" / "ibm_customer_care.jsonl"


def pytest_report_header(config):
    import empathy

    return f"empathy {empathy.__version__} from {Path(empathy.__file__).parent}; corpus {CORPUS}"


@pytest.fixture(scope="session")
def corpus() -> list:
    if not CORPUS.exists():
        pytest.fail(f"the corpus is missing: {CORPUS} (it lives beside the repository, in shared/)")
    with CORPUS.open(encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    assert len(lines) > 1000, f"{CORPUS} has only {len(lines)} lines"
    return lines


def reply_pairs(corpus: list) -> list:
    """(index, customer, reply) for every agent line that answers customer messages.

    The customer text is the customer lines since the previous agent line of the same
    conversation, joined with newlines: what the line answers, as ``score_conversation``
    reads it. An agent line that follows another agent line answers nothing new and is left out.
    """
    pairs = []
    pending: list = []
    conv = None
    for i, line in enumerate(corpus):
        if line["conv_id"] != conv:
            conv, pending = line["conv_id"], []
        if line["role"] == "customer":
            pending.append(line["text"])
        else:
            if pending:
                pairs.append((i, "\n".join(pending), line["text"]))
            pending = []
    return pairs


@pytest.fixture(scope="session")
def pairs(corpus) -> list:
    p = reply_pairs(corpus)
    assert len(p) > 500
    return p


def _build_example(name: str) -> Path:
    """Builds a crate example in release mode and returns its executable."""
    cargo = os.environ.get("CARGO", "cargo")
    cmd = [cargo, "build", "--release", "--example", name, "--message-format=json-render-diagnostics"]
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    for line in proc.stdout.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == name and msg.get("executable"):
            return Path(msg["executable"])
    pytest.fail(f"cargo built no executable for example {name}")


def _run_worker(exe: Path, lines: list, tmp: Path, *args: str) -> dict:
    src = tmp / f"{exe.name}-input.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")
    proc = subprocess.run([str(exe), *args, "--jsonl", str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert not proc.stderr.strip(), proc.stderr.decode(errors="replace")
    out = {}
    for raw in proc.stdout.decode("utf-8").splitlines():
        obj = json.loads(raw)
        out[obj.pop("id")] = obj
    assert len(out) == len(lines), f"{exe.name} wrote {len(out)} results for {len(lines)} lines"
    return out


@pytest.fixture(scope="session")
def worker(corpus, pairs, tmp_path_factory) -> dict:
    """The JSONL worker's result for every corpus line alone ("alone:N") and every reply
    against the customer messages it answers ("reply:N"), keyed by id, without the id."""
    exe = _build_example("score")
    lines = [{"id": f"alone:{i}", "text": line["text"]} for i, line in enumerate(corpus)]
    lines += [{"id": f"reply:{i}", "text": reply, "customer": customer} for i, customer, reply in pairs]
    return _run_worker(exe, lines, tmp_path_factory.mktemp("worker"))


@pytest.fixture(scope="session")
def conversations(corpus) -> dict:
    """The corpus as conversations: conv_id -> turns."""
    convs: dict = {}
    for line in corpus:
        convs.setdefault(line["conv_id"], []).append({"role": line["role"], "text": line["text"]})
    return convs


@pytest.fixture(scope="session")
def conversation_worker(conversations, tmp_path_factory) -> dict:
    """The conversation worker's report for every corpus conversation, keyed by conv_id."""
    exe = _build_example("conversation")
    lines = [{"id": cid, "turns": turns} for cid, turns in conversations.items()]
    reports = _run_worker(exe, lines, tmp_path_factory.mktemp("conversations"))
    return {cid: obj["report"] for cid, obj in reports.items()}


@pytest.fixture(scope="session")
def scorer():
    import empathy

    return empathy.Scorer()


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """A local[2] Spark session whose Python workers run this interpreter."""
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("empathy-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.driver.memory", "2g")
        # Several Arrow batches per partition, so batching is exercised for real.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
