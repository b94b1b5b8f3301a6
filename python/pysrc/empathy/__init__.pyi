# Type stubs for the `empathy` package. The dict shapes are the crate's serde schema.
from datetime import datetime
from os import PathLike
from typing import Any, Iterable, List, Literal, Optional, TypedDict, Union

import pyarrow
from typing_extensions import NotRequired

from ._native import InternalError as InternalError

__version__: str
__all__ = ["Scorer", "LexiconError", "InternalError", "arrow_type", "__version__"]

Level = Literal["low", "moderate", "high"]
Readability = Literal["readable", "empty", "says_nothing", "unreadable", "other_language"]
Role = Literal["customer", "agent"]

class Span(TypedDict):
    start: int  # byte offsets into the UTF-8 text, on char boundaries
    end: int

EvidenceSource = Literal["cue", "learned", "customer_name", "question", "reflection", "commitment", "instruction", "problem_report", "emphasis"]

class Evidence(TypedDict):
    kind: str
    span: Span
    text: str  # the text the span covers
    source: EvidenceSource  # a lexicon entry ("cue", "learned") or evidence the scorer computed
    cue: Optional[str]  # the entry's pattern; None for computed evidence
    base_weight: float
    weight: float
    rules: List[str]
    overlaps: bool  # the span overlaps an earlier item's

class Suggestion(TypedDict):
    code: str
    message: str

class Dimensions(TypedDict):
    acknowledgment: float
    understanding: float
    exploration: float
    ownership: float
    reassurance: float
    personalization: float

class Concerns(TypedDict):
    blame: float
    dismissiveness: float
    policy_wall: float
    scripted: float
    curtness: float
    defensiveness: float
    deflection: float

class Emotions(TypedDict):
    frustration: float
    anger: float
    sadness: float
    anxiety: float
    confusion: float
    urgency: float
    gratitude: float
    relief: float

class CustomerContext(TypedDict):
    emotions: Emotions
    evidence: List[Evidence]
    responsiveness: float
    reflection: float
    need: float
    content_words: int
    unmet: List[str]
    name: Optional[str]

class Assessment(TypedDict):
    score: float
    level: Level
    dimensions: Dimensions
    concerns: Concerns
    evidence: List[Evidence]
    evidence_truncated: bool
    suggestions: List[Suggestion]
    words: int
    readability: Readability  # whether the reply could be read at all; the score judges empathy only when "readable"
    customer: NotRequired[CustomerContext]  # present when scored against a customer message

class Turn(TypedDict):
    role: Role
    text: Optional[str]
    at: NotRequired[Union[str, float, int, datetime, None]]
    name: NotRequired[Optional[str]]

class TurnReport(TypedDict):
    index: int
    role: Role
    assessment: NotRequired[Assessment]
    emotions: NotRequired[Emotions]
    mood: NotRequired[float]
    response_seconds: NotRequired[float]

class Trajectory(TypedDict):
    first: float
    last: float
    change: float
    improved: bool
    worsened: bool

class ResponseTimes(TypedDict):
    median_seconds: float
    longest_seconds: float
    count: int

class Escalation(TypedDict):
    turn: int
    reason: str

class ConversationReport(TypedDict):
    turns: List[TurnReport]
    agent_mean: Optional[float]
    agent_lowest: Optional[float]
    agent_lowest_turn: Optional[int]
    trajectory: Optional[Trajectory]
    response_times: Optional[ResponseTimes]
    out_of_order: List[int]
    escalation: Optional[Escalation]

class LexiconError(ValueError):
    """A lexicon file that cannot be used; `line` is 0 when the problem has no line."""

    file: str
    line: int
    problem: str
    def __init__(self, message: str, file: str, line: int, problem: str) -> None: ...

class Scorer:
    """Scores customer-service replies for empathy (the built-in English lexicon, plus an
    optional lexicon file). Immutable and thread-safe; every method releases the GIL."""

    def __init__(self, lexicon: Optional[Union[str, PathLike[str]]] = None) -> None: ...
    @property
    def lexicon(self) -> Optional[str]: ...
    def score(self, text: Any, customer: Any = None) -> Optional[Assessment]:
        """One reply (against the customer message when given); None when text is not a str."""
    def score_batch(self, texts: Iterable[Any], customers: Optional[Iterable[Any]] = None) -> List[Optional[Assessment]]:
        """Many replies on all cores, in input order; None for a cell that is not a str."""
    def score_arrow(self, texts: Any, customers: Any = None) -> pyarrow.StructArray:
        """A column of replies as an Arrow struct column of type `arrow_type()`; null rows for
        cells that are not strings."""
    def score_conversation(self, turns: Iterable[Turn]) -> ConversationReport:
        """A whole conversation; ValueError naming the turn for a bad role or timestamp."""

def arrow_type() -> pyarrow.StructType:
    """The Arrow type of the column `Scorer.score_arrow` returns."""
