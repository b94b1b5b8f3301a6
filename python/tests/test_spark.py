"""A real PySpark job in local mode (local[2]): the corpus read into a DataFrame, the reply column
scored with empathy.spark.score_column (mapInArrow), written to Parquet, read back and checked
row by row against the Rust JSONL worker and against the schema."""

from __future__ import annotations

import json
import os

import pytest
from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

import empathy
from conftest import CORPUS
from empathy.spark import score_column, spark_type
from expect import arrow_row, first_difference


def corpus_frame(spark):
    """The corpus file as a DataFrame (idx, conv_id, role, text); idx is the line number."""
    lines = spark.sparkContext.textFile(str(CORPUS), minPartitions=3).filter(lambda l: l.strip()).zipWithIndex()
    raw = spark.createDataFrame(lines.map(lambda t: (t[1], t[0])), "idx long, line string")
    schema = "conv_id string, role string, text string"
    return raw.select("idx", F.from_json("line", schema).alias("r")).select("idx", "r.*")


def replies_frame(corpus_df):
    """Agent lines with the customer lines they answer (those since the previous agent line
    of the conversation, joined with newlines), computed in Spark."""
    before = Window.partitionBy("conv_id").orderBy("idx").rowsBetween(Window.unboundedPreceding, -1)
    is_agent = F.when(F.col("role") == "agent", 1).otherwise(0)
    df = corpus_df.withColumn("segment", F.coalesce(F.sum(is_agent).over(before), F.lit(0)))
    customers = (
        df.filter(F.col("role") == "customer")
        .groupBy("conv_id", "segment")
        .agg(F.array_sort(F.collect_list(F.struct("idx", "text"))).alias("msgs"))
        .select("conv_id", "segment", F.concat_ws("\n", F.transform("msgs", lambda m: m["text"])).alias("customer"))
    )
    return df.filter(F.col("role") == "agent").join(customers, ["conv_id", "segment"]).drop("segment")


def _check_rows(rows, want_of, what):
    bad = []
    for row in rows:
        got = row["empathy"].asDict(recursive=True) if row["empathy"] is not None else None
        want = want_of(row)
        if got != want:
            bad.append((row["idx"], first_difference(got, want)))
    assert not bad, f"{len(bad)} {what} rows differ from the worker; first: {bad[0]}"


def test_spark_job_scores_the_corpus_like_the_worker(spark, corpus, pairs, worker, tmp_path):
    df = corpus_frame(spark)
    scored = score_column(df.repartition(4), "text")
    out = str(tmp_path / "alone.parquet")
    scored.write.mode("overwrite").parquet(out)

    back = spark.read.parquet(out)
    assert back.schema["empathy"].dataType == spark_type()
    assert [f.name for f in back.schema.fields] == ["idx", "conv_id", "role", "text", "empathy"]
    rows = back.collect()
    assert len(rows) == len(corpus)
    assert sorted(r["idx"] for r in rows) == list(range(len(corpus)))
    _check_rows(rows, lambda r: arrow_row(worker[f"alone:{r['idx']}"]), "alone")

    # Replies against the customer messages they answer.
    replies = replies_frame(df)
    scored = score_column(replies, "text", customer_col="customer", output_col="empathy")
    out = str(tmp_path / "replies.parquet")
    scored.write.mode("overwrite").parquet(out)
    back = spark.read.parquet(out)
    assert back.schema["empathy"].dataType == spark_type()
    rows = back.collect()
    assert sorted(r["idx"] for r in rows) == sorted(i for i, _, _ in pairs)
    assert all(r["empathy"]["customer"] is not None for r in rows)
    _check_rows(rows, lambda r: arrow_row(worker[f"reply:{r['idx']}"]), "reply")


def test_spark_sql_on_the_column(spark):
    df = spark.createDataFrame([(1, "I'm so sorry to hear that, I'll fix it now."), (2, "Calm down.")], "idx long, text string")
    scored = score_column(df, "text", output_col="e")
    got = {r["idx"]: (r["level"], r["n"]) for r in scored.select("idx", "e.level", F.size("e.evidence").alias("n")).collect()}
    assert got[1][0] in ("moderate", "high") and got[1][1] > 0 and got[2][0] == "low"


BAD_CELLS = [
    (0, None, None),
    (1, "", "Where is my refund?!"),
    (2, "I'm so sorry to hear that, I'll sort it out today. " * 20_000, None),  # ~1 MB
    (3, "😡😡😡🙏🙏", "😡😡😡"),
    (4, "   \t\n ", None),
    (5, "\x00\x01\x02 binary-looking \x7f", None),
    (6, "Sorry about that! I've refunded you.", None),
    (7, None, "I'm furious"),
    (8, "Happy to help, Dana!", ""),
]


def test_bad_cells_do_not_fail_the_job(spark, scorer, tmp_path):
    schema = T.StructType(
        [T.StructField("idx", T.LongType()), T.StructField("text", T.StringType()), T.StructField("customer", T.StringType())]
    )
    df = spark.createDataFrame(BAD_CELLS, schema).coalesce(1)  # all of them in one partition
    out = str(tmp_path / "bad.parquet")
    score_column(df, "text", customer_col="customer").write.mode("overwrite").parquet(out)
    rows = {r["idx"]: r for r in spark.read.parquet(out).collect()}
    assert len(rows) == len(BAD_CELLS)
    for idx, text, customer in BAD_CELLS:
        got = rows[idx]["empathy"]
        if text is None:
            assert got is None
            continue
        want = arrow_row(scorer.score(text, customer))
        assert got.asDict(recursive=True) == want, idx
    assert rows[2]["empathy"]["words"] > 100_000

    # A text column of another type, and an existing output column, are no failure either.
    ints = spark.createDataFrame([(1, 5), (2, None)], "idx long, empathy long")
    got = score_column(ints, "empathy").collect()
    assert [r["empathy"] for r in got] == [None, None]


def test_scorer_is_built_once_per_worker_process(spark, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[lexicon]\nformat = 1\n[[cues]]\nkind = "acknowledgment"\nweight = 0.9\nentries = ["(what a|such a) (wobbly|squiggly) (pickle|kerfuffle)"]\n')
    texts = [(i, "Oh, what a wobbly kerfuffle for you." if i % 2 else "Calm down.") for i in range(5000)]
    df = spark.createDataFrame(texts, "idx long, text string").repartition(8)
    scored = score_column(df, "text", scorer=str(path))
    rows = scored.select("idx", "empathy.acknowledgment").collect()
    custom = empathy.Scorer(str(path))
    want = {i: custom.score(t)["dimensions"]["acknowledgment"] for i, t in texts[:2]}
    assert want[1] > 0.3 and want[0] == 0
    assert all(abs(r["acknowledgment"] - want[r["idx"] % 2]) < 1e-6 for r in rows)

    # Ask the (reused) Python workers how often each built a scorer: at most once per lexicon.
    def probe(batches):
        import pyarrow as pa

        from empathy import spark as es

        for batch in batches:
            yield pa.RecordBatch.from_pydict(
                {"pid": [os.getpid()] * batch.num_rows, "builds": [json.dumps(es._BUILDS)] * batch.num_rows}
            )

    seen = {}
    for r in df.mapInArrow(probe, "pid long, builds string").collect():
        seen[r["pid"]] = json.loads(r["builds"])
    assert seen and all(n <= 1 for builds in seen.values() for n in builds.values()), seen
    assert any(builds.get(str(path)) == 1 for builds in seen.values()), seen


def test_bad_lexicon_fails_on_the_driver(spark, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[lexicon]\nformat = 9\n")
    df = spark.createDataFrame([(1, "hi")], "idx long, text string")
    with pytest.raises(empathy.LexiconError) as info:
        score_column(df, "text", scorer=str(path))
    assert info.value.line == 2
    with pytest.raises(ValueError, match="no column 'reply'"):
        score_column(df, "reply")
