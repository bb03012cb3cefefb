"""The extractor on fictional pages: HTML with known bodies, feed metadata, template memory."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import Extract, TemplateMemory, extract
from newsfuse.extract.html import run_trafilatura
from newsfuse.records import Document

PARAS = [
    "KESTREL BAY (AP) \u2014 The harbour council voted on Tuesday to close the old swing bridge for at least two months while engineers repair cracks found in its supports.",
    "Mayor Ilse Varga said the closure would add twenty minutes to many commutes but that the council had no safe alternative after the inspection.",
    "\u201cWe are not going to gamble with people\u2019s lives,\u201d Varga said.",
    "Ferry operators have offered extra crossings during the morning and evening rush, and the bus company said it would reroute two lines through the northern tunnel.",
    "Repairs are expected to cost about 4 million crowns, paid from the council\u2019s maintenance reserve rather than new borrowing.",
]


def _doc(text: str, fmt: str = "text", meta: dict | None = None, source: str = "page") -> Document:
    raw = text.encode()
    return Document(id=hashlib.sha256(raw).hexdigest(), source=source, format=fmt, raw=raw, text=text, meta=meta or {})


def _html() -> str:
    body = []
    for i, p in enumerate(PARAS):
        body.append(f"<p>{p}</p>")
        if i == 1:
            body.append("<p>The swing bridge seen from the north quay on Monday. Photo: Olle Brandt/Kestrel Ledger</p>")
        if i == 2:
            body.append("<p>Read more: Council weighs new ferry fares</p>")
    related = "".join(
        f"<li><a href='/n{i}'>Story {i} about the harbour</a><span>World // {i} hours ago</span><p>Council members met again on Monday to discuss the harbour budget for next year {i}.</p></li>"
        for i in range(1, 5)
    )
    return (
        "<html><head><title>Council closes swing bridge for repairs | Kestrel Ledger</title>"
        "<meta property='og:site_name' content='Kestrel Ledger'>"
        "<meta property='article:published_time' content='2022-05-10T07:00:00Z'></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<main><article><h1>Council closes swing bridge for repairs</h1><p class='byline'>By Ilse Moberg</p>"
        + "".join(body)
        + "</article><section><h3>Latest</h3><ul>" + related + "</ul></section></main>"
        "<footer>\u00a9 2022 Kestrel Ledger. All rights reserved.</footer></body></html>"
    )


def test_html_body_and_metadata() -> None:
    art = extract(_doc(_html(), "html", source="https://kestrel-ledger.example/news/bridge"))
    assert art.paragraphs == PARAS
    assert art.title == "Council closes swing bridge for repairs"
    assert art.outlet == "Kestrel Ledger"
    assert art.published == "2022-05-10" and art.trusted_date == "2022-05-10"
    assert art.wire == "AP" and art.dateline == "Kestrel Bay"
    assert art.language == "en" and art.url == "https://kestrel-ledger.example/news/bridge"
    assert {lab.label for lab in art.labels} >= {"body", "caption"}


def test_html_cleans_what_trafilatura_keeps() -> None:
    """trafilatura keeps an inline caption and an in-article prompt; the second opinion drops them."""
    traf = run_trafilatura(_html())["text"]
    art = extract(_doc(_html(), "html"))
    for furniture in ("Photo: Olle Brandt", "Read more:"):
        assert furniture in traf
        assert furniture not in art.body


def _capture(paras: list[str], head: str, date_line: str, extra_tail: list[str]) -> str:
    lines = ["Home", "News", "Sport", head, "By Ilse Moberg", date_line, *paras, *extra_tail, "Related", "- Ferry fares to rise in June", "\u00a9 2022 Kestrel Ledger"]
    return "\n".join(lines)


def test_feed_meta_preferred_and_date_checked() -> None:
    text = _capture(["OSLO, Sept. 5 (UPI) -- " + PARAS[1], *PARAS[3:]], "Council closes swing bridge", "Published: Sep 05 2022", [])
    meta = {"title": "Feed title", "published": "2022-12-20", "outlet": "Feed Outlet", "url": "https://feed.example/a", "byline": "Ann Lee and Bo Kim"}
    art = extract(_doc(text, meta=meta))
    assert (art.title, art.outlet, art.url) == ("Feed title", "Feed Outlet", "https://feed.example/a")
    assert art.byline == ["Ann Lee", "Bo Kim"]
    assert art.published == "2022-12-20" and art.published_evidence.startswith("feed")
    assert "date_suspect" in art.flags and "Sept. 5" in art.flag_reasons["date_suspect"]
    same = extract(_doc(text))
    assert same.published == "2022-09-05" and "date_suspect" not in same.flags
    assert same.wire == "UPI" and same.dateline == "Oslo"


def test_template_memory_per_outlet() -> None:
    """A prose line the outlet repeats under every article is template; shared wire text is not."""
    promo = "The Kestrel Ledger has served the valley since 1921 and is owned by the people who read it."
    stories = [
        [f"Story {k}: the harbour council met on day {k} and agreed to study the bridge budget again next month.",
         f"Members said on day {k} that the repair schedule could change if the weather turned bad over the summer."]
        for k in range(5)
    ]
    docs = [_doc(_capture(s, f"Council meets on day {k}", "Published: May 0{k + 1} 2022", [promo]), meta={"outlet": "Kestrel Ledger"}, source=f"kl{k}")
            for k, s in enumerate(stories)]
    copy_elsewhere = _doc(_capture(stories[0], "Council meets", "Published: May 01 2022", []), meta={"outlet": "Other Paper"}, source="op")
    alone = extract(docs[0])
    assert promo in alone.body  # without memory a prose promo right after the article is taken
    arts = {a.source: a for a in Extract().run([*docs, copy_elsewhere])}
    for k in range(5):
        assert promo not in arts[f"kl{k}"].body
        assert arts[f"kl{k}"].paragraphs == stories[k]
    assert arts["op"].paragraphs == stories[0]
    assert "date_suspect" not in arts["op"].flags


def test_memory_flags_a_late_repost() -> None:
    paras = PARAS[1:]
    first = _doc(_capture(paras, "Council closes swing bridge", "Published: May 10 2022", []), meta={"outlet": "A"}, source="a")
    late = _doc(_capture(paras, "Council closes swing bridge", "Date: 2024-02-01 10:00:00", []), meta={"outlet": "B"}, source="b")
    mem = TemplateMemory()
    arts = {a.source: a for a in Extract(mem).run([late, first])}
    assert "date_suspect" not in arts["a"].flags
    assert "2022-05-10" in arts["b"].flag_reasons["date_suspect"]
    restored = TemplateMemory.from_dict(mem.to_dict())
    assert "date_suspect" in extract(late, restored).flags


def test_empty_and_furniture_only() -> None:
    art = extract(_doc(""))
    assert art.body == "" and art.title is None and art.labels[0].line == 1
    art = extract(_doc("Home\nNews\nSubscribe now\n\u00a9 2022 Kestrel Ledger"))
    assert art.body == "" and art.title is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120), max_size=30))
def test_any_text_gives_one_label_per_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    art = extract(_doc(text))
    n = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert len(art.labels) == n
    assert art.body == "\n\n".join(lab.text for lab in art.labels if lab.label == "body")


def test_prose_in_other_languages() -> None:
    de = [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Drehbr\u00fccke f\u00fcr mindestens zwei Monate zu sperren.",
        "B\u00fcrgermeisterin Ilse Varga sagte, die Sperrung sei n\u00f6tig, weil die Ingenieure Risse in den St\u00fctzen gefunden h\u00e4tten.",
        "Die F\u00e4hren sollen in den Sto\u00dfzeiten h\u00e4ufiger fahren, und zwei Buslinien werden durch den Tunnel umgeleitet.",
    ]
    zh = [
        "\u6e2f\u53e3\u8bae\u4f1a\u5468\u4e8c\u6295\u7968\u51b3\u5b9a\uff0c\u65e7\u5e73\u8f6c\u6865\u5c06\u81f3\u5c11\u5173\u95ed\u4e24\u4e2a\u6708\uff0c\u4ee5\u4fbf\u5de5\u7a0b\u5e08\u4fee\u590d\u5728\u6865\u58a9\u4e2d\u53d1\u73b0\u7684\u88c2\u7f1d\uff0c\u5e02\u957f\u8868\u793a\u8fd9\u662f\u552f\u4e00\u5b89\u5168\u7684\u9009\u62e9\u3002",
        "\u6e21\u8f6e\u516c\u53f8\u8868\u793a\u5c06\u5728\u65e9\u665a\u9ad8\u5cf0\u65f6\u6bb5\u589e\u52a0\u73ed\u6b21\uff0c\u516c\u4ea4\u516c\u53f8\u4e5f\u5c06\u4e24\u6761\u7ebf\u8def\u6539\u9053\u7ecf\u8fc7\u5317\u90e8\u96a7\u9053\uff0c\u9884\u8ba1\u7ef4\u4fee\u8d39\u7528\u7ea6\u4e3a\u56db\u767e\u4e07\u3002",
    ]
    for paras in (de, zh):
        art = extract(_doc(_capture(paras, "Rat sperrt Drehbr\u00fccke", "Published: May 10 2022", [])))
        assert art.paragraphs == paras
    assert extract(_doc(_capture(de, "Rat sperrt Drehbr\u00fccke", "10.05.2022", []))).language == "de"


def test_wire_copies_pooled_under_a_guessed_key_keep_their_body() -> None:
    """Outlets unknown, same first line: shared wire prose is not template."""
    story = [
        "The harbour council agreed on Tuesday to study the bridge budget again next month, officials said.",
        "Members said the repair schedule could change if the weather turned bad over the summer months.",
    ]
    docs = [_doc(_capture(story, f"Council meets again {k}", "Published: May 01 2022", []).replace("Home\n", f"Home\nSection {k}\n", 1), source=f"s{k}")
            for k in range(5)]
    arts = list(Extract().run(docs))
    assert all(a.paragraphs == story for a in arts)
