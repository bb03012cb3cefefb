"""copies stage: the seed captures (gold bodies, no extract stage) and fictional cases."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsfuse.copies import find_copies
from newsfuse.copies.normalize import canonical, fold
from newsfuse.records import Article
from newsfuse.text import words


def seed_articles(seeds_dir: Path, gold: dict) -> list[Article]:
    """Articles built from the gold body lines of each seed file (extract not involved)."""
    out = []
    for name, g in sorted(gold["docs"].items()):
        lines = (seeds_dir / name).read_text(encoding="utf-8").splitlines()
        body = [lines[i - 1] for s, e in g["body_lines"] for i in range(s, e + 1) if lines[i - 1].strip()]
        out.append(
            Article(
                id=name.split("_")[0],
                doc_id=name,
                source=name,
                body="\n\n".join(body),
                published=g.get("published") or g.get("published_claimed"),
                wire=g.get("wire"),
                outlet=g.get("outlet"),
            )
        )
    return out


@pytest.fixture()
def seeds(seeds_dir: Path, seeds_gold: dict) -> list[Article]:
    return seed_articles(seeds_dir, seeds_gold)


def test_seed_ap_pair_is_one_group_with_trusted_date(seeds: list[Article]) -> None:
    res = find_copies(seeds)
    by_id = {a.id: a for a in seeds}
    pair = [r for r in res.relations if (r.a, r.b) == ("000", "001")]
    assert pair and pair[0].type in ("exact", "syndicated")
    group = next(g for g in res.groups if "000" in g.members)
    assert group.members == ["000", "001"]
    assert group.original == "000"
    assert by_id["001"].original == "000" and by_id["001"].copy_of == "000"
    assert by_id["000"].copy_of is None
    assert "date_suspect" in by_id["001"].flags
    assert by_id["001"].trusted_date in ("2023-09-04", "2023-09-05")
    assert "date_suspect" not in by_id["000"].flags


def test_seed_independent_reports_are_not_copies(seeds: list[Article]) -> None:
    res = find_copies(seeds)
    involved = {x for r in res.relations for x in (r.a, r.b)}
    assert not involved & {"002", "003", "004"}, res.relations
    assert sorted(len(g.members) for g in res.groups) == [1, 1, 1, 2]
    for a in seeds:
        if a.id in {"002", "003", "004"}:
            assert a.original == a.id and a.copy_of is None and a.trusted_date == a.published


def test_seed_order_independent(seeds: list[Article], seeds_dir: Path, seeds_gold: dict) -> None:
    first = find_copies(seeds)
    again = seed_articles(seeds_dir, seeds_gold)[::-1]
    second = find_copies(again)
    assert [r.to_dict() for r in first.relations] == [r.to_dict() for r in second.relations]
    assert [g.to_dict() for g in first.groups] == [g.to_dict() for g in second.groups]


# -- fictional articles -------------------------------------------------------------

WIRE = [
    "MERIDIAN CITY (NWS) -- The harbour authority of the fictional port of Meridian City said on Tuesday it had authorised an emergency dredging programme after a cargo vessel ran aground near the northern breakwater.",
    "The vessel, a 180-metre bulk carrier named Aster Grey, was carrying grain from the eastern provinces when it struck a sandbar shortly before dawn, according to the authority's statement.",
    "No injuries were reported among the 23 crew members, the authority said, adding that a specialist salvage team had been called in from the neighbouring city of Castellane.",
    "Harbour master Odile Varga told reporters that the channel would remain closed to large ships for at least four days while engineers assessed the damage to the seabed and the breakwater.",
    "Local fishermen have complained for years that silt from the river delta was narrowing the shipping lane, and the regional council had postponed a dredging contract twice since last spring.",
    "The defence ministry offered two navy tugboats to help refloat the carrier once the tide rises on Thursday, a spokesman for the ministry said in a written reply to questions.",
    "Grain traders said the closure could delay about 40,000 tonnes of exports scheduled to leave the port this week, pushing up freight costs for buyers across the region.",
    "The authority said it would publish a full report on the grounding within a month and that the ship's owners, a shipping company registered in the island state of Port Halver, were cooperating with the inquiry.",
]

REWRITE = [
    "A grain ship has become stuck on a sandbank at the entrance to Meridian City's port, blocking large vessels from the harbour, port officials announced on Tuesday.",
    "The Aster Grey, a bulk carrier about 180 metres long, hit the bank in the early hours while hauling grain from the east of the country, officials explained.",
    "All 23 people on board are safe. Salvage experts from Castellane, a nearby city, are travelling to the scene to assist.",
    "According to harbour master Odile Varga, engineers need around four days to inspect the seabed and breakwater before big ships can use the channel again.",
    "Fishing crews say they warned for a long time that sediment carried by the river was choking the lane, while councillors have delayed paying for dredging on two occasions.",
    "Two tugboats from the navy will be sent to pull the ship free when the water is higher on Thursday, the ministry confirmed.",
    "Traders estimate that roughly 40,000 tonnes of grain exports could be held up, which may raise shipping prices in the region.",
    "Officials promised a complete account of the accident within a month; the vessel's Port Halver-registered owner is assisting investigators.",
]

OWN_REPORT = [
    "Residents of the old quarter of Meridian City gathered on the seafront on Tuesday evening to watch the stranded carrier, and several cafe owners said business had rarely been better.",
    "Our correspondent spoke to three dock workers who said overtime had been cancelled because no large ships could berth, leaving many of them without pay for the rest of the week.",
    "Quoting the port's announcement, a notice pinned to the gate of the container terminal read:",
    WIRE[1],
    WIRE[2],
    WIRE[3],
    "A union representative said the workers would ask the council for compensation at its next meeting, which is due to take place in ten days' time.",
    "Nobody at the shipping company answered calls on Tuesday night, and the council's press office said it would comment only after the authority's report.",
]


def art(aid: str, paras: list[str], published: str | None = "2026-03-03", **kw: object) -> Article:
    return Article(id=aid, doc_id=aid * 4, source=f"{aid}.txt", body="\n\n".join(paras), published=published, **kw)  # type: ignore[arg-type]


def americanize(text: str) -> str:
    for gb, us in [("harbour", "harbor"), ("authorised", "authorized"), ("programme", "program"),
                   ("defence", "defense"), ("neighbouring", "neighboring"), ("metre", "meter")]:
        text = text.replace(gb, us)
    return text


def relation(res: object, a: str, b: str) -> object:
    found = [r for r in res.relations if {r.a, r.b} == {a, b}]  # type: ignore[attr-defined]
    return found[0] if found else None


def test_fold_spelling_variants() -> None:
    assert fold("Authorised") == fold("authorized")
    assert fold("defence") == fold("defense") and fold("colours") == fold("colors")
    assert fold("travelled") == fold("traveled") and fold("centre") == fold("center")
    assert canonical("The U.S. sent 10,000 per cent.").tokens == canonical("The US sent 10000 percent.").tokens


def test_canonical_drops_furniture_dateline_and_maps_spans() -> None:
    body = "CITY (NWS) -- First words here.\nAdvertisement\nThe U.S. said more."
    can = canonical(body)
    assert can.tokens == ["first", "words", "here", "the", "us", "said", "more"]
    src = words(body)
    mapped = can.source_index(__import__("numpy").arange(len(can.tokens)))
    assert [src[i] for i in mapped] == ["first", "words", "here", "the", "u", "said", "more"]
    assert can.wire_dateline == "NWS"


def test_exact_modulo_spelling_quotes_and_furniture() -> None:
    a = art("a1", WIRE)
    b = art("b1", [americanize(p).replace("'", "\u2019") for p in WIRE[:4]] + ["Advertisement"] + WIRE[4:])
    res = find_copies([a, b])
    r = relation(res, "a1", "b1")
    assert r is not None and r.type == "exact" and r.score == 1.0


def test_trimmed_copy_is_syndicated_with_longer_original() -> None:
    orig = art("w1", WIRE, published="2026-03-03", outlet="NWS", wire="NWS")
    trimmed = art("c1", ["Port blocked by stranded grain ship"] + WIRE[:4], published="2026-03-04", wire="NWS")
    res = find_copies([trimmed, orig])
    r = relation(res, "w1", "c1")
    assert r is not None and r.type == "syndicated"
    assert r.original == "w1" and r.containment >= 0.9
    assert trimmed.copy_of == "w1" and orig.copy_of is None and trimmed.original == "w1"
    assert trimmed.trusted_date == "2026-03-04" and "date_suspect" not in trimmed.flags


def test_edited_copy_with_inserted_sentence_is_syndicated() -> None:
    edited = WIRE[:3] + ["The city's mayor called the grounding an embarrassment for a port that handles most of the region's trade."] + WIRE[3:7]
    res = find_copies([art("w1", WIRE), art("e1", [americanize(p) for p in edited], published="2026-03-05")])
    r = relation(res, "e1", "w1")
    assert r is not None and r.type == "syndicated" and r.original == "w1"
    # Same day, no credits: the edits tell. The inserted paragraph makes the copy the
    # longer text, yet the original is the text without it ...
    grown = WIRE[:3] + [edited[3]] + WIRE[3:]
    res = find_copies([art("w1", WIRE), art("e1", grown)])
    assert relation(res, "e1", "w1").original == "w1"  # type: ignore[union-attr]
    # ... while a text with a shorter tail is a trimmed copy of the longer one.
    res = find_copies([art("w1", WIRE), art("a0", WIRE[:5])])
    assert relation(res, "a0", "w1").original == "w1"  # type: ignore[union-attr]
    assert res.groups[0].original == "w1"


def test_quoted_passage_is_partial_and_not_grouped() -> None:
    res = find_copies([art("w1", WIRE), art("r1", OWN_REPORT, published="2026-03-04")])
    r = relation(res, "r1", "w1")
    assert r is not None and r.type == "partial"
    assert r.a == "r1" and r.spans and all(e - s >= 10 for s, e in r.spans)
    # spans index text.words(a.body): each span's words occur, in order, in b
    a_words, b_text = words("\n\n".join(OWN_REPORT)), " ".join(words("\n\n".join(WIRE)))
    for s, e in r.spans:
        assert " ".join(a_words[s:e]) in b_text
    assert sum(e - s for s, e in r.spans) >= 3 * 25
    assert len(res.groups) == 2


def test_independent_rewrite_is_not_related() -> None:
    res = find_copies([art("w1", WIRE), art("x1", REWRITE)])
    assert relation(res, "w1", "x1") is None
    assert len(res.groups) == 2


def test_shared_quote_alone_is_not_a_copy() -> None:
    quote = '"We will not reopen the channel until every engineer has signed off on the safety of the seabed and the breakwater, and not a day sooner," the harbour master said.'
    res = find_copies([art("w1", WIRE[:5] + [quote]), art("x1", REWRITE[:5] + [quote])])
    assert relation(res, "w1", "x1") is None


def test_rolling_updates_do_not_chain_into_one_group() -> None:
    rng = random.Random(7)
    pool = WIRE + REWRITE + OWN_REPORT[:2] + OWN_REPORT[6:]
    versions = []
    text = list(pool[:6])
    for n in range(8):
        versions.append(art(f"v{n}", list(text), published=f"2026-03-{3 + n:02d}"))
        text = text[2:] + [pool[(6 + 2 * n + k) % len(pool)] for k in range(2)]
        rng.shuffle(text)
    res = find_copies(versions)
    assert max(len(g.members) for g in res.groups) < len(versions)
    # every member has a verified exact/syndicated edge with its group's original (no chaining)
    strong = {(r.a, r.b) for r in res.relations if r.type != "partial"}
    for g in res.groups:
        for m in g.members:
            if m != g.original:
                assert (min(m, g.original), max(m, g.original)) in strong


def test_every_article_in_exactly_one_group_and_short_texts_alone() -> None:
    items = [art("w1", WIRE), art("c1", WIRE[:5]), art("s1", ["Too short."]), art("s2", ["Too short."]), art("e0", [])]
    res = find_copies(items)
    members = sorted(m for g in res.groups for m in g.members)
    assert members == sorted(a.id for a in items)
    assert all(a.original is not None for a in items)
    assert relation(res, "s1", "s2") is None


def test_redated_repost_flagged_in_larger_group() -> None:
    items = [
        art("w1", WIRE, published="2026-03-03", outlet="NWS", wire="NWS"),
        art("c1", WIRE[:6], published="2026-03-03"),
        art("c2", WIRE[:5], published="2026-03-04"),
        art("c3", WIRE[:7], published="2028-01-10"),
    ]
    find_copies(items)
    by = {a.id: a for a in items}
    assert "date_suspect" in by["c3"].flags and by["c3"].trusted_date == "2026-03-03"
    assert not any("date_suspect" in by[i].flags for i in ("w1", "c1", "c2"))
    assert {a.original for a in items} == {"w1"}
