"""Score a Spark DataFrame column with empathy, in Arrow batches.

>>> from empathy.spark import score_column
>>> scored = score_column(df, "reply", customer_col="customer")   # doctest: +SKIP
>>> scored.select("id", "empathy.score", "empathy.level").show()  # doctest: +SKIP

:func:`score_column` runs as ``DataFrame.mapInArrow``: each Python worker gets Arrow record
batches, scores a whole batch in Rust (:meth:`empathy.Scorer.score_arrow`, on all the cores it
is given) and hands back the batch with one struct column added. The scorer is built once per
worker process and kept in a module-level cache keyed by the lexicon path, not per row or batch.

On a cluster the workers need the package too: install the wheel as a cluster library, or
ship it with ``--py-files empathy-….whl`` / ``spark.submit.pyFiles`` (see python/README.md).
A custom lexicon file must be readable on the workers: give a path that exists there, or ship
the file with ``--files my.toml`` (``SparkContext.addFile``) and pass its name.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, Iterator, Optional, Union

from . import Scorer, arrow_type

__all__ = ["score_column", "spark_type", "scorer_for"]

_SCORERS: Dict[Optional[str], Scorer] = {}
#: How many scorers this process has built, by lexicon ("<builtin>" for none): the tests read it.
_BUILDS: Dict[str, int] = {}
_LOCK = threading.Lock()


def _resolve(path: Optional[str]) -> Optional[str]:
    """A lexicon path as seen on this process: as given, or a file shipped with ``--files``."""
    if path is None or os.path.exists(path):
        return path
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(path))
        if os.path.exists(shipped):
            return shipped
    except Exception:  # no SparkContext files here: report the path as given
        pass
    return path


def scorer_for(lexicon: Optional[str] = None) -> Scorer:
    """The scorer for ``lexicon`` in this process, built on first use and cached."""
    scorer = _SCORERS.get(lexicon)
    if scorer is None:
        with _LOCK:
            scorer = _SCORERS.get(lexicon)
            if scorer is None:
                scorer = Scorer(_resolve(lexicon))
                _SCORERS[lexicon] = scorer
                key = "<builtin>" if lexicon is None else lexicon
                _BUILDS[key] = _BUILDS.get(key, 0) + 1
    return scorer


def _spark_type_of(at: Any) -> Any:
    """The Spark SQL type for an Arrow type of the result column (nested structs and lists)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_struct(at):
        return T.StructType([T.StructField(f.name, _spark_type_of(f.type), True) for f in at])
    if pa.types.is_list(at) or pa.types.is_large_list(at):
        return T.ArrayType(_spark_type_of(at.value_type), True)
    simple = {
        pa.float32(): T.FloatType(),
        pa.float64(): T.DoubleType(),
        pa.int64(): T.LongType(),
        pa.int32(): T.IntegerType(),
        pa.bool_(): T.BooleanType(),
        pa.string(): T.StringType(),
        pa.large_string(): T.StringType(),
    }
    if at in simple:
        return simple[at]
    raise TypeError(f"no Spark type for Arrow type {at}")


def spark_type() -> Any:
    """The Spark ``StructType`` of the column :func:`score_column` adds."""
    return _spark_type_of(arrow_type())


def _lexicon_path(scorer: Union[None, str, os.PathLike, Scorer]) -> Optional[str]:
    if scorer is None:
        return None
    if isinstance(scorer, Scorer):
        return scorer.lexicon
    if isinstance(scorer, (str, os.PathLike)):
        return os.fspath(scorer)
    raise TypeError(f"scorer must be None, a lexicon path or an empathy.Scorer, not {type(scorer).__name__}")


def score_column(
    df: Any,
    text_col: str,
    customer_col: Optional[str] = None,
    output_col: str = "empathy",
    scorer: Union[None, str, os.PathLike, Scorer] = None,
) -> Any:
    """Returns ``df`` with a struct column ``output_col`` scoring the replies in ``text_col``.

    Args:
        df: a ``pyspark.sql.DataFrame``.
        text_col: the column of agent replies (strings). A null cell, or a column of another
            type, gives a null result; nothing in a cell fails the job.
        customer_col: optional column of the customer messages the replies answer; a null
            cell scores that reply alone.
        output_col: the name of the new column (an existing column of that name is replaced).
        scorer: None for the built-in lexicon, a lexicon file path, or an :class:`empathy.Scorer`
            (its lexicon path is used). The file must be readable where the workers run, or
            shipped with ``--files``; it is checked here, on the driver, first.

    Returns:
        The DataFrame with the column added (type :func:`spark_type`: the fields of
        :func:`empathy.arrow_type`), computed lazily with ``mapInArrow``.
    """
    import pyarrow as pa
    from pyspark.sql import types as T

    lexicon = _lexicon_path(scorer)
    if lexicon is not None:
        scorer_for(lexicon)  # a bad lexicon fails here, on the driver, with its line
    names = df.columns
    for col in (text_col, customer_col):
        if col is not None and col not in names:
            raise ValueError(f"no column {col!r} in the DataFrame (columns: {names})")

    kept = [f for f in df.schema.fields if f.name != output_col]
    out_schema = T.StructType(kept + [T.StructField(output_col, spark_type(), True)])
    kept_names = [f.name for f in kept]
    result_type = arrow_type()

    def score_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        s = scorer_for(lexicon)
        for batch in batches:
            texts = batch.column(batch.schema.get_field_index(text_col))
            customers = None
            if customer_col is not None:
                customers = batch.column(batch.schema.get_field_index(customer_col))
            scored = s.score_arrow(texts, customers)
            columns = [batch.column(batch.schema.get_field_index(n)) for n in kept_names]
            fields = [batch.schema.field(n) for n in kept_names]
            fields.append(pa.field(output_col, result_type, True))
            yield pa.RecordBatch.from_arrays(columns + [scored], schema=pa.schema(fields))

    return df.mapInArrow(score_batches, out_schema)
