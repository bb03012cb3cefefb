"""Render synthetic articles into captures: text dumps, HTML pages, JSONL records.

Page furniture (menus, offers, tickers, captions, teasers of other stories with
"N hours ago" stamps, share buttons, footers) is drawn per capture from small pools, so
an extractor cannot learn one fixed layout.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import random
from typing import Any

from . import vocab
from .events import Written
from .grammar import realise
from .kinds import KINDS

MENUS = ["News", "Local", "Region", "Business", "Sport", "Opinion", "Culture", "Weather",
         "Obituaries", "Puzzles", "Video", "Podcasts", "Jobs", "Property"]
OFFERS = [
    ["Subscribe from 1 crown for 4 weeks", "Log in"],
    ["Save this story for later", "Keep stories on your reading list and return to them whenever you like."],
    ["Digital Basic", "9 crowns", "per month", "Digital Plus", "89 crowns", "per year", "SAVE 18%",
     "Subscribe now"],
    ["Sign up for our morning newsletter", "Enter your email address", "Sign up"],
    ["Get unlimited access", "2 crowns a week for 12 weeks", "Subscribe"],
]
TICKERS = ["  • VALX {a:,.2f} {b:+.2f} {c:+.2f}%", "  • CRN/EUR 0.09{d:02d} {e:+.4f}",
           "  • Brent {f:.2f} {g:+.2f}"]
SHARES = [["Share this article", "Facebook", "X", "Email", "Copy link"], ["Share", "Save", "Print"],
          ["Share on Facebook", "Share on X", "Comments ({k})"]]
FOOTERS = ["© 2026 {outlet}. All rights reserved.", "About us | Contact | Advertise | Privacy",
           "Terms of use", "Cookie settings", "{outlet} is part of Coastal Print Group."]
CAPTIONS = ["Emergency crews at the scene. Credit: {who}", "PHOTO: {who}",
            "Residents watch from across the road. Credit: {who}/Staff",
            "File photo of the site in 2024. (Photo: {who})"]
STAMPS = ["1 hour ago", "2 hours ago", "3 hours ago", "5 hours ago", "9 hours ago", "1 day ago"]


def teaser_headlines(rng: random.Random, k: int) -> list[str]:
    """Headlines of other, unrelated stories for 'Latest Headlines' blocks."""
    return rng.sample(_teaser_pool(), k)


@functools.lru_cache(maxsize=1)
def _teaser_pool() -> list[str]:
    """A fixed pool of invented headlines: drawing from it is much faster than writing them."""
    rng = vocab.FastRandom("teasers")
    out = []
    for _ in range(2000):
        spec = KINDS[rng.choice(list(KINDS))]
        facts = {"place": vocab.place(rng), "company": vocab.company(rng),
                 "thing": rng.choice(spec["thing"]), "n": rng.randint(2, 60),
                 "region": rng.choice(vocab.REGIONS)}
        out.append(realise(rng.choice(spec["headline"]), rng, facts))
    return out


def _date_line(iso: str, rng: random.Random) -> str:
    d = dt.date.fromisoformat(iso)
    hh, mm = rng.randint(6, 22), rng.randrange(60)
    style = rng.randrange(4)
    if style == 0:
        return f"Published {d:%A} {d.day} {d:%B} {d.year}, {hh:02d}:{mm:02d}"
    h12 = (hh - 1) % 12 + 1
    if style == 1:
        return f"Updated: {d:%b} {d.day:02d} {d.year} | {h12}:{mm:02d} {'AM' if hh < 12 else 'PM'}"
    if style == 2:
        return f"{d:%B} {d.day}, {d.year} at {h12}:{mm:02d} {'a.m.' if hh < 12 else 'p.m.'}"
    return f"Date:{iso} {hh:02d}:{mm:02d}:{rng.randrange(60):02d}"


def render_text(art: Written, rng: random.Random) -> tuple[str, list[int]]:
    """A browser text dump of the whole page; returns it and the 1-based body lines."""
    blocks: list[tuple[str, bool]] = []
    blocks.append((art.outlet, False))
    blocks.append((" | ".join(rng.sample(MENUS, rng.randint(4, 8))), False))
    if rng.random() < 0.3:
        for t in TICKERS:
            blocks.append((t.format(a=rng.uniform(4000, 5000), b=rng.uniform(-40, 40),
                                    c=rng.uniform(-1, 1), d=rng.randrange(100),
                                    e=rng.uniform(-0.001, 0.001), f=rng.uniform(70, 90),
                                    g=rng.uniform(-2, 2)), False))
    blocks += [(x, False) for x in rng.choice(OFFERS)]
    if rng.random() < 0.5:
        blocks.append((f"Home > {rng.choice(MENUS)} > {rng.choice(vocab.REGIONS)}", False))
    blocks.append((art.title, False))
    if art.byline:
        blocks.append((f"By {', '.join(art.byline)}", False))
    if art.claimed_date:
        blocks.append((_date_line(art.claimed_date, rng), False))
    caption_at = rng.randrange(1, len(art.paras)) if rng.random() < 0.5 else -1
    for i, para in enumerate(art.paras):
        if i == caption_at:
            blocks.append((rng.choice(CAPTIONS).format(who=vocab.person(rng)), False))
        blocks.append((para, True))
    if art.wire:
        blocks += [("___", False), (f"{vocab.person(rng)} contributed to this report.", False)]
    blocks += [(s.format(k=rng.randrange(90)), False) for s in rng.choice(SHARES)]
    blocks.append((rng.choice(["Latest Headlines", "Most read", "Related", "More stories"]), False))
    teasers = teaser_headlines(rng, rng.randint(2, 5))
    for head, stamp in zip(teasers, rng.sample(STAMPS, 5), strict=False):
        blocks += [(head, False), (stamp, False)]
    blocks += [(f.format(outlet=art.outlet), False) for f in rng.sample(FOOTERS, 2)]
    blank = rng.random() < 0.5
    lines: list[str] = []
    body: list[int] = []
    for text, is_body in blocks:
        if blank and lines:
            lines.append("")
        lines.append(text)
        if is_body:
            body.append(len(lines))
    return "\n".join(lines) + "\n", body


def article_html(art: Written, rng: random.Random, meta: bool = True) -> str:
    e = html.escape
    parts = [f"<article><h1>{e(art.title)}</h1>"]
    if art.byline:
        parts.append(f'<p class="byline">By {e(", ".join(art.byline))}</p>')
    if meta and art.claimed_date:
        shown = e(_date_line(art.claimed_date, rng))
        parts.append(f'<time datetime="{art.claimed_date}">{shown}</time>')
    cap = rng.randrange(1, len(art.paras)) if rng.random() < 0.5 else -1
    for i, p in enumerate(art.paras):
        if i == cap:
            parts.append(f'<figure><img src="/i/{i}.jpg" alt=""><figcaption>PHOTO: '
                         f"{e(vocab.person(rng))}</figcaption></figure>")
        parts.append(f"<p>{e(p)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def render_html(art: Written, rng: random.Random) -> str:
    """A whole page: metadata in head, nav, the article, an aside of teasers, a footer."""
    e = html.escape
    head = [f"<title>{e(art.title)} | {e(art.outlet)}</title>",
            f'<meta property="og:title" content="{e(art.title)}">',
            f'<meta property="og:site_name" content="{e(art.outlet)}">']
    if art.claimed_date:
        head.append('<meta property="article:published_time" '
                    f'content="{art.claimed_date}T08:00:00Z">')
    if art.byline:
        head.append(f'<meta name="author" content="{e(", ".join(art.byline))}">')
    nav = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in rng.sample(MENUS, 6))
    aside = "".join(f'<li><a href="#">{e(h)}</a> <span>{s}</span></li>'
                    for h, s in zip(teaser_headlines(rng, 3), rng.sample(STAMPS, 3), strict=True))
    offer = " ".join(rng.choice(OFFERS))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{"".join(head)}</head>\n'
            f"<body><header><div class=\"logo\">{e(art.outlet)}</div><nav><ul>{nav}</ul></nav>"
            f"<div class=\"promo\">{e(offer)}</div></header>\n<main>{article_html(art, rng)}\n"
            f"<aside><h2>Latest Headlines</h2><ul>{aside}</ul></aside></main>\n"
            f"<footer><p>{e(art.outlet)}</p><p>Privacy | Terms</p></footer></body></html>\n")


def render_record(art: Written, rng: random.Random, url: str) -> dict[str, Any]:
    """One JSONL feed record; optional fields are sometimes left out, as real feeds do."""
    rec: dict[str, Any] = {"url": url}
    if rng.random() < 0.9:
        rec["title"] = art.title
    if rng.random() < 0.25:
        rec["html"] = article_html(art, rng, meta=False)
    else:
        rec["text"] = "\n\n".join(art.paras)
    if art.claimed_date:
        rec["published"] = f"{art.claimed_date}T{rng.randint(6, 22):02d}:00:00Z"
    rec["outlet"] = art.outlet
    if art.byline and rng.random() < 0.7:
        rec["byline"] = ", ".join(art.byline)
    return rec


def dumps(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False)
