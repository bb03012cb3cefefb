"""Speed-ups that must not change a result: each is checked against the slow form.

- the date and amount patterns open with a lookahead on the first character, which must
  never reject a position the bare alternation would match at;
- the template memory reads captures in parallel (``observation``) and absorbs them in any
  order, which must equal observing them one by one;
- synthesis keeps sentence vectors across stories in a bounded cache, which must never
  change a story's synthesis (it once did, when eviction dropped a vector still needed).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

import newsfuse
from newsfuse import engine
from newsfuse.extract.memory import TemplateMemory, observation
from newsfuse.ingest import read_paths
from newsfuse.records import Document
from newsfuse.synth import align, dates, slots, synthesize
from newsfuse.synthetic import generate
from newsfuse.text import normalize, sentences

# One example at least of every date form and amount form, in several cases and scripts.
CRAFTED = [
    "The pact was signed on 2023-09-05 and again on Sept. 5, 2023, or 5 September 2023.",
    "It opened on March 3 and the 4th of July, in late March 2021 and mid-2020, in 2019.",
    "They met last Monday, on next Friday, this Sunday and on Tuesday.",
    "Earlier this month, later this year, the past week and previous weekend were quiet.",
    "It rained over the weekend, yesterday, today and tomorrow.",
    "Three weeks ago, a day ago, 12 years ago and \u0661\u0662 days ago it began.",
    "A July visit, since May, during June, until August, by October, of December, from Jan.",
    "In early May, mid-June and late Sept. the plan changed; by 2024 it ended.",
    "At least 300 died; upwards of 5 fled; nearly twenty-one were hurt; an estimated 40,000 left.",
    "Dozens, hundreds and thousands marched; $5 million and 45 percent and 12% were cited.",
    "Some 12 boats, roughly 7 ships, fewer than nine planes, as many as 80 trucks arrived.",
    "Eleven MPs, Thirteen judges, NINETY soldiers and Forty-Two pilots spoke; 1,250 votes won.",
    "More than 3 and less than 10, about 20, around 30, approximately 1.5 bn, up to 4 k.",
]
CRAFTED += [f"{w.capitalize()} people and {w} boats arrived, then {w.upper()} more." for w in slots._NUMWORD]


@pytest.fixture(scope="module")
def corpus_sentences(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    gen = tmp_path_factory.mktemp("gen") / "corpus"
    generate(150, gen, seed=3)
    out = list(CRAFTED)
    for path in (demo_dir, gen):
        for item in read_paths([path]):
            if isinstance(item, Document):
                out.extend(normalize(s) for s in sentences(re.sub(r"<[^>]+>", " ", item.text)))
    return out


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_date_lookahead_matches_like_the_bare_alternation(corpus_sentences: list[str]) -> None:
    bare = re.compile(dates._ALTERNATION)
    kinds = set()
    for text in corpus_sentences:
        assert _matches(dates._ANY, text) == _matches(bare, text), text
        kinds.update(m.lastgroup for m in bare.finditer(text))
    assert kinds == {k for k, _ in dates._PATTERNS}  # every form was exercised


def test_amount_lookahead_matches_like_the_bare_pattern(corpus_sentences: list[str]) -> None:
    assert slots._NUM.pattern.startswith(slots._NUM_FIRST)
    bare = re.compile(slots._NUM.pattern[len(slots._NUM_FIRST):], re.IGNORECASE)
    found = 0
    for text in corpus_sentences:
        got = _matches(slots._NUM, text)
        assert got == _matches(bare, text), text
        found += len(got)
    assert found > 500


def test_parallel_observations_equal_observing_one_by_one(demo_dir: Path, tmp_path: Path) -> None:
    generate(200, tmp_path / "gen", seed=5)
    docs = [d for d in read_paths([demo_dir, tmp_path / "gen"]) if isinstance(d, Document)]
    assert len(docs) > 200
    serial = TemplateMemory()
    for d in docs:
        serial.observe(d)
    shuffled = docs + docs[:20]  # a document read twice counts once
    random.Random(1).shuffle(shuffled)
    absorbed = TemplateMemory()
    for obs in map(observation, shuffled):
        absorbed.absorb(obs)
    assert absorbed.to_dict() == serial.to_dict()
    assert serial.sentences and any(v["docs"] > 5 for v in serial.outlets.values())


def test_cached_vectors_are_those_the_embedder_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    def embed(texts: list[str]) -> np.ndarray:
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)

    monkeypatch.setattr(align, "_CACHE", {})
    monkeypatch.setattr(align, "_CACHE_SIZE", 3)
    align._cached_embed(embed, ["a", "bb", "ccc"])
    # Two cached texts and two new ones: adding the new ones evicts, but not before the
    # cached ones are read.
    got = align._cached_embed(embed, ["a", "bb", "dddd", "eeeee"])
    assert got.tolist() == embed(["a", "bb", "dddd", "eeeee"]).tolist()
    assert len(align._CACHE) == 3


def test_synthesis_does_not_depend_on_what_came_before(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with newsfuse.open(tmp_path / "demo.db") as nf:
        nf.digest([demo_dir])
        store = nf.store
        arts = {a.id: a for a in store.articles()}
        group_of = {m: g for g in store.copy_groups() for m in g.members}
        stories = [s for s in store.stories() if len(s.articles) > 2]
    assert len(stories) >= 3
    jobs = {}
    for s in stories:
        members = [arts[a] for a in s.articles]
        jobs[s.id] = (s, members, engine._groups_for(members, group_of))
    # Room for the largest story alone, not for two: each story evicts vectors of the ones
    # before, while some of its own may still be cached.
    biggest = max(len(align.build_units(job[1], job[2])[0]) for job in jobs.values())
    monkeypatch.setattr(align, "_CACHE_SIZE", biggest)
    alone = {}
    for sid, job in jobs.items():
        monkeypatch.setattr(align, "_CACHE", {})
        alone[sid] = synthesize(*job)
    for order in (list(jobs), list(reversed(jobs))):
        for sid in order:
            assert synthesize(*jobs[sid]) == alone[sid], sid
