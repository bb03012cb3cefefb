"""The synthetic capture generator: deterministic, counted, parseable, with true gold."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsfuse.synthetic import default_gold_path, generate, iter_articles
from newsfuse.synthetic.__main__ import main as cli_main
from newsfuse.synthetic.grammar import compile_template, expand, realise
from newsfuse.text import normalize


def _tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def _gold(path: Path) -> tuple[dict[str, dict], list[dict]]:
    caps: dict[str, dict] = {}
    events: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["type"] == "capture":
            caps[rec["id"]] = rec
        else:
            events.append(rec)
    return caps, events


def _load(out: Path, cid: str) -> str:
    """The capture text for a gold id (a file, or one line of a JSONL shard)."""
    if "#" in cid:
        name, n = cid.split("#")
        rec = json.loads((out / name).read_text(encoding="utf-8").splitlines()[int(n) - 1])
        return rec["html"] if "html" in rec else rec["text"]
    return (out / cid).read_text(encoding="utf-8")


def _paragraphs(text: str, fmt: str) -> list[str]:
    if fmt == "html":
        return [normalize(p.text_content()) for p in lxml_html.fromstring(text).iter("p")]
    return [normalize(line) for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, dict[str, dict], list[dict]]:
    """600 captures: enough for every phenomenon to occur at least once."""
    out = tmp_path_factory.mktemp("syn") / "out"
    stats = generate(600, out, seed=11, shard_size=100)
    assert stats.captures == 600
    caps, events = _gold(Path(stats.gold))
    return out, caps, events


def test_iter_articles_is_deterministic_and_seed_dependent():
    a = list(iter_articles(40, seed=3))
    b = list(iter_articles(40, seed=3))
    c = list(iter_articles(40, seed=4))
    assert a == b
    assert [x[0] for x in a] != [x[0] for x in c]
    assert len(a) == 40 and {fmt for _, fmt, _ in a} == {"txt", "html", "jsonl"}


def test_generate_is_deterministic(tmp_path):
    s1 = generate(50, tmp_path / "a" / "out", seed=5, shard_size=7)
    s2 = generate(50, tmp_path / "b" / "out", seed=5, shard_size=7)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert s1.captures == s2.captures == 50 and s1.files == s2.files


def test_counts_match_files_records_and_gold(big):
    out, caps, events = big
    files = [p for p in out.rglob("*") if p.is_file()]
    shards = [p for p in files if p.suffix == ".jsonl"]
    records = sum(len(p.read_text().splitlines()) for p in shards)
    assert len(files) - len(shards) + records == 600 == len(caps)
    assert all(len(p.read_text().splitlines()) <= 100 for p in shards)
    assert sorted(c for e in events for c in e["captures"]) == sorted(caps)
    for cid in caps:
        assert (out / cid.split("#")[0]).exists()
    assert len(events) >= 100
    sizes = Counter(len(e["captures"]) for e in events[:-1])  # the last event may be cut short
    assert min(sizes) >= 2 and max(sizes) <= 6


def test_gold_is_written_outside_the_output(tmp_path):
    stats = generate(5, tmp_path / "out", seed=1)
    assert Path(stats.gold) == default_gold_path(tmp_path / "out") == tmp_path / "out.gold.jsonl"
    assert not any(p.name.endswith(".gold.jsonl") for p in (tmp_path / "out").rglob("*"))
    with pytest.raises(ValueError):
        generate(5, tmp_path / "out2", gold=tmp_path / "out2" / "gold.jsonl")


def test_formats_parse(big):
    out, _caps, _ = big
    for path in out.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert rec["url"] and rec["outlet"] and ("text" in rec) != ("html" in rec)
    for path in list(out.rglob("*.html"))[:200]:
        root = lxml_html.fromstring(path.read_bytes())
        assert len(root.findall(".//article")) == 1 and root.findall(".//nav")
    for path in list(out.rglob("*.txt"))[:200]:
        assert path.read_bytes().decode("utf-8").count("\n") > 10


def test_only_requested_formats_are_written(tmp_path):
    stats = generate(30, tmp_path / "out", seed=2, formats=("jsonl",), shard_size=8)
    assert stats.by_format == {"jsonl": 30}
    assert len(list((tmp_path / "out").rglob("*.jsonl"))) == 4
    with pytest.raises(ValueError):
        generate(3, tmp_path / "x", formats=("pdf",))


def test_body_gold_matches_the_captures(big):
    out, caps, _ = big
    for cid, g in list(caps.items())[:300]:
        text = _load(out, cid)
        if "body_lines" in g:
            lines = text.split("\n")
            assert [lines[n - 1] for n in g["body_lines"]] == g["body"], cid
        paras = _paragraphs(text, g["format"])
        for p in g["body"]:
            assert normalize(p) in paras, (cid, p)


def test_copies_conflicts_and_storylines(big):
    _out, caps, events = big
    n_copies = n_conflicts = n_false_dates = 0
    relations = Counter(e["relation"] for e in events)
    for ev in events:
        for group in ev["copies"]:
            n_copies += 1
            assert set(group["members"]) <= set(ev["captures"])
            original = {normalize(p) for p in caps[group["original"]]["body"]}
            for m in group["members"]:
                assert caps[m]["wire"] and caps[m]["event"] == ev["id"]
                shared = sum(normalize(p) in original for p in caps[m]["body"])
                assert shared >= 1, m
                claimed, true = caps[m]["published"]["claimed"], caps[m]["published"]["true"]
                n_false_dates += bool(claimed and claimed > true)
        for conflict in ev["conflicts"]:
            n_conflicts += 1
            values = [s["value"] for s in conflict["sides"]]
            assert len(set(values)) == len(values) >= 2
            for side in conflict["sides"]:
                for cid in side["captures"]:
                    body = normalize(" ".join(caps[cid]["body"]))
                    assert all(normalize(k) in body for k in side["keywords"]), (cid, side)
        if ev["related"]:
            assert any(e["id"] == ev["related"] for e in events)
    assert n_copies and n_conflicts and n_false_dates
    assert relations["storyline"] and relations["hard_negative"]


def test_independent_reports_of_one_event_share_no_paragraph(big):
    _, caps, events = big
    for ev in events:
        seen: dict[str, str] = {}
        for cid in ev["captures"]:
            if caps[cid]["role"] == "wire-copy":
                continue
            for p in caps[cid]["body"]:
                key = normalize(p.split("—", 1)[-1])
                assert key not in seen, f"{cid} and {seen.get(key)} share: {p}"
                seen[key] = cid


def test_unique_details_are_in_one_capture_of_the_event(big):
    _, caps, events = big
    for ev in events[:80]:
        for cid in ev["captures"]:
            for kw in caps[cid]["unique"]:
                holders = [c for c in ev["captures"] if kw in " ".join(caps[c]["body"])]
                assert holders == [cid], (kw, holders)


def test_cli_writes_captures_and_reports(tmp_path, capsys):
    cli_main(["12", str(tmp_path / "cli"), "--seed", "9"])
    assert "12 captures" in capsys.readouterr().out
    assert (tmp_path / "cli.gold.jsonl").exists()


QUOTED = re.compile(r"“[^”]*”")
RUN = 10  # words: what a copy detector counts as a shared passage (shorter runs are phrases)


def _shared_run_words(bodies: list[str]) -> dict[tuple[int, int], int]:
    """For each pair of texts sharing a run of ``RUN`` words: how many words those runs cover."""
    where: dict[str, list[tuple[int, int]]] = {}
    for i, body in enumerate(bodies):
        words = re.findall(r"\w+", body.lower())
        for j in range(len(words) - RUN + 1):
            where.setdefault(" ".join(words[j:j + RUN]), []).append((i, j))
    covered: dict[tuple[int, int], set[int]] = {}
    for hits in where.values():
        for (i, p), (k, _) in itertools.combinations(hits, 2):
            if i != k:
                covered.setdefault((i, k), set()).update(range(p, p + RUN))
    return {pair: len(c) for pair, c in covered.items()}


def test_different_events_share_no_long_passages():
    """Copy detection must not find copies across events: unrelated events may share a
    stock phrase, never a passage (the copies stage calls 40 shared words a copy)."""
    caps = [g for _, _, g in iter_articles(600, seed=5)]
    events = {g["event_gold"]["id"]: g["event_gold"] for g in caps if "event_gold" in g}

    def linked(a: str, b: str) -> bool:  # a storyline or hard negative shares names and places
        return events[a]["related"] == b or events[b]["related"] == a

    shared = _shared_run_words([QUOTED.sub(" ", " ".join(c["body"])) for c in caps])
    unrelated = [n for (i, k), n in shared.items()
                 if caps[i]["event"] != caps[k]["event"] and not linked(caps[i]["event"], caps[k]["event"])]
    pairs = len(caps) * (len(caps) - 1) // 2
    assert max(unrelated) < 30
    assert len(unrelated) < 0.01 * pairs, "too many events share ten-word runs"
    same = [n for (i, k), n in shared.items() if caps[i]["event"] == caps[k]["event"]
            and "independent" in (caps[i]["role"], caps[k]["role"])]
    assert max(same, default=0) < 30, "independent reports of one event must use their own words"


def test_feed_records_are_where_the_gold_says(tmp_path):
    """Events straddle JSONL shards: every record id must point at its own line."""
    stats = generate(120, tmp_path / "out", seed=3, formats=("jsonl", "txt"), shard_size=7)
    caps, _ = _gold(Path(stats.gold))
    feeds = [g for g in caps.values() if g["container"] == "jsonl"]
    assert len(feeds) > 30
    for g in feeds:
        name, n = g["id"].split("#")
        rec = json.loads((tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()[int(n) - 1])
        assert rec["url"] == g["url"]


def test_grammar_expands_choices_and_rejects_bad_templates():
    rng = random.Random(1)
    seen = {expand("a [b|c[ d|]] e", rng) for _ in range(200)}
    assert seen == {"a b e", "a c e", "a c d e"}
    assert realise("[x|x] {place}.", rng, {"place": "Ulby"}) == "X Ulby."
    for bad in ("a [b", "a ]b", "[a|[b]"):
        with pytest.raises(ValueError):
            compile_template(bad)


def test_every_template_realises_with_event_facts():
    from newsfuse.synthetic import events, kinds, kinds_civic, phrases

    rng = random.Random(2)
    shared = [*phrases.GENERIC_DETAILS, *phrases.WITNESS_LINES, *phrases.QUOTE_FORMS,
              *phrases.QUOTE_TAILS, *(t for v in kinds_civic.AFTERMATH.values() for t in v)]
    extra = {"day": "Monday", "next_day": "Tuesday", "w": "Ada Voss", "age": 40, "years": 9,
             "name": "Nils Keld", "quote": "Yes.", "inline": "Yes,"}
    for kind, spec in kinds.KINDS.items():
        facts = {**events._base_facts(rng, kind), **extra}
        for template in [*spec["headline"], *spec["lead"], *spec["detail"], *spec["quote"], *shared]:
            for _ in range(5):
                text = realise(template, rng, facts)
                assert "{" not in text and "[" not in text and "  " not in text, template
