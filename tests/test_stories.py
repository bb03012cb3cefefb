"""The stories stage on real seed captures and generated streams.

Seed articles are built from the gold body lines (not from extraction), so these
tests exercise clustering only.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from newsfuse.records import Article, CopyGroup, Story
from newsfuse.stories import StoryClusterer, cluster, story_id
from newsfuse.stories import dense as dense_model
from newsfuse.text import names

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_events import generate  # noqa: E402

# (dense, model): lexical only, then each embedder the stories stage can use.
MODELS = [(False, None)] + [(True, m) for m in dense_model.MODELS if dense_model.available(m)]


def seed_articles(seeds_dir: Path, gold: dict) -> tuple[list[Article], list[CopyGroup]]:
    arts = []
    for name, g in sorted(gold["docs"].items()):
        lines = (seeds_dir / name).read_text(encoding="utf-8").splitlines()
        body = [
            lines[i - 1].strip()
            for lo, hi in g["body_lines"]
            for i in range(lo, hi + 1)
            if lines[i - 1].strip()
        ]
        aid = name.split("_")[0]
        arts.append(Article(
            id=aid, doc_id=aid, source=name, body="\n\n".join(body), title=g["title"],
            outlet=g["outlet"], published=g.get("published") or g.get("published_claimed"),
        ))
    groups = []
    for members in gold["copies"]:
        ids = [m.split("_")[0] for m in members]
        true = [gold["docs"][m].get("published_true") or gold["docs"][m].get("published")
                for m in members]
        groups.append(CopyGroup(original=ids[0], members=ids, trusted_date=min(true)))
    return arts, groups


def hard_negatives(seed_arts: list[Article], day: str, n: int = 12) -> list[Article]:
    """Other events of the same week naming the seeds' most-named people and places."""
    counts: dict[str, int] = {}
    for a in seed_arts:
        for name in names((a.title or "") + "\n" + a.body):
            counts[name] = counts.get(name, 0) + 1
    top = sorted(counts, key=lambda k: (-counts[k], k))[:4]
    a, b = top[0], top[1 % len(top)]
    events = [
        (f"{a} inspects new fertiliser plant, praises workers",
         [f"{a} toured a newly built fertiliser factory on the east coast and praised its workers, state media reported.",
          "The plant is expected to double the country's output of nitrogen fertiliser by next spring.",
          f"Photos showed {a} walking through production halls with factory managers and agricultural officials."]),
        (f"Flood relief: {b} orders emergency grain shipments",
         [f"{b} ordered emergency grain shipments to farming provinces hit by floods, officials said on Wednesday.",
          "Heavy rains destroyed thousands of hectares of rice and maize fields last week.",
          "Relief trains carrying flour and seed were due to arrive within days."]),
    ]
    out = []
    base = dt.date.fromisoformat(day)
    for i in range(n):
        title, paras = events[i % 2]
        paras = paras[i % 3:] + paras[: i % 3]
        d = (base + dt.timedelta(days=i % 4 - 1)).isoformat()
        out.append(Article(id=f"hn{i:02d}", doc_id=f"hn{i:02d}", source="test", title=title,
                           body="\n\n".join(paras), outlet=f"Outlet {i % 5}", published=d))
    return out


def story_of(stories: list[Story], aid: str) -> Story:
    return next(s for s in stories if aid in s.articles)


@pytest.mark.parametrize(("dense", "model"), MODELS)
def test_seeds_are_one_story(seeds_dir: Path, seeds_gold: dict, dense: bool, model: str | None) -> None:
    arts, groups = seed_articles(seeds_dir, seeds_gold)
    stories = cluster(arts, groups, dense=dense, model=model)
    expected = {m.split("_")[0] for m in seeds_gold["stories"][0]}
    assert len(stories) == 1
    s = stories[0]
    assert set(s.articles) == expected
    assert s.independent_sources == len(seeds_gold["independent"]) + len(seeds_gold["copies"])
    # The AP re-post claims a 2025 date; the copy group's trusted date wins.
    assert s.first_date == "2023-09-04" and s.last_date == "2023-09-05"
    assert s.title in {g["title"] for g in seeds_gold["docs"].values()}
    assert s.summary and len(s.outlets) == 5
    assert s.id == story_id(s.articles[0])
    assert set(s.why) == expected
    assert s.why["001"] == {"copy": 1.0}


@pytest.mark.parametrize(("dense", "model"), MODELS)
def test_seeds_survive_mixture_with_hard_negatives(seeds_dir: Path, seeds_gold: dict,
                                                    dense: bool, model: str | None) -> None:
    arts, groups = seed_articles(seeds_dir, seeds_gold)
    # Fewer for the dense run: embedding dominates its time on a shared 2-core box.
    noise, ngroups, _gold, _ = generate(100 if dense else 300, seed=11, start="2023-08-28")
    negs = hard_negatives(arts, "2023-09-05")
    stories = cluster(noise + negs + arts, groups + ngroups, dense=dense, model=model)
    seeds = {a.id for a in arts}
    s = story_of(stories, "000")
    assert set(s.articles) == seeds
    # The two invented events with the same people are not merged into each other either.
    neg_stories = {story_of(stories, a.id).id for a in negs}
    assert len(neg_stories) >= 2


def test_deterministic_and_order_independent_in_batch(seeds_dir: Path, seeds_gold: dict) -> None:
    arts, groups = seed_articles(seeds_dir, seeds_gold)
    noise, ngroups, _gold, _ = generate(200, seed=5, start="2023-08-30")
    items = noise + arts
    one = [s.to_dict() for s in cluster(items, groups + ngroups, dense=False)]
    two = [s.to_dict() for s in cluster(list(reversed(items)), groups + ngroups, dense=False)]
    assert one == two


def _bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    by_p: dict[str, set[str]] = {}
    by_g: dict[str, set[str]] = {}
    for i in gold:
        by_p.setdefault(pred[i], set()).add(i)
        by_g.setdefault(gold[i], set()).add(i)
    p = sum(len(by_p[pred[i]] & by_g[gold[i]]) / len(by_p[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_p[pred[i]] & by_g[gold[i]]) / len(by_g[gold[i]]) for i in gold) / len(gold)
    return 2 * p * r / (p + r)


def test_online_agrees_with_batch_and_gold() -> None:
    arts, groups, gold, _ = generate(400, seed=21)
    online = StoryClusterer(dense=False)
    online.register_groups(groups)
    for a in arts:  # arrival order, slightly out of date order
        online.add(a)
    on = {a: online.resolve(s) for a, s in online.story_of.items()}
    batch = {a: s.id for s in cluster(arts, groups, dense=False) for a in s.articles}
    assert set(on) == set(batch) == set(gold)
    assert _bcubed_f1(on, batch) > 0.9
    assert _bcubed_f1(on, gold) > 0.8 and _bcubed_f1(batch, gold) > 0.8


def test_copy_joins_original_by_construction() -> None:
    arts, groups, _gold, _ = generate(60, seed=3)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for a in arts:
        c.add(a)
    orig = arts[0]
    odd = Article(id="copy1", doc_id="copy1", source="t", title="Unrelated words entirely",
                  body="Nothing in common with anything at all here, really.",
                  published=orig.published, original=orig.id)
    assert c.add(odd) == c.resolve(c.story_of[orig.id])


def test_regroup_reads_only_the_members_of_the_story_it_splits() -> None:
    """A later run finds that a placed article copies one in another story: the copy
    moves to its original's story, split out of its own, whose other members stay; given
    a lookup by ids (the Dask driver's store), only that story's members are read."""
    import copy

    arts, groups, _gold, _ = generate(80, seed=5)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for a in arts:
        c.add(a)
    grouped = {m for g in groups for m in g.members}
    home = next(s for s in c.states.values() if len(s.members) > 2 and not set(s.members) & grouped)
    moving = home.members[1]
    original = next(a.id for a in arts if a.id not in grouped and c.resolve(c.story_of[a.id]) != home.id)
    late = CopyGroup(original=original, members=[original, moving])
    twin = copy.deepcopy(c)
    asked: list[list[str]] = []
    by_id = {a.id: a for a in arts}

    def lookup(ids: list[str]) -> list[Article]:
        asked.append(sorted(ids))
        return [by_id[i] for i in ids]

    before = sorted(home.members)
    stay = [m for m in before if m != moving]
    for clusterer, articles in ((c, lookup), (twin, arts)):
        clusterer.register_groups([late])
        assert clusterer.regroup_copies([late], articles) == 1
        assert clusterer.resolve(clusterer.story_of[moving]) == clusterer.resolve(clusterer.story_of[original])
        assert {clusterer.resolve(clusterer.story_of[m]) for m in stay} == {home.id}
    assert asked == [before]
    assert [s.to_dict() for s in c.stories()] == [s.to_dict() for s in twin.stories()]


def test_teaser_does_not_pull_article_into_other_event() -> None:
    arts, groups, gold, _ = generate(150, seed=8)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for a in arts:
        c.add(a)
    target = max(c.states.values(), key=lambda s: len(s.members))
    victim = next(a for a in arts if c.story_of[a.id] != target.id and
                  gold[a.id] != gold[target.members[0]] and len(c.states[c.story_of[a.id]].members) > 2)
    headline = c.info[target.members[0]].title
    teased = Article(id="teased", doc_id="teased", source="t", title=victim.title,
                     body=victim.body + f"\n\nRead more: {headline}\n\n{headline}",
                     published=victim.published)
    assert c.add(teased) == c.resolve(c.story_of[victim.id])


def test_merge_split_and_aliases() -> None:
    arts, groups, _gold, _ = generate(120, seed=4)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for a in arts:
        c.add(a)
    big = sorted(c.states.values(), key=lambda s: (-len(s.members), s.id))
    a_id, b_id = big[0].id, big[1].id
    a_members, b_members = list(big[0].members), list(big[1].members)
    before = len(c.stories())
    kept = c.merge(a_id, b_id)
    gone = b_id if kept == a_id else a_id
    assert len(c.stories()) == before - 1
    assert c.resolve(gone) == kept and gone not in {s.id for s in c.stories()}
    merged = next(s for s in c.stories() if s.id == kept)
    assert set(merged.articles) == set(a_members) | set(b_members)
    # Split the absorbed articles back out: both stories exist and are linked.
    moved = b_members if kept == a_id else a_members
    new = c.split(kept, moved, arts)
    out = {s.id: s for s in c.stories()}
    assert set(out[new].articles) == set(moved)
    assert set(out[kept].articles) == set(merged.articles) - set(moved)
    assert kept in out[new].related and new in out[kept].related
    assert all(c.resolve(c.story_of[m]) == new for m in moved)
    with pytest.raises(ValueError):
        c.split(kept, out[kept].articles, arts)


def test_state_round_trip_continues_identically() -> None:
    arts, groups, _gold, _ = generate(300, seed=9)
    head, tail = arts[:180], arts[180:]
    full = StoryClusterer(dense=False)
    full.register_groups(groups)
    for a in arts:
        full.add(a)
    part = StoryClusterer(dense=False)
    part.register_groups(groups)
    for a in head:
        part.add(a)
    restored = StoryClusterer.from_state(part.to_state())
    for a in tail:
        restored.add(a)
    assert [s.to_dict() for s in restored.stories()] == [s.to_dict() for s in full.stories()]


def test_storyline_follow_up_is_linked_not_merged() -> None:
    arts, groups, gold, lines = generate(900, seed=31)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for a in arts:
        c.add(a)
    follow = {e: first for e, first in lines.items() if e != first}
    linked = merged = 0
    for e, first in follow.items():
        s1 = {c.resolve(c.story_of[a]) for a, g in gold.items() if g == first}
        s2 = {c.resolve(c.story_of[a]) for a, g in gold.items() if g == e}
        if not s1 or not s2:
            continue
        merged += bool(s1 & s2)
        related = {r for s in s2 for r in c.states[s].related}
        linked += bool(related & s1)
    assert follow and merged <= len(follow) * 0.3
    assert linked >= 1


def _demo_bcubed(pred: list[set[str]], gold: list[set[str]]) -> tuple[float, float]:
    p_of = {x: c for c in pred for x in c}
    g_of = {x: c for c in gold for x in c}
    items = [x for x in g_of if x in p_of]
    p = sum(len(p_of[x] & g_of[x]) / len(p_of[x]) for x in items) / len(items)
    r = sum(len(p_of[x] & g_of[x]) / len(g_of[x]) for x in items) / len(items)
    return p, 2 * p * r / (p + r)


def test_demo_corpus_stories_through_the_real_pipeline(demo_dir: Path, tmp_path: Path) -> None:
    """Real-like prose: outlets word one event differently (other headlines, ledes,
    people quoted); same-week events with the same company and mayor stay apart."""
    import json

    import newsfuse

    gold = json.loads((demo_dir.parent / "gold.json").read_text())
    by_url = {c.get("url"): cid for cid, c in gold["captures"].items() if c.get("url")}
    with newsfuse.open(tmp_path / "demo.db") as nf:
        digest = nf.digest([demo_dir])
    cid = {a["id"]: a["source"] if a["source"] in gold["captures"] else by_url.get(a["source"])
           for a in digest["articles"]}
    pred = [{cid[a] for a in s["articles"]} for s in digest["stories"]]
    assert None not in set().union(*pred)
    gold_sets = [set(s["captures"]) for s in gold["stories"]]
    precision, f1 = _demo_bcubed(pred, gold_sets)
    # Measured P 1.0, F1 0.963 (8 stories for 7 events; 0.972 with the lead-only second pass);
    # without any second pass and the undated-article fix it was P 1.0, F1 0.756 (15 stories).
    assert precision >= 0.95 and f1 >= 0.94
    story_of = {c: i for i, s in enumerate(pred) for c in s}
    events = {s["id"]: s["captures"] for s in gold["stories"]}
    for hn in gold["hard_negatives"]:
        a, b = (events[e] for e in hn["events"])
        assert not {story_of[c] for c in a} & {story_of[c] for c in b}, hn["note"]


def test_undated_article_is_placed_on_content_not_at_day_zero() -> None:
    arts, groups, gold, _ = generate(200, seed=13)
    by_event: dict[str, list[Article]] = {}
    for a in arts:
        if not a.original:
            by_event.setdefault(gold[a.id], []).append(a)
    event, members = max(by_event.items(), key=lambda kv: (len(kv[1]), kv[0]))
    src = members[-1]
    undated = Article(id="undated", doc_id="undated", source="t", title=src.title,
                      body=src.body, outlet="Elsewhere", published=None)
    stories = cluster(arts + [undated], groups, dense=False)
    home = story_of(stories, "undated")
    assert len(home.articles) > 1
    assert sum(gold.get(a) == event for a in home.articles) > len(home.articles) / 2
    # An undated member does not stretch the story's dates.
    dated = [a.published for a in arts if a.id in home.articles and a.published]
    assert (home.first_date, home.last_date) == (min(dated)[:10], max(dated)[:10])


def test_online_merge_tuned_on_merges_fragments_and_keeps_every_id_resolvable() -> None:
    """The online fragment merge is off in the shipped weights (a tie with the second
    pass); a tuning that turns it on gets merges whose old ids still resolve."""
    import copy

    from newsfuse.stories.scorer import shipped_weights

    weights = copy.deepcopy(shipped_weights())
    weights["lexical"]["merge_threshold"] = 0.3
    assert shipped_weights()["lexical"]["merge_threshold"] > 1.0
    arts, groups, _gold, _ = generate(400, seed=8, varied=True)
    off, on = StoryClusterer(dense=False), StoryClusterer(dense=False, weights=weights)
    for c in (off, on):
        c.register_groups(groups)
        for a in c.arrival_order(arts):
            c.add(a)  # no second pass: only the online merge can merge
    assert not off.aliases and on.aliases
    assert len(on.states) < len(off.states)
    for aid, sid in on.story_of.items():
        home = on.resolve(sid)
        assert home in on.states and aid in on.states[home].members
    assert sum(len(on.states[s].members) for s in on.states) == len(arts)
