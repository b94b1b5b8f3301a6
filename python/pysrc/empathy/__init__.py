"""Fast, explainable empathy scoring for customer-service text.

The Python face of the ``empathy`` Rust crate: the same scorer, the same results (the crate's
serde schema), on all cores, and as an Arrow column for data frames and Spark
(:mod:`empathy.spark`).

>>> import empathy
>>> scorer = empathy.Scorer()
>>> a = scorer.score("I'm so sorry your order arrived damaged. I've sent a replacement by express.")
>>> a["level"], a["dimensions"]["acknowledgment"] > 0.5
('high', True)
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

try:
    from . import _native
except ImportError as e:  # pragma: no cover - depends on how the package was shipped
    raise ImportError(
        "empathy's compiled extension (empathy._native) cannot be loaded. A wheel shipped with "
        "--py-files / spark.submit.pyFiles sits on sys.path as a zip, and Python does not load "
        "compiled modules from zips: pip-install the wheel on every node instead (python/README.md)."
    ) from e
from ._native import InternalError, __version__, arrow_type

__all__ = ["Scorer", "LexiconError", "InternalError", "arrow_type", "__version__"]


class LexiconError(ValueError):
    """A lexicon file that cannot be used: malformed, or unreadable.

    Attributes:
        file: the lexicon file as given (the crate's ``origin``).
        line: the one-based line of the problem, or 0 when it has no line (an unreadable
            file, a missing section, invalid weights).
        problem: what is wrong, in words.
    """

    def __init__(self, message: str, file: str, line: int, problem: str) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.problem = problem

    def __reduce__(self):  # keeps the attributes when pickled (e.g. across Spark processes)
        return (type(self), (str(self), self.file, self.line, self.problem))


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("Scorer.score_arrow needs pyarrow: pip install 'empathy[arrow]'") from e
    return pyarrow


def _clean_text(value: Any) -> Optional[str]:
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:  # lone surrogates: replaced, as the other methods do
        return value.encode("utf-8", "replace").decode("utf-8")


def _as_arrow(values: Any, pa) -> Any:
    """An Arrow array or chunked array of strings (or of another type: all-null rows)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        arr = values
    elif isinstance(values, str):
        raise TypeError("texts must be a sequence of strings, not a single str")
    else:
        try:
            # Anything pyarrow.array accepts: lists, numpy and pandas (NaN reads as null),
            # objects with __arrow_c_array__ / __arrow_c_stream__.
            arr = pa.array(values, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, UnicodeError):
            arr = None
        if arr is None or not (_is_text(arr.type, pa) or pa.types.is_null(arr.type)):
            # Mixed cells ([1, "a", None, b"x"]) or no strings at all: every cell that is not
            # a str is a null row.
            arr = pa.array([_clean_text(v) for v in values], type=pa.string())
    if pa.types.is_dictionary(arr.type):
        arr = arr.cast(arr.type.value_type)
    return arr


def _is_text(t: Any, pa) -> bool:
    string_view = getattr(pa.types, "is_string_view", lambda _: False)
    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t) or string_view(t)


def _chunks(arr: Any) -> list:
    if hasattr(arr, "chunks"):
        return list(arr.chunks)
    return [arr]


class Scorer(_native.Scorer):
    """Scores customer-service replies for empathy.

    ``Scorer()`` is the built-in English scorer; ``Scorer(lexicon="my.toml")`` adds the cues of
    a lexicon file (the crate's ``ScorerBuilder::extend``: entries with the same pattern
    override the built-in ones). A bad file raises :class:`LexiconError` naming the line.

    Build one per process and share it: it is immutable and thread-safe, and every method
    releases the GIL while it scores. Methods never raise on bad cells: a text that is not a
    string (None, NaN, a number, bytes) gives a null result.
    """

    def __reduce__(self):  # pickles as its lexicon path; unpickling builds the scorer again
        return (type(self), (self.lexicon,))

    def __repr__(self) -> str:
        if self.lexicon is None:
            return "empathy.Scorer()"
        return f"empathy.Scorer(lexicon={self.lexicon!r})"

    def score_batch(self, texts: Iterable[Any], customers: Optional[Iterable[Any]] = None) -> list:
        """Scores many replies on all cores, with the GIL released.

        Args:
            texts: the replies (a list, tuple, numpy array, pandas Series, pyarrow array…).
            customers: optional, the same number of customer messages; a reply whose customer
                cell is not a string is scored alone.

        Returns:
            One dict per text (the schema of :meth:`score`), None for a text that is not a
            string, in input order.
        """
        return super().score_batch(_as_python_cells(texts), _as_python_cells(customers))

    def score_arrow(self, texts: Any, customers: Any = None) -> Any:
        """Scores a column of replies into an Arrow struct column, with no Python object per row.

        Args:
            texts: a ``pyarrow`` string, large_string or string_view array (or chunked array),
                or anything ``pyarrow.array`` accepts (lists, numpy, pandas, Arrow C data
                interface objects). Nulls, NaN and non-string cells give null rows; a column
                of a non-string type gives all-null rows.
            customers: optional, a column of the same length with each reply's customer
                message; a null cell scores that reply alone.

        Returns:
            A ``pyarrow.StructArray`` of type :func:`arrow_type`: ``score``, ``level``, each
            dimension and concern, ``words``, ``readability``, ``evidence_truncated``,
            ``suggestions`` (codes), ``evidence`` (list of ``{kind, start, end, text, source,
            cue, weight, base_weight, rules, overlaps}``, byte offsets; ``cue`` null for computed
            evidence) and ``customer`` (the customer context; null
            when scored alone).
        """
        pa = _pyarrow()
        texts = _as_arrow(texts, pa)
        if customers is not None:
            customers = _as_arrow(customers, pa)
            if len(customers) != len(texts):
                raise ValueError(f"{len(texts)} texts but {len(customers)} customers")
        pieces = []
        offset = 0
        for chunk in _chunks(texts):
            cust = None
            if customers is not None:
                cust = customers.slice(offset, len(chunk))
                if isinstance(cust, pa.ChunkedArray):
                    cust = cust.combine_chunks() if cust.num_chunks != 1 else cust.chunk(0)
            pieces.append(self._score_arrow(chunk, cust))
            offset += len(chunk)
        if not pieces:
            return self._score_arrow(pa.array([], pa.string()))
        if len(pieces) == 1:
            return pieces[0]
        return pa.concat_arrays(pieces)


def _as_python_cells(values: Any) -> Any:
    """pyarrow arrays iterate as pyarrow scalars: give score_batch Python values instead."""
    if values is None or isinstance(values, str):
        return values
    to_pylist = getattr(values, "to_pylist", None)
    if to_pylist is not None and type(values).__module__.startswith("pyarrow"):
        return to_pylist()
    return values
