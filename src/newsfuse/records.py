"""Typed records that flow between the pipeline stages.

ingest -> ``Document`` (or ``Rejection``) -> extract -> ``Article`` -> copies ->
``Relation`` / ``CopyGroup`` -> stories -> ``Story`` -> synth -> ``Synthesis``.

Every record is a plain dataclass that converts to and from JSON-ready dicts
(``to_dict`` / ``from_dict``), so the same records cross process boundaries
(the Dask engine), the store and ``digest.json`` without a second model.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

T = TypeVar("T", bound="Record")

# The format of ``Document.text``; the container (jsonl, warc, gzip) is in ``meta["container"]``.
Format = Literal["text", "html"]
RelationType = Literal["exact", "syndicated", "partial"]
Support = Literal["supports", "contradicts", "silent"]


class Record:
    """Mixin: lossless conversion to and from JSON-ready dicts."""

    # Fields holding raw bytes are excluded from dicts: bytes live in the store only.
    _binary_fields: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _out_names(type(self))}

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = _names(cls)
        nested = _nested_of(cls)
        if not nested and data.keys() <= names.keys():
            return cls(**data)  # a flat record with known keys: most nested ones (labels)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                continue
            sub = nested.get(key)
            if sub is not None and value is not None:
                value = [sub.from_dict(v) for v in value]
            kwargs[key] = value
        return cls(**kwargs)


@functools.cache
def _names(cls: type) -> dict[str, None]:
    """A record class's field names, in order (``dataclasses.fields`` is slow: a digest
    of 100,000 articles spent a fifth of its time in it)."""
    return dict.fromkeys(f.name for f in dataclasses.fields(cls))


@functools.cache
def _out_names(cls: type[Record]) -> tuple[str, ...]:
    """The fields ``to_dict`` writes: all but the binary ones."""
    return tuple(n for n in _names(cls) if n not in cls._binary_fields)


@functools.cache
def _nested_of(cls: type) -> dict[str, type[Record]]:
    """field name -> record class of its items, for the fields holding lists of records."""
    return {key: sub for (owner, key), sub in _NESTED.items() if owner == cls.__name__}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:  # most values: one set lookup instead of three isinstance
        return value
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class Document(Record):
    """One raw capture exactly as ingested, with its provenance.

    ``id`` is the sha256 of ``raw``: the same bytes ingested twice are one document.
    """

    _binary_fields: ClassVar[tuple[str, ...]] = ("raw",)

    id: str
    source: str  # path relative to the ingested root, or the record's URL
    format: Format
    raw: bytes = b""
    text: str = ""  # raw decoded (HTML stays HTML)
    encoding: str = "utf-8"
    origin: str = ""  # the file the bytes came from (absolute path as given)
    locator: str = ""  # where inside ``origin``: "line 12", "record 3 @ offset 4096", ""
    size: int = 0
    ingested_at: str = ""
    # Metadata that came with the capture itself: feed fields ("title", "published",
    # "outlet", "url", "byline") and container facts ("container", "warc_date", "content_type").
    # Feed fields are claims by the feed: the extractor prefers them but still checks dates.
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def short_id(self) -> str:
        return self.id[:12]


@dataclass(slots=True)
class Rejection(Record):
    """An input item that could not be ingested, kept with its reason (quarantine)."""

    _binary_fields: ClassVar[tuple[str, ...]] = ("raw",)

    source: str
    reason: str
    origin: str = ""
    locator: str = ""
    raw: bytes = b""
    sha256: str = ""
    at: str = ""

    def line(self) -> str:
        where = f"{self.source}" + (f" ({self.locator})" if self.locator else "")
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class LineLabel(Record):
    """The extractor's verdict on one line/block of a capture (for ``show --raw``)."""

    line: int  # 1-based line number in the decoded capture text (0 for HTML blocks)
    label: str  # body, title, byline, date, dateline, wire, caption, teaser, nav, ad, other
    text: str = ""


@dataclass(slots=True)
class Article(Record):
    """The article extracted from one document, with its metadata."""

    id: str  # first 12 hex chars of the document id
    doc_id: str
    source: str
    body: str = ""  # paragraphs separated by a blank line
    title: str | None = None
    outlet: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date (YYYY-MM-DD) as claimed by the page
    published_evidence: str | None = None
    trusted_date: str | None = None  # the date we believe (copies stage may correct it)
    dateline: str | None = None
    wire: str | None = None
    language: str | None = None
    url: str | None = None
    flags: list[str] = field(default_factory=list)
    flag_reasons: dict[str, str] = field(default_factory=dict)
    original: str | None = None  # id of the original of this article's copy group
    copy_of: str | None = None  # id of the article this one copies (None for originals)
    labels: list[LineLabel] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def flag(self, name: str, reason: str) -> None:
        if name not in self.flags:
            self.flags.append(name)
        self.flag_reasons[name] = reason


@dataclass(slots=True)
class Relation(Record):
    """What two articles that share text are to each other."""

    a: str
    b: str
    type: RelationType
    score: float
    original: str | None = None  # which of a/b is the original, if known
    containment: float = 0.0  # share of the shorter text found in the longer one
    spans: list[list[int]] = field(default_factory=list)  # shared [start, end) word spans in a


@dataclass(slots=True)
class CopyGroup(Record):
    """Articles that are copies of one text, with the original and the trustworthy date."""

    original: str
    members: list[str]
    trusted_date: str | None = None


@dataclass(slots=True)
class Story(Record):
    """One real-world event as told by every article about it."""

    id: str
    title: str
    articles: list[str]
    summary: str = ""
    first_date: str | None = None
    last_date: str | None = None
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 0
    related: list[str] = field(default_factory=list)  # storyline links to other stories
    why: dict[str, dict[str, float]] = field(default_factory=dict)  # article -> top signals


@dataclass(slots=True)
class AccountSentence(Record):
    text: str
    sources: list[str]


@dataclass(slots=True)
class Claim(Record):
    text: str
    support: dict[str, Support]


@dataclass(slots=True)
class ConflictSide(Record):
    value: str
    sources: list[str]
    text: str


@dataclass(slots=True)
class Conflict(Record):
    topic: str
    sides: list[ConflictSide]


@dataclass(slots=True)
class Quote(Record):
    text: str
    speaker: str | None
    sources: list[str]
    role: str | None = None


@dataclass(slots=True)
class TimelineEvent(Record):
    date: str  # ISO date (or YYYY-MM for month precision)
    text: str
    sources: list[str]
    expression: str | None = None  # the words that gave the date ("last month")


@dataclass(slots=True)
class Synthesis(Record):
    """Everything the synth stage says about one story."""

    story_id: str
    account: list[AccountSentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    unique: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)


_NESTED: dict[tuple[str, str], type[Record]] = {
    ("Article", "labels"): LineLabel,
    ("Synthesis", "account"): AccountSentence,
    ("Synthesis", "claims"): Claim,
    ("Synthesis", "conflicts"): Conflict,
    ("Synthesis", "quotes"): Quote,
    ("Synthesis", "timeline"): TimelineEvent,
    ("Conflict", "sides"): ConflictSide,
}
