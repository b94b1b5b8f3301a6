"""Throughput of the Python package, against the crate's own Rust ``Scorer::score_batch``.

    python/.venv/bin/python python/bench.py [--rows N] [--repeat R] [--no-spark]

On the same texts, in the same run: the Rust ``score_batch`` (called from Rust on Rust
strings, no Python object involved; ``empathy._native._bench_rust_score_batch``), then
``Scorer.score_batch`` from a Python list and ``Scorer.score_arrow`` from a pyarrow array, each
on a rayon pool of 1 thread and of all cores (a child process per pool size, since a
process's pool is fixed); then a local[2] Spark job (``empathy.spark.score_column`` written to
Spark's ``noop`` sink) and the same job with an identity ``mapInArrow`` (Spark's own cost).

The texts are the lines of ``<repo>/../shared/corpora/ibm_customer_care.jsonl``, repeated up to
``--rows``. Best of ``--repeat`` runs; MB/s counts UTF-8 bytes of the texts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "ibm_customer_care.jsonl"


def load_texts(rows: int) -> list:
    with CORPUS.open(encoding="utf-8") as f:
        base = [json.loads(line)["text"] for line in f if line.strip()]
    return (base * (rows // len(base) + 1))[:rows]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def inner(rows: int, repeat: int) -> dict:
    """The three in-process measurements, on this process's rayon pool."""
    import pyarrow as pa

    import empathy
    from empathy import _native

    texts = load_texts(rows)
    arr = pa.array(texts, pa.string())
    scorer = empathy.Scorer()
    scorer.score_arrow(arr.slice(0, 1000))  # warm-up: build, thread pool, caches
    rust = min(_native._bench_rust_score_batch(scorer, arr) for _ in range(repeat))
    batch = best(lambda: scorer.score_batch(texts), repeat)
    arrow = best(lambda: scorer.score_arrow(arr), repeat)
    return {"rust": rust, "score_batch": batch, "score_arrow": arrow}


def spark_job(rows: int, repeat: int) -> dict:
    from pyspark.sql import SparkSession

    from empathy.spark import score_column

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    texts = load_texts(rows)
    df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "idx long, text string").repartition(2).cache()
    df.count()

    def identity(batches):
        yield from batches

    passthrough = df.mapInArrow(identity, df.schema)
    scored = score_column(df, "text")
    scored.write.format("noop").mode("overwrite").save()  # warm-up: workers, scorers
    t_scored = best(lambda: scored.write.format("noop").mode("overwrite").save(), repeat)
    t_pass = best(lambda: passthrough.write.format("noop").mode("overwrite").save(), repeat)
    spark.stop()
    return {"spark": t_scored, "spark_identity": t_pass}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--no-spark", action="store_true")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:
        print(json.dumps(inner(args.rows, args.repeat)))
        return

    texts = load_texts(args.rows)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    cores = os.cpu_count() or 1
    print(f"{len(texts):,} texts, {mb:.1f} MB (mean {mb * 1e6 / len(texts):.0f} B), from {CORPUS.name}; best of {args.repeat}")
    print(f"{'threads':>7} | {'Rust score_batch':>18} | {'Python score_batch':>20} | {'score_arrow':>18} | arrow/Rust")
    for threads in sorted({1, cores}):
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        out = subprocess.run(
            [sys.executable, __file__, "--inner", "--rows", str(args.rows), "--repeat", str(args.repeat)],
            env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])

        def cell(t):
            return f"{mb / t:6.1f} MB/s {len(texts) / t / 1e3:5.0f}k/s"

        print(f"{threads:>7} | {cell(r['rust']):>18} | {cell(r['score_batch']):>20} | {cell(r['score_arrow']):>18} | {r['score_arrow'] / r['rust']:.2f}x")
    if not args.no_spark:
        s = spark_job(args.rows, max(1, args.repeat // 2))
        print(
            f"Spark local[2], score_column -> noop sink: {len(texts) / s['spark']:,.0f} rows/s ({mb / s['spark']:.1f} MB/s); "
            f"identity mapInArrow on the same DataFrame: {len(texts) / s['spark_identity']:,.0f} rows/s"
        )


if __name__ == "__main__":
    main()
