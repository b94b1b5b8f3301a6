from os import PathLike
from typing import Optional, Union

from pyspark.sql import DataFrame
from pyspark.sql.types import StructType

from . import Scorer

def score_column(
    df: DataFrame,
    text_col: str,
    customer_col: Optional[str] = None,
    output_col: str = "empathy",
    scorer: Union[None, str, PathLike[str], Scorer] = None,
) -> DataFrame:
    """`df` with a struct column `output_col` scoring `text_col` (mapInArrow; the scorer is
    built once per worker process)."""

def spark_type() -> StructType:
    """The Spark type of the column `score_column` adds."""

def scorer_for(lexicon: Optional[str] = None) -> Scorer:
    """This process's cached scorer for a lexicon path (None: the built-in lexicon)."""
