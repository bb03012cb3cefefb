"""Fictional multi-source stories with planted agreements, unique details and conflicts.

Each story is one invented event (a summit between two invented leaders) told by
several independent sources, each in its own wording (paraphrase templates). The
generator knows, for every sentence it writes, which fact it states, so the gold is
exact:

- shared facts, each told by a random subset (>= 2) of the sources;
- unique details: one or two per source, each carrying an invented proper name;
- planted conflicts: a date (an envoy's visit, "last month" vs an earlier month), a
  number (delegates, disjoint figures) and a speaker (one quote, two people);
- planted non-conflicts: the same month said two ways, a range that contains the
  figure ("at least 80" vs "90"), a toll that grows between reports of different
  days, and distractors (another event in the same city in another month, another
  year's delegate count);
- syndicated copies of some sources (same text, sometimes an extra paragraph).

Run ``python benchmarks/gen_planted.py OUT_DIR`` to write the stories as JSON.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsfuse.records import Article, CopyGroup, Story

_SYL = [
    "vor",
    "ka",
    "len",
    "tri",
    "mas",
    "od",
    "bel",
    "run",
    "sa",
    "quin",
    "dor",
    "fel",
    "ga",
    "ris",
    "tol",
    "mer",
    "zan",
    "ul",
    "pe",
    "thos",
    "ar",
    "nik",
    "cel",
    "bra",
    "dun",
    "est",
    "ho",
    "lim",
    "yor",
    "wen",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(_SYL) for _ in range(n)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_word(rng)} {_word(rng, 3)}"


@dataclass
class Fact:
    key: str  # fact id
    variants: list[str]  # paraphrases (already filled)


@dataclass
class Planted:
    story: Story
    articles: list[Article]
    groups: list[CopyGroup]
    gold: dict[str, Any]
    sentence_fact: dict[str, str] = field(default_factory=dict)  # sentence text -> fact id


def _facts(rng: random.Random, w: dict[str, str]) -> list[Fact]:
    f = [
        Fact(
            "meet",
            [
                "{A} will travel to {city} next week to meet {B} for talks on the {topic} accord, officials said.",
                "{A} is expected to meet {B} in {city} next week to discuss the {topic} accord.",
                "Officials said {A} plans a trip to {city} next week to hold talks with {B} about the {topic} accord.",
            ],
        ),
        Fact(
            "venue",
            [
                "The talks will take place at the {venue} Palace in {city}, organisers said.",
                "Organisers said the {venue} Palace in {city} will host the talks.",
                "The meeting is set for the {venue} Palace, the organisers in {city} said.",
            ],
        ),
        Fact(
            "history",
            [
                "{city} has hosted talks on the {topic} accord twice before.",
                "Twice before, {city} was the venue for talks on the {topic} accord.",
                "Talks on the {topic} accord have been held in {city} on two earlier occasions.",
            ],
        ),
        Fact(
            "ports",
            [
                "The accord would open the ports of {port} and {city} to grain shipments from both countries.",
                "Under the accord, grain shipments from both countries could use the ports of {port} and {city}.",
                "Grain ships from both countries would gain access to the {port} and {city} ports under the accord.",
            ],
        ),
        Fact(
            "opposition",
            [
                "Opposition leader {Opp} called the {topic} accord a giveaway to foreign traders.",
                "{Opp}, who leads the opposition, described the {topic} accord as a giveaway to foreign traders.",
                "The {topic} accord is a giveaway to foreign traders, opposition leader {Opp} said.",
            ],
        ),
    ]
    return [Fact(x.key, [v.format(**w) for v in x.variants]) for x in f]


_UNIQUE = [  # one source each within a story: different facts, not one fact with another name
    "Local baker {U} said bread sales had doubled since the summit was announced.",
    "The {U} consortium has offered to pay for a new ferry terminal near the harbour.",
    "Residents of the {U} district complained that road closures had cut them off for days.",
    "A study by the {U} Institute put the value of the accord at several hundred million dollars.",
    "Fishermen from the village of {U} staged a small protest outside the town hall.",
    "The {U} choir is due to sing at the opening dinner, the palace said.",
    "Hotel group {U} reported that every room in the old town was booked.",
    "Customs officers seized a shipment of counterfeit watches bound for {U} last year.",
    "The {U} Foundation will broadcast the opening ceremony on a giant screen in the main square.",
    "Railway operator {U} added four night trains for journalists covering the event.",
    "A mural of the two flags was painted overnight on the {U} bridge.",
    "Farmers in the {U} valley hope the deal will lower the price of fertiliser.",
    "The {U} museum lent a medieval treaty scroll for display at the venue.",
    "Security firm {U} won the contract to screen visitors at the palace gates.",
]


_PAD_NOUNS = [
    "market",
    "school",
    "bridge",
    "clinic",
    "festival",
    "railway",
    "museum",
    "harbour",
    "farm",
    "library",
]
_PAD_VERBS = [
    "reopened",
    "expanded",
    "was renamed",
    "won an award",
    "closed for repairs",
    "hired new staff",
]


def _padding(rng: random.Random) -> str:
    """A background sentence only one source carries (real articles are 20-30 sentences long)."""
    return (
        f"The {_word(rng, 3)} {rng.choice(_PAD_NOUNS)} in {_word(rng, 2)} {rng.choice(_PAD_VERBS)} "
        f"after {rng.randint(2, 40)} years, according to {_person(rng)}."
    )


def generate_story(
    rng: random.Random, sid: str, n_sources: int, n_copies: int = 0, padding: int = 0
) -> Planted:
    """One story told by ``n_sources`` independent sources plus ``n_copies`` syndicated copies.

    ``padding`` adds that many single-source background sentences per source (for timing
    at realistic article lengths); they are unique details in the gold too.
    """
    base = date(2031, 1, 1) + timedelta(days=rng.randrange(60, 330))
    w = {
        "A": _person(rng),
        "B": _person(rng),
        "city": _word(rng, 3),
        "port": _word(rng, 2),
        "topic": _word(rng, 2).lower(),
        "venue": _word(rng, 2),
        "Opp": _person(rng),
    }
    envoy, speaker, speaker2 = _person(rng), _person(rng), _person(rng)
    prev_month = base.replace(day=1) - timedelta(days=1)
    wrong_month = prev_month.replace(day=1) - timedelta(days=1)
    delegates = rng.choice([60, 80, 120, 150])
    wrong_delegates = delegates * 2 + 40
    injured = rng.choice([12, 18, 25])
    quote = (
        f"this accord will feed both our nations for a generation, and {w['city']} will be its gate"
    )
    facts = _facts(rng, w)
    srcs = [f"{sid}-s{i:02d}" for i in range(n_sources)]
    plant = {k: rng.random() < 0.8 for k in ("date", "number", "speaker")}
    wrong_date = set(rng.sample(srcs, max(1, n_sources // 3))) if plant["date"] else set()
    wrong_number = set(rng.sample(srcs, max(1, n_sources // 3))) if plant["number"] else set()
    wrong_speaker = set(rng.sample(srcs, max(1, n_sources // 3))) if plant["speaker"] else set()
    days = {s: base + timedelta(days=rng.choice([0, 0, 1, 2])) for s in srcs}
    bodies: dict[str, list[str]] = {}
    fact_sources: dict[str, set[str]] = {}
    sentence_fact: dict[str, str] = {}
    unique_gold: dict[str, list[str]] = {}
    exact_number: set[str] = set()
    pool = list(_UNIQUE)
    rng.shuffle(pool)
    for k, s in enumerate(srcs):
        sents: list[tuple[str, str]] = []
        for f in facts:
            if f.key == "meet" or rng.random() < 0.7:
                sents.append((f.key, rng.choice(f.variants)))
        d = days[s]
        pm = d.replace(day=1) - timedelta(days=1)
        if s in wrong_date:
            visit = f"in {_MONTHS[wrong_month.month - 1]}"
        else:
            visit = (
                rng.choice(["last month", f"in {_MONTHS[pm.month - 1]}"])
                if pm.month == prev_month.month
                else f"in {_MONTHS[prev_month.month - 1]}"
            )
        sents.append(
            (
                "visit",
                rng.choice(
                    [
                        f"Envoy {envoy} visited {w['city']} {visit} to prepare the accord.",
                        f"Envoy {envoy} travelled to {w['city']} {visit} to prepare the accord, officials said.",
                        f"{w['city']} received envoy {envoy} {visit}, when the first draft was agreed.",
                    ]
                ),
            )
        )
        if rng.random() < 0.5:  # a distractor: another event in the same city, another month
            fair = _MONTHS[(prev_month.month - 4) % 12]
            sents.append(("fair", f"A trade fair in {w['city']} drew record crowds in {fair}."))
        if s in wrong_number:
            n_text = str(wrong_delegates)
        else:
            n_text = rng.choice(
                [str(delegates), f"at least {delegates - 20}", f"about {delegates}"]
            )
            if not n_text.startswith(
                "at least"
            ):  # "at least 60" is compatible with any larger figure
                exact_number.add(s)
        sents.append(
            (
                "delegates",
                rng.choice(
                    [
                        f"{n_text} delegates will attend the talks, the foreign ministry said.",
                        f"The foreign ministry said {n_text} delegates will attend the talks.",
                    ]
                ),
            )
        )
        if rng.random() < 0.5:  # a distractor: the same unit counted for another event
            sents.append(
                (
                    "lastyear",
                    f"Last year's round of talks in {w['port']} drew only {delegates // 4} delegates.",
                )
            )
        who = speaker2 if s in wrong_speaker else speaker
        q = quote[0].upper() + quote[1:]
        sents.append(
            (
                "quote",
                rng.choice(
                    [
                        f'"{q}," said {who}.',
                        f'Trade minister {who} said: "{q}."',
                        f'Trade minister {who} toured the docks on the eve of the talks. "{q}," she said.',
                    ]
                ),
            )
        )
        grow = injured + (d - base).days * 7
        sents.append(
            (
                "fire",
                f"{grow} dock workers were injured in a warehouse fire at {w['port']} port on the eve of the talks.",
            )
        )
        n_unique = 1 + (k % 2)
        unique_gold[s] = []
        for t in [pool.pop() for _ in range(n_unique)] if len(pool) >= n_unique else []:
            name = _word(rng, 3)
            text = t.format(U=name)
            sents.append((f"unique:{s}:{name}", text))
            unique_gold[s].append(name)
        for _ in range(padding):
            text = _padding(rng)
            sents.append((f"unique:{s}:pad{len(sents)}", text))
        lead, rest = sents[0], sents[1:]
        rng.shuffle(rest)
        sents = [lead] + rest
        bodies[s] = [t for _, t in sents]
        for key, text in sents:
            if " toured the docks " in text:  # two sentences: the intro is its own fact
                intro, rest_q = text.split(' "', 1)
                tour = f"tour:{intro.split(' toured')[0]}"
                sentence_fact[intro] = tour
                fact_sources.setdefault(tour, set()).add(s)
                text = '"' + rest_q
            sentence_fact[text] = key
            fact_sources.setdefault(key, set()).add(s)
    articles = [
        Article(
            id=s,
            doc_id=s,
            source=s,
            body="\n\n".join(bodies[s]),
            published=days[s].isoformat(),
            trusted_date=days[s].isoformat(),
            original=s,
        )
        for s in srcs
    ]
    groups = [CopyGroup(original=s, members=[s]) for s in srcs]
    for c in range(n_copies):
        orig = srcs[c % n_sources]
        cid = f"{orig}-copy{c}"
        body = "\n\n".join(bodies[orig])
        if c % 2 == 0:
            name = _word(rng, 3)
            extra = f"The {name} ferry line said it would add sailings during the talks."
            body += "\n\n" + extra
            sentence_fact[extra] = f"unique:{orig}:{name}"
            unique_gold[orig].append(name)
            fact_sources.setdefault(f"unique:{orig}:{name}", set()).add(orig)
        articles.append(
            Article(
                id=cid,
                doc_id=cid,
                source=cid,
                body=body,
                published=days[orig].isoformat(),
                trusted_date=days[orig].isoformat(),
                original=orig,
                copy_of=orig,
            )
        )
        next(g for g in groups if g.original == orig).members.append(cid)
    conflicts = []
    if wrong_date and fact_sources["visit"] - wrong_date:
        conflicts.append(
            {
                "kind": "date",
                "keyword": envoy.split()[-1],
                "sides": [sorted(wrong_date), sorted(fact_sources["visit"] - wrong_date)],
            }
        )
    if wrong_number and exact_number:
        conflicts.append(
            {
                "kind": "number",
                "keyword": "delegates",
                "sides": [sorted(wrong_number), sorted(exact_number)],
            }
        )
    if wrong_speaker:
        conflicts.append(
            {
                "kind": "speaker",
                "keyword": "feed both our nations",
                "sides": [sorted(wrong_speaker), sorted(fact_sources["quote"] - wrong_speaker)],
            }
        )
    gold = {
        "conflicts": conflicts,
        "unique": unique_gold,
        "facts": {k: sorted(v) for k, v in fact_sources.items()},
    }
    story = Story(id=sid, title=f"{w['A']} to meet {w['B']}", articles=[a.id for a in articles])
    return Planted(story, articles, groups, gold, sentence_fact)


def generate(n_stories: int = 20, seed: int = 7) -> list[Planted]:
    """``n_stories`` planted stories of 3-6 sources, a third of them with copies."""
    rng = random.Random(seed)
    return [
        generate_story(rng, f"p{i:03d}", rng.randint(3, 6), rng.choice([0, 0, 1, 2]))
        for i in range(n_stories)
    ]


def main(out: str) -> None:
    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    for p in generate():
        (path / f"{p.story.id}.json").write_text(
            json.dumps(
                {
                    "story": p.story.to_dict(),
                    "articles": [a.to_dict() for a in p.articles],
                    "groups": [g.to_dict() for g in p.groups],
                    "gold": p.gold,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/planted")
