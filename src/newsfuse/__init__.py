"""newsfuse: read one news event across many outlets.

Raw captures in; extracted articles, copy groups, stories and a cited synthesis of
each story out. See ``newsfuse.open`` for the Python API and ``newsfuse --help``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Newsfuse, open
from .engine import IngestResult
from .records import (
    AccountSentence,
    Article,
    Claim,
    Conflict,
    ConflictSide,
    CopyGroup,
    Document,
    Quote,
    Rejection,
    Relation,
    Story,
    Synthesis,
    TimelineEvent,
)

__all__ = [
    "AccountSentence", "Article", "Claim", "Conflict", "ConflictSide", "CopyGroup", "Document",
    "IngestResult", "Newsfuse", "Quote", "Rejection", "Relation", "Story", "Synthesis",
    "TimelineEvent", "__version__", "open",
]
