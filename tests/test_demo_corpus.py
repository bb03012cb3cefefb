"""The fictional demo corpus and its gold (examples/gold.json) agree with each other.

These tests read the committed files: if someone edits a capture or the gold by hand
(or the build tools drift from what is committed), they fail.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from pathlib import Path

import pytest
from lxml import html as lxml_html
from warcio.archiveiterator import ArchiveIterator

from newsfuse.text import normalize

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def gold(demo_dir: Path) -> dict:
    path = demo_dir.parent / "gold.json"
    assert not (demo_dir / "gold.json").exists(), "gold must live outside the ingested corpus"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def captures(demo_dir: Path) -> dict[str, tuple[str, str]]:
    """Every capture in the corpus by gold id -> (decoded capture text, 'text' or 'html')."""
    out: dict[str, tuple[str, str]] = {}
    for path in sorted(demo_dir.iterdir()):
        name = path.name
        if name.endswith(".jsonl"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                rec = json.loads(line)
                fmt = "html" if "html" in rec else "text"
                out[f"{name}#{n}"] = (rec[fmt], fmt)
        elif name.endswith(".warc.gz"):
            with path.open("rb") as fh:
                n = 0
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response":
                        n += 1
                        out[f"{name}#{n}"] = (rec.content_stream().read().decode("utf-8"), "html")
        elif name.endswith(".gz"):
            fmt = "html" if name.endswith(".html.gz") else "text"
            out[name] = (gzip.decompress(path.read_bytes()).decode("utf-8"), fmt)
        else:
            fmt = "html" if name.endswith(".html") else "text"
            out[name] = (path.read_text(encoding="utf-8"), fmt)
    return out


def _visible(text: str, fmt: str) -> str:
    """The capture's text as a reader sees it, normalized (quotes, spaces, entities)."""
    if fmt == "html":
        text = lxml_html.fromstring(text).text_content()
    return normalize(text)


def _article_paragraphs(text: str, fmt: str) -> list[str]:
    if fmt == "text":
        return [line for line in text.split("\n") if line.strip()]
    root = lxml_html.fromstring(text)
    return [p.text_content() for p in root.iter("p") if not p.get("class")]


def _story_of(gold: dict) -> dict[str, str]:
    return {c: s["id"] for s in gold["stories"] for c in s["captures"]}


def test_gold_lists_exactly_the_captures_in_the_corpus(gold, captures):
    assert set(gold["captures"]) == set(captures)
    assert 25 <= len(captures) <= 35


def test_every_input_format_is_present(gold):
    containers = {c["container"] for c in gold["captures"].values()}
    formats = {c["format"] for c in gold["captures"].values()}
    assert containers == {None, "gzip", "jsonl", "warc"}
    assert formats == {"text", "html"}
    warc = [c for c in gold["captures"] if c.startswith("crawl.warc.gz#")]
    assert 2 <= len(warc) <= 3


def test_stories_partition_the_captures_with_three_to_six_outlets(gold):
    seen: list[str] = [c for s in gold["stories"] for c in s["captures"]]
    assert sorted(seen) == sorted(gold["captures"])
    assert len(gold["stories"]) >= 5
    for story in gold["stories"]:
        outlets = {gold["captures"][c]["outlet"] for c in story["captures"]}
        assert 3 <= len(outlets) <= 6, story["id"]


def test_copy_groups_lie_inside_one_story_and_share_text(gold, captures):
    story_of = _story_of(gold)
    for group in gold["copies"]:
        members = group["members"]
        assert group["original"] in members
        assert len({story_of[m] for m in members}) == 1
        original = {normalize(p) for p in gold["captures"][group["original"]]["body"]}
        for m in members:
            body = [normalize(p) for p in gold["captures"][m]["body"]]
            same = sum(p in original for p in body)
            assert same >= len(body) // 2, f"{m} is not a copy of {group['original']}"
            assert gold["captures"][m]["wire"] == gold["captures"][group["original"]]["wire"]


def test_false_date_copy_claims_a_later_date_than_the_original(gold):
    dated = [c for c in gold["captures"].values()
             if c["published"]["claimed"] and c["published"]["claimed"] > c["published"]["true"]]
    assert len(dated) == 1
    copy = next(c for c in gold["copies"][0]["members"]
                if gold["captures"][c]["published"]["claimed"] != gold["copies"][0]["trusted_date"])
    assert gold["captures"][copy]["published"]["claimed"] >= "2026-09-01"


def test_independent_reports_share_no_paragraph(gold):
    story_of = _story_of(gold)
    copies = {m for g in gold["copies"] for m in g["members"]}
    seen: dict[str, str] = {}
    for cid in gold["independent"]:
        assert cid not in copies
        for p in gold["captures"][cid]["body"]:
            key = story_of[cid] + normalize(p)
            assert key not in seen, f"{cid} and {seen.get(key)} share a paragraph"
            seen[key] = cid


def test_body_paragraphs_appear_in_the_captures(gold, captures):
    for cid, facts in gold["captures"].items():
        text, fmt = captures[cid]
        assert fmt == facts["format"], cid
        paras = [normalize(p) for p in _article_paragraphs(text, fmt)]
        for p in facts["body"]:
            assert normalize(p) in paras, f"{cid}: body paragraph not in capture: {p[:60]}"


def test_text_body_lines_are_exactly_the_body(gold, captures):
    for cid, facts in gold["captures"].items():
        if "body_lines" not in facts:
            continue
        lines = captures[cid][0].split("\n")
        got = [lines[n - 1] for a, b in facts["body_lines"] for n in range(a, b + 1)
               if lines[n - 1].strip()]
        assert got == facts["body"], cid
        # Furniture surrounds the body: real dumps never start or end with the article.
        assert facts["body_lines"][0][0] > 5 and facts["body_lines"][-1][1] < len(lines) - 5


def test_html_captures_keep_furniture_outside_the_article(gold, captures):
    for cid, facts in gold["captures"].items():
        text, fmt = captures[cid]
        if fmt != "html" or facts["container"] == "jsonl":
            continue
        root = lxml_html.fromstring(text)
        assert len(root.findall(".//article")) == 1
        assert root.findall(".//nav") and root.findall(".//aside") and root.findall(".//footer")
        assert "ago" in root.find(".//aside").text_content()


def test_conflict_keywords_appear_in_each_named_capture(gold, captures):
    story_of = _story_of(gold)
    for conflict in gold["conflicts"]:
        assert len(conflict["sides"]) >= 2
        values = [s["value"] for s in conflict["sides"]]
        assert len(set(values)) == len(values)
        for side in conflict["sides"]:
            for cid in side["captures"]:
                assert story_of[cid] == conflict["story"]
                text = _visible(*captures[cid])
                for kw in side["keywords"]:
                    assert normalize(kw) in text, f"{conflict['topic']}: {kw!r} not in {cid}"


def test_number_conflict_sides_are_disjoint_numbers(gold):
    injured = next(c for c in gold["conflicts"] if "injured" in c["topic"])
    a, b = (int(s["value"]) for s in injured["sides"])
    assert a != b and "at least" not in json.dumps(injured)


def test_unique_details_are_unique_within_their_story(gold, captures):
    story_of = _story_of(gold)
    for cid, keywords in gold["unique"].items():
        others = [o for o in gold["captures"] if story_of[o] == story_of[cid] and o != cid]
        for kw in keywords:
            assert normalize(kw) in _visible(*captures[cid]), f"{kw!r} not in {cid}"
            for o in others:
                body = normalize(" ".join(gold["captures"][o]["body"]))
                assert normalize(kw) not in body, f"{kw!r} of {cid} also in {o}"


def test_quotes_and_their_speakers_appear_in_the_captures(gold, captures):
    for quote in gold["quotes"]:
        for speaker, cids in quote["speakers"].items():
            for cid in cids:
                body = normalize(" ".join(gold["captures"][cid]["body"]))
                assert normalize(quote["text"]) in body, cid
                assert speaker.split()[-1] in body, (speaker, cid)
    contested = [q for q in gold["quotes"] if len(q["speakers"]) > 1]
    assert contested, "the corpus must contain a quote attributed to two people"


def test_storyline_and_hard_negatives_name_real_stories(gold):
    ids = {s["id"] for s in gold["stories"]}
    dates = {s["id"]: s["date"] for s in gold["stories"]}
    for group in gold["storylines"] + gold["hard_negatives"]:
        assert set(group["events"]) <= ids
    chain = gold["storylines"][0]["events"]
    assert [dates[e] for e in chain] == sorted(dates[e] for e in chain)
    a, b = gold["hard_negatives"][0]["events"]
    gap = abs(int(dates[a][-2:]) - int(dates[b][-2:]))
    assert dates[a][:7] == dates[b][:7] and gap < 7


def test_date_expressions_are_in_their_captures(gold, captures):
    kinds = set()
    for expr in gold["date_expressions"]:
        assert normalize(expr["expression"]) in _visible(*captures[expr["capture"]])
        kinds.add(expr["expression"])
    assert "last month" in kinds


def test_claimed_dates_are_on_the_page(gold, captures, demo_dir):
    feed = [json.loads(x) for x in (demo_dir / "aldine_feed.jsonl").read_text().splitlines()]
    for cid, facts in gold["captures"].items():
        claimed = facts["published"]["claimed"]
        if facts["container"] == "jsonl":
            rec = feed[int(cid.split("#")[1]) - 1]
            assert rec.get("published", "")[:10] == (claimed or "")
        elif facts["format"] == "html" and claimed:
            assert f'content="{claimed}T' in captures[cid][0], cid


def test_bad_inputs_are_bad_in_the_announced_way():
    bad = EXAMPLES / "bad"
    assert (bad / "empty.txt").stat().st_size == 0
    with pytest.raises(UnicodeDecodeError):
        (bad / "binary.txt").read_bytes().decode("utf-8")
    with pytest.raises((EOFError, OSError, zlib.error)):
        gzip.decompress((bad / "truncated.txt.gz").read_bytes())
    lines = (bad / "feed_with_bad_line.jsonl").read_text().splitlines()
    ok = []
    for line in lines:
        try:
            ok.append(json.loads(line))
        except json.JSONDecodeError:
            pass
    assert len(lines) == 3 and len(ok) == 2
    raw = (bad / "latin1_cafe.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    from charset_normalizer import from_bytes

    assert "Café Élodie" in str(from_bytes(raw).best())
    assert (bad / "scan.pdf").read_bytes().startswith(b"%PDF")


def test_committed_captures_are_what_the_tools_build(gold, demo_dir):
    sys.path.insert(0, str(EXAMPLES / "tools"))
    try:
        import corpus_pages
        import make_corpus
    finally:
        sys.path.pop(0)
    for i, art in enumerate(make_corpus.ARTICLES):
        if art["format"] == "txt":
            text, _ = corpus_pages.render_txt(art, seed=i)
            assert (demo_dir / art["id"]).read_text(encoding="utf-8") == text, art["id"]
        elif art["format"] == "html":
            html = corpus_pages.render_html(art)
            assert (demo_dir / art["id"]).read_text(encoding="utf-8") == html, art["id"]
