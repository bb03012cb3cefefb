"""Synthetic events and the articles that outlets write about them.

Everything for event ``i`` comes from ``FastRandom(f"{seed}:{i}")``, so an event is
the same whatever else is generated, and events can be produced one at a time
(streaming). An event is covered by 2-6 outlets: possibly a wire story run by up to
three of them (light edits, some trimmed, some under a false later date), and
independent rewrites that use their own sentences, add unique details and sometimes
disagree with the others on a number or on who said a quote.

Every sentence is one random realisation of a phrase grammar (``grammar``, ``kinds``,
``kinds_civic``, ``phrases``) filled with the event's own facts, down to streets, times
and hospitals: articles about different events then share stock phrases, as real news
does, but never the long word runs that a copy detector takes for copying.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from . import vocab
from .grammar import realise
from .kinds import KINDS
from .kinds_civic import AFTERMATH
from .phrases import GENERIC_DETAILS, QUOTE_FORMS, QUOTE_TAILS, WITNESS_LINES

# Events fall in 2025 and false re-post dates at most 300 days later, so that every
# date a page claims is in the past (date finders discard dates in the future).
START = dt.date(2025, 1, 1)
HOUSE_STYLE = [("per cent", "percent"), ("about ", "around "), ("council", "Council"),
               ("centre", "center"), ("emergency services", "rescuers"),
               ("organisers", "organizers"), ("neighbouring", "neighboring"),
               ("Residents", "People"), ("told reporters", "told journalists"),
               ("regional government", "regional administration"), ("Police", "Officers")]


@dataclass(slots=True)
class Written:
    """One outlet's article about an event, before rendering into a capture."""

    outlet: str
    title: str
    paras: list[str]
    true_date: str
    claimed_date: str | None
    byline: list[str]
    wire: str | None = None
    dateline: str | None = None
    role: str = "independent"  # wire-original, wire-copy, independent
    unique: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    idx: int
    id: str
    kind: str
    date: str
    facts: dict[str, Any]
    articles: list[Written]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    related: str | None = None
    relation: str | None = None  # "storyline" (aftermath of related) or "hard_negative"


def _fill(template: str, facts: dict[str, Any], rng: random.Random, **extra: Any) -> str:
    return realise(template, rng, {**facts, **extra} if extra else facts)


def _base_facts(rng: random.Random, kind: str) -> dict[str, Any]:
    spec = KINDS[kind]
    thing = rng.choice(spec["thing"])
    streets = [vocab.street(rng), vocab.street(rng)]
    facts = {
        "place": vocab.place(rng), "region": rng.choice(vocab.REGIONS),
        "company": vocab.company(rng), "official": vocab.person(rng),
        "role": rng.choice(spec["roles"]), "official2": vocab.person(rng),
        "role2": rng.choice(spec["roles"]), "thing": thing,
        "a_thing": ("an " if thing[0] in "aeiou" else "a ") + thing,
        "n": rng.randint(*spec["n_range"]), "m": rng.randint(*spec["m_range"]),
        "qi": rng.randrange(99),
        # Event-specific small facts: they break up runs of words shared with other events.
        "street": streets[0], "street2": streets[1] if streets[1] != streets[0] else "Mill Lane",
        "hour": vocab.clock(rng), "place2": vocab.place(rng),
        "hospital": f"{vocab.place(rng)} {rng.choice(vocab.HOSPITAL_TAIL)}",
        "k": rng.randint(4, 19), "pct": rng.randint(3, 60), "year": rng.randint(1962, 2019),
        "weeks": rng.randint(2, 30),
    }
    for key in ("m", "k", "pct", "weeks"):  # the main figure must not occur by chance elsewhere
        if facts[key] == facts["n"]:
            facts[key] += 1
    return facts


def make_event(seed: int, idx: int, outlets: list[str], prev: Event | None) -> Event:
    """Event ``idx``: facts, then the articles of the 2-6 outlets that cover it."""
    rng = vocab.FastRandom(f"{seed}:{idx}")
    relation = None
    if prev is not None and rng.random() < 0.12:
        relation = "storyline" if rng.random() < 0.6 else "hard_negative"
    if relation:
        assert prev is not None
        base_kind = prev.kind.removesuffix("-aftermath")
        kind = base_kind if relation == "storyline" else rng.choice(
            [k for k in KINDS if k != base_kind])
        facts = dict(prev.facts) if relation == "storyline" else {
            **_base_facts(rng, kind), **{k: prev.facts[k] for k in
                                         ("place", "region", "company", "official", "role")}}
        day0 = dt.date.fromisoformat(prev.date) + dt.timedelta(days=rng.randint(1, 6))
    else:
        kind = rng.choice(list(KINDS))
        facts = _base_facts(rng, kind)
        day0 = START + dt.timedelta(days=rng.randrange(365))
    facts["day"] = day0.strftime("%A")
    facts["next_day"] = (day0 + dt.timedelta(days=1)).strftime("%A")
    spec = AFTERMATH if relation == "storyline" else KINDS[kind]
    ev = Event(idx, f"ev{idx:07d}", kind if relation != "storyline" else f"{kind}-aftermath",
               day0.isoformat(), facts, [], related=prev.id if relation else None,
               relation=relation)
    _write_articles(ev, spec, rng, outlets, day0)
    return ev


def _write_articles(ev: Event, spec: dict[str, list[str]], rng: random.Random,
                    outlets: list[str], day0: dt.date) -> None:
    f = ev.facts
    cover = rng.randint(2, 6)
    chosen = rng.sample(outlets, cover)
    leads = rng.sample(spec["lead"], min(cover, len(spec["lead"])))
    heads = rng.sample(spec["headline"], len(spec["headline"]))
    details = rng.sample(spec["detail"], len(spec["detail"])) + rng.sample(
        GENERIC_DETAILS, min(2 * cover, len(GENERIC_DETAILS)))
    quote = _fill(spec["quote"][f["qi"] % len(spec["quote"])], f, rng)
    if rng.random() < 0.7:
        quote += " " + _fill(QUOTE_TAILS[f["qi"] % len(QUOTE_TAILS)], f, rng)
    n_wire = rng.randint(1, min(3, cover)) if rng.random() < 0.5 else 0
    writers = max(1, cover - n_wire + (1 if n_wire else 0))  # the wire counts as one writer
    per = max(2, len(details) // writers)
    conflict_writer = rng.randrange(1, writers) if writers >= 2 and rng.random() < 0.35 else -1
    quote_writer = rng.randrange(1, writers) if writers >= 2 and rng.random() < 0.25 else -1
    n_alt = f["n"] + max(8, f["n"] // 2) if rng.random() < 0.5 else max(1, f["n"] // 2 - 3)
    others = {f[k] for k in ("n", "m", "k", "pct", "year", "weeks") if k in f}
    while n_alt in others:  # a conflicting figure must be told apart from every other number
        n_alt += 1
    drafts: list[tuple[str, list[str], list[str]]] = []
    used = {f["official"], f["official2"]}
    values: dict[str, list[int]] = {"n": [], "speaker": []}
    for w in range(writers):
        ff = dict(f, n=n_alt if w == conflict_writer else f["n"])
        speaker = ("official2", "role2") if w == quote_writer else ("official", "role")
        paras = [_fill(leads[w % len(leads)], ff, rng)]
        mine = [details[(w * per + k) % len(details)] for k in range(per)]
        paras += [_fill(d, ff, rng) for d in mine[: per // 2]]
        inline = quote[:-1] + "," if quote.endswith(".") else quote
        paras.append(_fill(QUOTE_FORMS[w % len(QUOTE_FORMS)], ff, rng, name=ff[speaker[0]],
                           role=ff[speaker[1]], quote=quote, inline=inline))
        paras += [_fill(d, ff, rng) for d in mine[per // 2:]]
        unique: list[str] = []
        if w > 0 or not n_wire:  # independent reports add details nobody else has
            witness = vocab.person(rng)
            while witness in used:  # a unique detail must not name someone else in the story
                witness = vocab.person(rng)
            used.add(witness)
            age, years = rng.randint(19, 84), rng.randint(5, 60)
            while age in others or age == n_alt:  # ages must not pass for the disputed figure
                age += 1
            while years in others or years == n_alt:
                years += 1
            paras.insert(2, _fill(rng.choice(WITNESS_LINES), ff, rng, w=witness, age=age,
                                  years=years))
            unique.append(witness)
        drafts.append((_fill(heads[w % len(heads)], ff, rng), paras, unique))
        values["n"].append(ff["n"])
        values["speaker"].append(w == quote_writer)
    wire_name, wire_abbr = rng.choice(vocab.WIRES)
    for i, outlet in enumerate(chosen):
        is_wire = i < n_wire
        title, paras, unique = drafts[0 if is_wire else i - n_wire + (1 if n_wire else 0)]
        paras = list(paras)
        true = day0 + dt.timedelta(days=0 if i == 0 else rng.randint(0, 1))
        claimed: str | None = true.isoformat()
        art = Written(outlet, title, paras, true.isoformat(), claimed,
                      [vocab.person(rng)], unique=list(unique))
        if is_wire:
            art.wire, art.dateline = wire_abbr, f["place"].upper()
            art.paras[0] = f"{art.dateline} ({wire_abbr}) — {paras[0]}"
            art.role = "wire-original" if i == 0 else "wire-copy"
            art.byline = [f"{wire_name}"]
            if i > 0:
                _edit_copy(art, rng, _fill(heads[-1], f, rng))
        elif rng.random() < 0.08:
            art.claimed_date = None  # a page that shows no date
        ev.articles.append(art)
    _record_conflicts(ev, values, n_wire, quote, f)
    _keep_visible_conflicts(ev)


def _edit_copy(art: Written, rng: random.Random, new_title: str) -> None:
    """A re-post of wire copy: house style, sometimes trimmed, re-titled or re-dated."""
    for old, new in rng.sample(HOUSE_STYLE, 2):
        art.paras = [p.replace(old, new) for p in art.paras]
    if rng.random() < 0.5 and len(art.paras) > 4:
        art.paras = art.paras[: len(art.paras) - rng.randint(1, 2)]
    if rng.random() < 0.5:
        art.title = new_title
    if rng.random() < 0.3:
        later = dt.date.fromisoformat(art.true_date) + dt.timedelta(days=rng.randint(30, 300))
        art.claimed_date = later.isoformat()
    if rng.random() < 0.4:
        art.byline = []


def _record_conflicts(ev: Event, values: dict[str, list[Any]], n_wire: int, quote: str,
                      f: dict[str, Any]) -> None:
    """Gold conflicts by article position (the caller maps positions to capture ids)."""
    def articles_of(writer: int) -> list[int]:
        if n_wire:
            return list(range(n_wire)) if writer == 0 else [n_wire + writer - 1]
        return [writer]

    distinct = sorted(set(values["n"]))
    if len(distinct) > 1:
        ev.conflicts.append({"topic": "main figure", "sides": [
            {"value": str(v), "keywords": [str(v)],
             "articles": [a for w, x in enumerate(values["n"]) if x == v for a in articles_of(w)]}
            for v in distinct]})
    if any(values["speaker"]):
        sides = []
        for alt in (False, True):
            name = f["official2"] if alt else f["official"]
            arts = [a for w, x in enumerate(values["speaker"]) if x == alt for a in articles_of(w)]
            sides.append({"value": name, "keywords": [name], "articles": arts})
        ev.conflicts.append({"topic": f"who said “{quote}”", "sides": sides})


def _keep_visible_conflicts(ev: Event) -> None:
    """Keep only sides whose keywords really are in their articles (trims, templates)."""
    kept = []
    for conflict in ev.conflicts:
        for side in conflict["sides"]:
            side["articles"] = [a for a in side["articles"] if all(
                _has_word(" ".join(ev.articles[a].paras), k) for k in side["keywords"])]
        if sum(1 for s in conflict["sides"] if s["articles"]) >= 2:
            conflict["sides"] = [s for s in conflict["sides"] if s["articles"]]
            kept.append(conflict)
    ev.conflicts = kept


def _has_word(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` not glued to other letters or digits (42 is not in 142)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, start + 1)
    return False
