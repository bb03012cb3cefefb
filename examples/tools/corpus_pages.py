"""Page furniture of the fictional outlets, and rendering of articles into captures.

A text capture is what a browser's "save as text" gives: one block per line, menus,
offers, tickers, captions and teasers of other stories around the article. An HTML
capture keeps that furniture in ``header``/``nav``/``aside``/``footer`` around an
``<article>``. Rendering returns the capture and, for text, where the body lines are.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

# Each outlet: its menu, offers, teasers of other (fictional) stories, footer, and how
# it prints dates. Teasers deliberately look like news: they are the main trap.
OUTLETS: dict[str, dict[str, Any]] = {
    "The Harbour Courier": {
        "blank_lines": True,
        "top": ["Skip to main content", "The Harbour Courier",
                "News | Port & Shipping | Business | Sport | Opinion | Weather | Puzzles",
                "Subscribe from 1 crown for 4 weeks", "Log in"],
        "crumbs": "Home > News > Port Aldine",
        "date": "Published {wd} {d} {Month} {y}, {hm}",
        "share": ["Share this article", "Facebook", "X", "Email", "Copy link"],
        "after": ["Topics: Port Aldine | Shipping | Aldine Coast", "Report an error"],
        "teasers_title": "Latest Headlines",
        "teasers": [
            ("Harbour Board delays vote on cruise terminal again", "2 hours ago"),
            ("Aldine Rovers sign goalkeeper from Valemont City", "3 hours ago"),
            ("Lighthouse keeper's cottage sells for record 2.1m crowns", "5 hours ago"),
            ("Weekend forecast: gales on the coast, sun inland", "6 hours ago"),
        ],
        "bottom": ["Sign up for The Morning Tide newsletter",
                   "Enter your email address", "Sign up",
                   "© 2026 The Harbour Courier. All rights reserved.",
                   "About us | Contact | Advertise | Privacy | Terms"],
    },
    "Aldine Evening Post": {
        "blank_lines": False,
        "top": ["Aldine Evening Post", "Menu", "Search",
                "Local  Region  Business  Sport  Culture  Obituaries",
                "Save articles for later",
                "Keep stories on your reading list and return to them whenever you like."],
        "crumbs": None,
        "date": "Updated: {Mon3} {d} {y} | {hm12}",
        "share": ["Share", "Save", "Gift this article"],
        "after": ["Comments are closed for this article."],
        "teasers_title": "Most read",
        "teasers": [
            ("Night buses to return on three routes from May", "1 hour ago"),
            ("Review: a fish soup worth crossing the bay for", "4 hours ago"),
            ("Teachers accept 4.5 per cent pay offer", "7 hours ago"),
        ],
        "bottom": ["Subscribe to the Evening Post",
                   "Digital Basic", "9 crowns", "per month",
                   "Digital Plus", "89 crowns", "per year", "SAVE 18%",
                   "Subscribe now", "Already a subscriber? Log in",
                   "Aldine Evening Post is part of Coastal Print Group."],
    },
    "Marrowick Daily Ledger": {
        "blank_lines": False,
        "top": ["MARROWICK DAILY LEDGER", "Sections", "City Hall", "Crime", "Business",
                "Schools", "Sport", "Opinion", "E-edition", "Sign up | Log in"],
        "crumbs": "Home / News / Marrowick",
        "date": "{Month} {d}, {y} at {hm12}",
        "share": ["Share on Facebook", "Share on X", "Print"],
        "after": ["Have a news tip? Email newsdesk@marrowickledger.example", "Comments (14)"],
        "teasers_title": "Latest Headlines",
        "teasers": [
            ("Tram line 4 closed for two weekends of track work", "2 hours ago"),
            ("Marrowick Athletic sack manager after eighth defeat", "3 hours ago"),
            ("School meals contract goes to Valemont firm", "9 hours ago"),
            ("Police appeal after cyclist hurt on Brindle Road", "1 day ago"),
        ],
        "bottom": ["Related", "Opinion: Marrowick needs homes, not monuments",
                   "Photos: forty years of the Marrow river festival",
                   "Get the Ledger delivered. 4 weeks for 4 crowns", "Subscribe",
                   "Copyright 2026 Marrowick Daily Ledger"],
    },
    "Eastgate Business Review": {
        "blank_lines": True,
        "top": ["Eastgate Business Review",
                "  • VALX 4,812.30 +21.45 +0.45%",
                "  • VALX MidCap 1,902.11 -3.07 -0.16%",
                "  • CRN/EUR 0.0912 +0.0003 +0.33%",
                "  • Brent 81.42 -0.61 -0.74%",
                "View Market Snapshot",
                "Markets | Companies | Property | Tech | Energy | Personal Finance"],
        "crumbs": None,
        "date": "{d} {Month} {y} {hm}",
        "share": ["Share", "Save", "Print"],
        "after": ["This article is for information only and is not investment advice."],
        "teasers_title": "More from Companies",
        "teasers": [
            ("Coastal Print Group weighs sale of regional titles", "Companies // 2 hours ago"),
            ("Valemont exchange extends trading hours from June", "Markets // 5 hours ago"),
            ("Brightwater Grid raises dividend despite storm costs", "Energy // 1 day ago"),
        ],
        "bottom": ["Get the Review's Morning Brief", "Sign up",
                   "Premium: 14 crowns/month. First month free.",
                   "© Eastgate Media 2026"],
    },
}

HTML_OUTLETS: dict[str, dict[str, Any]] = {
    "Coastline 24": {
        "nav": ["Home", "Coast", "World", "Money", "Lifestyle", "Video"],
        "aside_title": "Trending now",
        "aside": [("Ten hidden beaches you can still reach by bus", "4 hours ago"),
                  ("Why your electricity bill is about to change", "6 hours ago"),
                  ("Quiz: how well do you know the Aldine Coast?", "1 day ago")],
        "footer": ["Coastline 24 aggregates news from partners.", "Privacy", "Cookies", "Contact"],
        "date": "{Month} {d}, {y}",
    },
    "Valemont Tribune": {
        "nav": ["Region", "Politics", "Business", "Culture", "Sport", "Opinion"],
        "aside_title": "Latest Headlines",
        "aside": [("Regional budget: what changes for families", "2 hours ago"),
                  ("Valemont opera house to close for two-year refit", "3 hours ago"),
                  ("Storm warning lifted for the northern hills", "8 hours ago")],
        "footer": ["Subscribe to the Tribune: 3 months for 10 crowns", "Newsletters",
                   "© 2026 Valemont Tribune Ltd."],
        "date": "{wd}, {d} {Month} {y}",
    },
    "Eastgate Business Review": {
        "nav": ["Markets", "Companies", "Property", "Tech", "Energy"],
        "aside_title": "Market data",
        "aside": [("VALX 4,788.02 -39.12 -0.81%", "15 min delayed"),
                  ("Haleward Holdings 41.20 -2.63 -6.00%", "15 min delayed"),
                  ("Brightwater Grid raises dividend despite storm costs", "1 day ago")],
        "footer": ["Premium: 14 crowns/month. First month free.", "© Eastgate Media 2026"],
        "date": "{d} {Month} {y}",
    },
    "The Granary Herald": {
        "nav": ["Town", "Farming", "Schools", "What's on", "Letters", "Notices"],
        "aside_title": "Also in the Herald",
        "aside": [("Tessaly show returns with record entries for heavy horses", "3 hours ago"),
                  ("Library opening hours cut over summer", "5 hours ago"),
                  ("Letters: the bypass, the bins and the bell tower", "1 day ago")],
        "footer": ["The Granary Herald, serving the Tessaly valley since 1887.",
                   "Support local news: 5 crowns a month"],
        "date": "{wd} {d} {Month} {y}",
    },
    "Meridian Online": {
        "nav": ["Coast", "Cities", "Regions", "Climate", "Explainers"],
        "aside_title": "Latest Headlines",
        "aside": [("Valemont to trial four-day week for council staff", "1 hour ago"),
                  ("Ferry fares to rise 6 per cent in autumn", "2 hours ago"),
                  ("Northern hills wind farm gets green light", "7 hours ago")],
        "footer": ["Meridian Online is reader-funded. Become a member from 6 crowns.",
                   "About | Corrections | Contact"],
        "date": "{d} {Month} {y}",
    },
}


def _fmt(template: str, iso: str, minute_seed: int) -> str:
    """Print an ISO date in an outlet's style, with a deterministic time of day."""
    d = dt.date.fromisoformat(iso)
    hour, minute = 10 + minute_seed % 9, (minute_seed * 7) % 60
    h12 = hour % 12 or 12
    return template.format(
        wd=d.strftime("%A"), d=d.day, Mon3=d.strftime("%b"), Month=d.strftime("%B"), y=d.year,
        hm=f"{hour:02d}:{minute:02d}", hm12=f"{h12}:{minute:02d} {'AM' if hour < 12 else 'PM'}",
    )


def render_txt(art: dict[str, Any], seed: int) -> tuple[str, list[int]]:
    """A text dump of the whole page; returns the text and the 1-based body line numbers."""
    o = OUTLETS[art["outlet"]]
    blocks: list[tuple[str, bool]] = [(b, False) for b in o["top"]]
    if o["crumbs"]:
        blocks.append((o["crumbs"], False))
    blocks.append((art["title"], False))
    if art.get("byline_text"):
        blocks.append((art["byline_text"], False))
    if art["claimed"]:
        blocks.append((_fmt(o["date"], art["claimed"], seed), False))
    blocks += [(s, False) for s in o["share"]]
    cap_at, cap = art.get("caption") or (-1, "")
    for i, para in enumerate(art["paras"]):
        if i == cap_at:
            blocks.append((cap, False))
        blocks.append((para, True))
    if art.get("credit"):
        blocks += [("___", False), (art["credit"], False)]
    if art.get("related"):  # links to earlier stories of a storyline: a trap for clustering
        blocks += [("Read more", False)] + [(h, False) for h in art["related"]]
    blocks += [(s, False) for s in o["after"]]
    blocks.append((o["teasers_title"], False))
    for head, stamp in o["teasers"]:
        blocks += [(head, False), (stamp, False)]
    blocks += [(b, False) for b in o["bottom"]]
    lines: list[str] = []
    body: list[int] = []
    for text, is_body in blocks:
        if o["blank_lines"] and lines:
            lines.append("")
        lines.append(text)
        if is_body:
            body.append(len(lines))
    return "\n".join(lines) + "\n", body


def article_html(art: dict[str, Any], with_meta: bool = True) -> str:
    """The ``<article>`` element: headline, byline, time, figure and paragraphs."""
    e = html.escape
    parts = [f"<article>\n<h1>{e(art['title'] or '')}</h1>"]
    if art.get("byline_text"):
        parts.append(f'<p class="byline">{e(art["byline_text"])}</p>')
    if with_meta and art["claimed"]:
        o = HTML_OUTLETS.get(art["outlet"], {"date": "{d} {Month} {y}"})
        parts.append(f'<time datetime="{art["claimed"]}T09:30:00+01:00">'
                     f'{e(_fmt(o["date"], art["claimed"], 3))}</time>')
    cap_at, cap = art.get("caption") or (-1, "")
    for i, para in enumerate(art["paras"]):
        if i == cap_at:
            parts.append(f'<figure><img src="/img/{i}.jpg" alt="">'
                         f"<figcaption>{e(cap)}</figcaption></figure>")
        parts.append(f"<p>{e(para)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def render_html(art: dict[str, Any]) -> str:
    """A whole HTML page: head metadata, nav, the article, an aside of teasers, a footer."""
    e = html.escape
    o = HTML_OUTLETS[art["outlet"]]
    head = [f"<title>{e(art['title'])} | {e(art['outlet'])}</title>",
            f'<meta property="og:title" content="{e(art["title"])}">',
            f'<meta property="og:site_name" content="{e(art["outlet"])}">']
    if art["claimed"]:
        head.append(f'<meta property="article:published_time" '
                    f'content="{art["claimed"]}T09:30:00+01:00">')
    if art["byline"]:
        head.append(f'<meta name="author" content="{e(", ".join(art["byline"]))}">')
    if art.get("url"):
        head.append(f'<link rel="canonical" href="{e(art["url"])}">')
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
          "datePublished": art["claimed"], "publisher": {"@type": "Organization",
                                                          "name": art["outlet"]}}
    head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    nav = "".join(f'<li><a href="/{n.lower()}">{e(n)}</a></li>' for n in o["nav"])
    aside = "".join(f'<li><a href="#">{e(h)}</a> <span class="ago">{e(s)}</span></li>'
                    for h, s in o["aside"])
    foot = "".join(f"<p>{e(f)}</p>" for f in o["footer"])
    related = ""
    if art.get("related"):  # links to earlier stories of a storyline: a trap for clustering
        links = "".join(f'<li><a href="#">{e(h)}</a></li>' for h in art["related"])
        related = f'<section class="related"><h2>Read more</h2><ul>{links}</ul></section>\n'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "\n".join(head)
        + f"\n</head>\n<body>\n<header><div class=\"logo\">{e(art['outlet'])}</div>\n"
        f"<nav><ul>{nav}</ul></nav>\n"
        "<div class=\"promo\">Sign up for our free daily newsletter <button>Sign up</button>"
        "</div></header>\n<main>\n"
        + article_html(art)
        + "\n<div class=\"share\">Share: Facebook | X | Email | Copy link</div>\n"
        + related
        + f"<aside><h2>{e(o['aside_title'])}</h2><ul>{aside}</ul></aside>\n</main>\n"
        f"<footer>{foot}</footer>\n</body>\n</html>\n"
    )


def render_jsonl_record(art: dict[str, Any]) -> dict[str, Any]:
    """One feed record: url, title, text or html, published, outlet; absent fields omitted."""
    rec: dict[str, Any] = {}
    if art.get("url"):
        rec["url"] = art["url"]
    if art["title"]:
        rec["title"] = art["title"]
    if art.get("html"):
        rec["html"] = ("<div class=\"feed-item\">" + article_html(art, with_meta=False)
                       + "<p class=\"related\">Related: <a href=\"#\">More from the coast</a></p>"
                       "</div>")
    else:
        rec["text"] = "\n\n".join(art["paras"])
    if art["claimed"]:
        rec["published"] = f"{art['claimed']}T{7 + len(art['paras']):02d}:15:00+01:00"
    rec["outlet"] = art["outlet"]
    if art["byline"]:
        rec["byline"] = ", ".join(art["byline"])
    return rec
