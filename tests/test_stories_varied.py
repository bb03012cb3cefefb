"""Stories when outlets word one event differently (angle pieces, surname-only mentions,
their own witnesses), same-person events of one week, and storyline links."""

from __future__ import annotations

import sys
from pathlib import Path

from newsfuse.records import Article
from newsfuse.stories import StoryClusterer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_stories import bcubed, link_scores  # noqa: E402
from gen_events import generate  # noqa: E402


def _art(aid: str, title: str, paras: list[str], day: str = "2030-05-04") -> Article:
    return Article(id=aid, doc_id=aid, source="t", title=title, body="\n\n".join(paras),
                   outlet=f"Outlet {aid}", published=day)


def test_same_person_event_of_the_same_week_stays_apart() -> None:
    """The governor's school opening and the dam burst she then handles are two stories,
    and the angle piece (a baker's account that names the dam, the town and the governor
    only further down) joins the dam burst: the first pass founds a story of its own for
    it, the second pass merges it on its whole body. The school story shares one name
    with the dam burst and nothing else, so the second pass leaves it apart."""
    day = "2030-05-04"
    main = [
        _art(f"m{i}", title, [lede,
             "The Calder Ridge dam on the Tarrow river burst after days of rain, officials said.",
             "Governor Ilse Varnak declared an emergency for the Tarrow valley.",
             "Rescue teams from Brennick evacuated 3,000 people overnight."], day)
        for i, (title, lede) in enumerate([
            ("Dam bursts above Hollin, flooding the town",
             "The Calder Ridge dam above Hollin burst on Saturday, flooding the town's lower streets."),
            ("Floods swamp Hollin after Calder Ridge dam fails",
             "Floodwater poured into Hollin on Saturday when the Calder Ridge dam failed."),
            ("Hollin flooded as dam gives way in heavy rain",
             "Heavy rain brought down the Calder Ridge dam on Saturday and flooded Hollin.")])
    ]
    angle = _art("angle", "Hollin baker saw the water coming", [
        "Petra Oduya was opening her bakery on Mill Lane when she heard the roar.",
        "\"The street was a river within minutes,\" Oduya said, standing in the mud.",
        "Governor Varnak visited Mill Lane in the afternoon and promised compensation.",
        "Engineers had warned about cracks in the Calder Ridge dam above Hollin in March."],
        "2030-05-05")
    cameo = _art("cameo", "Governor Ilse Varnak opens new school", [
        "Governor Ilse Varnak opened a primary school in the provincial capital on Friday.",
        "The school will teach 400 pupils and has a new sports hall.",
        "Varnak said education was the province's first priority."], "2030-05-03")
    # Other news of those weeks, so that names are weighed by how rare they are.
    news, groups, _gold, _ = generate(300, seed=5, start="2030-04-24", varied=True)
    c = StoryClusterer(dense=False)  # lexical: the dense path is measured in benchmarks
    c.register_groups(groups)
    ids = c.add_many(news + [cameo] + main + [angle])[len(news):]
    home = ids[1]
    assert ids[2] == ids[3] == ids[4] == home
    assert ids[0] != home
    # why the angle piece is there: it founded a story that the second pass merged
    why = next(s for s in c.stories() if s.id == home).why["angle"]
    assert why["new_story"] == 1.0 and why["second_pass_p"] >= c.scorer.consolidate["threshold"]


def test_varied_stream_quality() -> None:
    """A small varied stream (angle pieces, surname-only mentions, per-outlet details,
    same-cast hard negatives), lexical features: hard negatives stay apart and the
    second pass brings angle pieces home (measured P 0.995, R 0.958, F1 0.976; without
    the whole-body second pass R was 0.60, F1 0.75); half of the storyline links made
    are right (measured 0.5)."""
    arts, groups, gold, lines = generate(600, seed=41, varied=True)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    c.add_many(arts)
    pred = {a: c.resolve(s) for a, s in c.story_of.items()}
    p, r, f = bcubed(pred, gold)
    assert p >= 0.97 and r >= 0.92 and f >= 0.94, (p, r, f)
    lp, _lr = link_scores(c, pred, gold, lines)
    assert lp >= 0.3
