"""Copy groups from verified relations: stars around a centre, originals, trusted dates.

Groups are built from ``exact`` and ``syndicated`` edges only, and never by transitive
closure: rolling updates (A edits B edits C ...) would chain a whole news cycle into one
group. Each group is a star: every member has a verified edge to the group's centre,
the member with most verified copies (ties: the likeliest original). Then, inside the
group, page dates far from the others are flagged and the original is chosen among the
members whose dates hold up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsfuse.records import CopyGroup, Relation

DATE_WINDOW = 7  # days: copies of one wire story appear within about a week of each other
_NO_DATE = "9999-12-31"


@dataclass(slots=True)
class DocMeta:
    """What grouping needs of one article."""

    id: str
    published: str | None = None  # ISO date claimed by the page
    wire: str | None = None
    outlet_is_wire: bool = False  # the article is on the wire's own site
    datelined: bool = False  # the body starts with a "CITY (WIRE) --" dateline
    n_tokens: int = 0


@dataclass(slots=True)
class Assignment:
    """The copies-stage verdict on one article."""

    original: str
    copy_of: str | None
    trusted_date: str | None
    suspect: str | None = None  # reason its page date is not trusted
    group: list[str] = field(default_factory=list)


def parse_day(value: str | None) -> dt.date | None:
    """The date part of an ISO date or datetime string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day(meta: DocMeta) -> str:
    d = parse_day(meta.published)
    return d.isoformat() if d else _NO_DATE


def prior_key(meta: DocMeta) -> tuple[int, str, int, int, str]:
    """Sort key, smallest = likeliest original: the wire's own page, the earliest
    date, a wire dateline, the longest text (copies trim), then the id."""
    return (0 if meta.outlet_is_wire else 1, _day(meta), 0 if meta.datelined else 1, -meta.n_tokens, meta.id)


def pair_original(ma: DocMeta, mb: DocMeta, kind: str, textual: str | None = None) -> str | None:
    """Which of two related articles is the original, when the evidence says so:
    the wire's own page, then a clearly earlier date, then ``textual`` (the id the
    edits point to, see ``verify._direction``), then ``prior_key``."""
    if ma.outlet_is_wire != mb.outlet_is_wire:
        return ma.id if ma.outlet_is_wire else mb.id
    da, db = parse_day(ma.published), parse_day(mb.published)
    if da and db and da != db and abs((da - db).days) <= DATE_WINDOW:
        return ma.id if da < db else mb.id
    if kind == "partial":
        return None
    if textual is not None and (da == db or da is None or db is None):
        return textual
    return min(ma, mb, key=prior_key).id


def _trusted_days(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The cluster of dates (within ``DATE_WINDOW`` of its first) with most members,
    ties to the earliest: the span of dates the group's pages agree on."""
    days = sorted(days)
    clusters: list[list[dt.date]] = []
    for d in days:
        if clusters and (d - clusters[-1][0]).days <= DATE_WINDOW:
            clusters[-1].append(d)
        else:
            clusters.append([d])
    best = max(clusters, key=lambda c: (len(c), -c[0].toordinal()))
    return best[0], best[-1]


def build_groups(
    metas: dict[str, DocMeta], relations: list[Relation]
) -> tuple[list[CopyGroup], dict[str, Assignment]]:
    """Copy groups and per-article assignments; deterministic for any input order."""
    adj: dict[str, set[str]] = {i: set() for i in metas}
    for r in relations:
        if r.type in ("exact", "syndicated") and r.a in adj and r.b in adj:
            adj[r.a].add(r.b)
            adj[r.b].add(r.a)
    centre: dict[str, str] = {}
    for c in sorted(metas, key=lambda i: (-len(adj[i]), prior_key(metas[i]))):
        if c in centre:
            continue
        centre[c] = c
        for n in adj[c]:
            centre.setdefault(n, c)
    members: dict[str, list[str]] = {}
    for i, c in centre.items():
        members.setdefault(c, []).append(i)
    groups: list[CopyGroup] = []
    out: dict[str, Assignment] = {}
    votes: dict[str, int] = {}
    for r in relations:
        if r.type != "partial" and r.original is not None and centre.get(r.a) == centre.get(r.b):
            votes[r.original] = votes.get(r.original, 0) + 1
    for ids in members.values():
        groups.append(_settle(sorted(ids), metas, adj, votes, out))
    groups.sort(key=lambda g: g.original)
    return groups, out


def _settle(
    ids: list[str], metas: dict[str, DocMeta], adj: dict[str, set[str]], votes: dict[str, int],
    out: dict[str, Assignment],
) -> CopyGroup:
    """Dates, suspects and the original of one group; fills ``out``.

    The original is chosen among the members verified against every other member
    (the centre always is), so each copy has a verified edge to its original: a trusted
    date first, then the wire's own page, the earliest date, a wire dateline, then the
    most pairwise verdicts (``Relation.original``) naming it, then length and id.
    """
    days = {i: parse_day(metas[i].published) for i in ids}
    known = [d for d in days.values() if d]
    suspect: dict[str, str] = {}
    group_day: dt.date | None = None
    if known:
        lo, hi = _trusted_days(known)
        group_day = lo
        for i, d in days.items():
            if d and not (lo <= d <= hi) and len(ids) > 1:
                gap = min(abs((d - lo).days), abs((d - hi).days))
                suspect[i] = (
                    f"page date {d.isoformat()} is {gap} days from the dates of its "
                    f"{len(ids) - 1} copies ({lo.isoformat()}..{hi.isoformat()})"
                )
    eligible = [i for i in ids if len(adj[i] & set(ids)) == len(ids) - 1]

    def key(i: str) -> tuple[bool, int, str, int, int, int, str]:
        wire, day, dateline, length, ident = prior_key(metas[i])
        return (i in suspect, wire, day, dateline, -votes.get(i, 0), length, ident)

    original = min(eligible, key=key)
    trusted = group_day.isoformat() if group_day else None
    for i in ids:
        d = days[i]
        own = d.isoformat() if d and i not in suspect else trusted
        out[i] = Assignment(
            original=original,
            copy_of=None if i == original else original,
            trusted_date=own,
            suspect=suspect.get(i),
            group=ids,
        )
    return CopyGroup(original=original, members=ids, trusted_date=trusted)
