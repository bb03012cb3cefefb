"""Generate the fictional labelled set for bench_extract.py (deterministic).

Fictional outlets, people and places only. Each page is rendered as HTML with realistic
furniture (navigation, tickers, captions, prompts, teasers with freshness stamps, related
lists, footers), and as the plain-text dump a browser would give (one block per line).
Gold: the article's paragraphs, title, outlet, date, wire. Outlets 0-7 are for tuning,
8-11 are held out of any tuning.

    python benchmarks/extract_data/make_set.py   # writes benchmarks/extract_data/pages.jsonl.gz
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).with_name("pages.jsonl.gz")
FIRST = "Mara Tobin Elsa Kofi Ravi Lena Otto Ines Yusuf Greta Milo Anya Dario Hana Felix Noor".split()
LAST = "Vell Ostrander Quayle Marchetti Odum Brenn Saltz Ferreira Ivers Kallas Dunmore Petrak Lindqvist".split()
PLACES = "Port Veldra|Marrow County|Eastholm|New Carran|the Selwyn Valley|Brightwater|Halden Bay|Orvik".split("|")
ORGS = "the Harbour Authority|the Veldra Transit Board|Carran Mining Co.|the Eastholm council|the Regional Water Trust|Selwyn Agricultural Union|the Ministry of Coastal Affairs".split("|")
ROLES = "spokeswoman|chief executive|mayor|director|chairman|analyst|deputy minister|union leader".split("|")
TOPICS = "bridge repairs|water rationing|a port expansion|the transit strike|a mining permit|flood defences|school closures|a tax on ferries".split("|")
VERBS = "approve|delay|review|fund|reject|expand|suspend|audit".split("|")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()
WIRES = {"AP": "(AP)", "Reuters": "(Reuters)", "AFP": "(AFP)", "UPI": "(UPI)"}
OUTLETS = [
    "Veldra Courier", "Eastholm Ledger", "The Carran Post", "Harbour Daily", "Selwyn Gazette", "Orvik Times",
    "Brightwater Observer", "Marrow Chronicle", "Halden Herald", "Coastline Business Review", "The Northern Dispatch",
    "Valley Star Online",
]


def person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def sentence(r: random.Random, topic: str) -> str:
    p, org, place = person(r), r.choice(ORGS), r.choice(PLACES)
    forms = [
        lambda: f"{p}, the {r.choice(ROLES)} of {org}, said on {r.choice(WEEKDAYS)} that officials would {r.choice(VERBS)} plans for {topic} before the end of the year.",
        lambda: f"Residents of {place} have complained for months that {topic} has been handled poorly, and several groups have asked for an independent inquiry.",
        lambda: f"The decision follows a long dispute between {org} and local businesses over who should pay for {topic} and how quickly work could begin.",
        lambda: f"According to figures published by {org}, costs have risen by {r.randint(5, 60)} percent since the project was first proposed in {place}.",
        lambda: f"\u201cWe cannot keep waiting while families in {place} pay the price,\u201d {p} told reporters outside the meeting.",
        lambda: f"Critics say the plan to {r.choice(VERBS)} {topic} ignores warnings from engineers who inspected the site last spring.",
        lambda: f"{p} said the board would meet again next week, although no formal vote on {topic} has been scheduled.",
        lambda: f"It was not immediately clear whether {org} would appeal the ruling, which could delay {topic} by several months.",
        lambda: f"Officials in {place} estimated that about {r.randint(2, 90)},000 people would be affected by the changes.",
        lambda: f"The proposal to {r.choice(VERBS)} {topic} was first discussed in {place} two years ago but stalled amid budget cuts.",
    ]
    return r.choice(forms)()


def paragraph(r: random.Random, topic: str) -> str:
    if r.random() < 0.12:
        return f"\u201c{r.choice(['That is simply not true', 'We will keep fighting', 'Nobody asked us', 'It is a good start'])},\u201d {person(r)} said."
    return " ".join(sentence(r, topic) for _ in range(r.randint(1, 3)))


def headline(r: random.Random, topic: str) -> str:
    t = topic[0].upper() + topic[1:]
    return r.choice([
        f"{t} in {r.choice(PLACES)} faces new delay as costs climb",
        f"{r.choice(ORGS).replace('the ', '').title()} moves to {r.choice(VERBS)} {topic}",
        f"Residents push back on plan for {topic} in {r.choice(PLACES)}",
        f"Officials weigh {topic} after months of dispute",
    ])


def page(r: random.Random, oi: int, style: random.Random, k: int) -> dict:
    outlet = OUTLETS[oi]
    topic = r.choice(TOPICS)
    title = headline(r, topic)
    day = date(2024, 1, 1) + timedelta(days=r.randint(0, 600))
    wire = r.choice([None, None, *WIRES]) if style.random() < 0.99 else None
    city = r.choice(PLACES).replace("the ", "").upper()
    paras: list[str] = []
    for _ in range(r.randint(4, 14)):
        p = paragraph(r, topic)
        sents = {x.rstrip(".") for x in p.split(". ")}
        if all(p[:40] != q[:40] and not sents & {x.rstrip(".") for x in q.split(". ")} for q in paras):
            paras.append(p)  # articles do not repeat a paragraph or a sentence
    if wire and style_flag(oi, 0):
        paras[0] = f"{city} {WIRES[wire]} \u2014 " + paras[0]
    elif style_flag(oi, 1):
        paras[0] = f"{city.title()}: " + paras[0]
    blocks: list[tuple[str, str]] = []  # (tag, text); tag decides the HTML element
    add = blocks.append
    if style_flag(oi, 16):
        add(("div", "We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies."))
    if style_flag(oi, 2):
        add(("nav", "Skip to content"))
    for sec in ["Home", "News", "Business", "Sport", "Opinion", "Culture"][: 3 + oi % 4]:
        add(("li", sec))
    if style_flag(oi, 3):
        for name in ["VLD 40", "ORX", "Gold"]:
            add(("li", f"{name} {r.uniform(100, 3000):.2f} {r.choice('+-')}{r.uniform(0, 9):.2f} {r.choice('+-')}{r.uniform(0, 2):.2f}%"))
    if style_flag(oi, 4):
        add(("div", f"Home > News > {title} | {outlet}"))
    add(("h1", title))
    if style_flag(oi, 5):
        add(("p.deck", f"The move comes after {r.choice(ORGS)} raised concerns about {topic}"))
    by = person(r)
    fmt = [f"{day:%b %d, %Y}", f"{day:%d %B %Y}", f"{day.isoformat()}", f"{day:%B} {day.day}, {day.year} / {r.randint(1, 12)}:{r.randint(10, 59)} PM"][oi % 4]
    add(("div.byline", f"By {by}"))
    add(("time", ["Published: ", "Updated ", "", "Posted on "][oi % 4] + fmt))
    if style_flag(oi, 6):
        add(("div", f"{r.randint(2, 9)} min read"))
    if style_flag(oi, 7):
        cap = f"{person(r)} speaks to residents in {r.choice(PLACES)} on {r.choice(WEEKDAYS)}.Credit: {r.choice(['Staff', 'File', outlet])}"
        add(("figcaption", cap))
    else:
        cap = f"A view of {r.choice(PLACES)} during the dispute over {topic}. PHOTO: {person(r).upper()}/{outlet.upper()}"
        add(("figcaption", cap))
        if style_flag(oi, 8):
            add(("figcaption", cap))
    body_idx: list[int] = []
    for i, p in enumerate(paras):
        body_idx.append(len(blocks))
        add(("p", p))
        if i == 2 and style_flag(oi, 17) and len(paras) > 4:
            add(("blockquote", paras[1].split(". ")[0].rstrip(".") + "."))
        if i == len(paras) // 2 and style_flag(oi, 9):
            add(("aside", "Advertisement"))
        if i == 1 and style_flag(oi, 10):
            add(("aside", f"Read more: {headline(r, r.choice(TOPICS))}"))
        if i == len(paras) // 3 and style_flag(oi, 11) and len(paras) > 5:
            add(("figcaption", f"{person(r)} at a hearing in {r.choice(PLACES)}. (Photo by {person(r)}/{outlet})"))
    if wire and not style_flag(oi, 0):
        add(("p.credit", wire))
    if style_flag(oi, 12):
        add(("p.credit", f"{person(r)} contributed to this report."))
    if style_flag(oi, 18):
        add(("p.bio", f"{by} is a reporter for {outlet} covering transport, housing and local government."))
    add(("div", f"Get the best of {outlet} in your inbox. Sign up for our morning newsletter."))
    add(("h3", r.choice(["Related", "More from this section", "Latest Headlines", "You may also like"])))
    for _ in range(r.randint(3, 7)):
        t2 = headline(r, r.choice(TOPICS))
        if style_flag(oi, 13):
            add(("li", t2))
            add(("span", f"News // {r.randint(1, 23)} hours ago"))
            add(("li", t2))
            add(("p.teaser", sentence(r, r.choice(TOPICS))))
        elif style_flag(oi, 19):
            add(("li", t2))
            add(("p.teaser", sentence(r, r.choice(TOPICS))))
        else:
            add(("li", "- " + t2))
    if style_flag(oi, 14):
        add(("div", f"Comments ({r.randint(0, 40)})"))
        for _ in range(r.randint(1, 4)):
            add(("div", f"{r.choice(FIRST)}{r.randint(1, 99)}"))
            add(("span", f"{r.randint(1, 59)} minutes ago"))
            add(("p.comment", f"Honestly the council has been promising this for years and nothing ever changes in {r.choice(PLACES)}, so I will believe it when I see it."))
    add(("footer", f"\u00a9 {day.year} {outlet}. All rights reserved."))
    add(("footer", "Privacy Policy"))
    return {
        "id": f"o{oi:02d}-{k:03d}", "outlet": outlet, "split": "tune" if oi < 8 else "heldout",
        "title": title, "published": day.isoformat(), "wire": wire, "body": paras,
        "html": render_html(blocks, title, outlet, day), "text": render_text(blocks, blank=style_flag(oi, 15)),
    }


def style_flag(oi: int, bit: int) -> bool:
    """Per-outlet furniture choices: a fixed pseudo-random bit pattern per outlet."""
    return bool((random.Random(1000 + oi).getrandbits(24) >> bit) & 1)


def render_html(blocks: list[tuple[str, str]], title: str, outlet: str, day: date) -> str:
    parts = [f"<html><head><title>{html.escape(title)} | {html.escape(outlet)}</title>",
             f'<meta property="og:site_name" content="{html.escape(outlet)}">',
             f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z">',
             "</head><body><header><ul>"]
    in_article = False
    for tag, text in blocks:
        t = html.escape(text)
        name, _, cls = tag.partition(".")
        if name == "h1" and not in_article:
            parts.append("</ul></header><main><article>")
            in_article = True
        if name == "h3" and in_article:
            parts.append("</article><section class='related'><ul>")
            in_article = False
        if name == "footer":
            parts.append(f"<footer>{t}</footer>")
        elif name == "figcaption":
            parts.append(f"<figure><img src='x.jpg'><figcaption>{t}</figcaption></figure>")
        elif name in ("li",):
            parts.append(f"<li><a href='/x'>{t.removeprefix('- ')}</a></li>")
        else:
            parts.append(f"<{name}{f' class={cls!r}' if cls else ''}>{t}</{name}>")
    parts.append("</ul></section></main></body></html>")
    return "\n".join(parts)


def render_text(blocks: list[tuple[str, str]], blank: bool) -> str:
    lines = [re.sub(r"\s+", " ", t) for _tag, t in blocks]
    return ("\n\n" if blank else "\n").join(lines)


OUTLETS2 = ["Riverside Evening Standard", "Kelmar Weekly", "The Tidewater Record", "Pinecrest Voice"]


def page_v2(r: random.Random, oi: int, k: int) -> dict:
    """A second furniture family, written after the extractor was tuned: never used for tuning."""
    outlet = OUTLETS2[oi]
    topic = r.choice(TOPICS)
    title = headline(r, topic)
    day = date(2023, 6, 1) + timedelta(days=r.randint(0, 700))
    wire = r.choice([None, "AP", "Reuters"])
    paras: list[str] = []
    for _ in range(r.randint(3, 12)):
        p = paragraph(r, topic)
        sents = {x.rstrip(".") for x in p.split(". ")}
        if all(p[:40] != q[:40] and not sents & {x.rstrip(".") for x in q.split(". ")} for q in paras):
            paras.append(p)
    if wire == "AP":
        paras[0] = f"{r.choice(PLACES).replace('the ', '').upper()} (AP) \u2014 " + paras[0]
    blocks: list[tuple[str, str]] = []
    add = blocks.append
    for t in ["Menu", "Search", "Sign in", "Subscribe now", outlet]:
        add(("li", t))
    if oi % 2 == 0:
        add(("div", f"Local \u203a {topic.title()}"))
    add(("h1", title))
    by = person(r)
    add(("div.byline", [f"By {by.upper()} and {person(r).upper()}, Associated Press" if wire == "AP" else f"By {by}",
                         f"{by} | Correspondent", f"By {by}, Staff Reporter", f"By {by}"][oi]))
    add(("time", [f"Last updated {r.randint(10, 23)}:{r.randint(10, 59)}, {day.day} {day:%b %Y}",
                  f"{day:%B} {day.day}, {day.year} at {r.randint(1, 12)}:{r.randint(10, 59)} p.m. EST",
                  f"{day:%a} {day.day} {day:%b %Y} {r.randint(10, 23)}.{r.randint(10, 59)} GMT",
                  f"Published {day:%d/%m/%Y}" if day.day > 12 else f"Published {day:%B %d, %Y}"][oi]))
    add(("li", "Share this article"))
    add(("figcaption", f"Residents gather near the waterfront in {r.choice(PLACES)}. ({person(r)}/{outlet})"))
    for i, p in enumerate(paras):
        add(("p", p))
        if i == 1:
            add(("aside", r.choice(["ADVERTISEMENT", "Story continues below advertisement", "Advertisement"])))
        if i == 2 and oi % 2 == 1:
            add(("aside", f"Sign up for {outlet} Daily, our free newsletter with the day's top stories, delivered to your inbox every morning."))
    if wire == "Reuters":
        add(("p", f"Reporting by {person(r)}; Editing by {person(r)}"))
    add(("li", "Share this article"))
    add(("h3", r.choice(["Read next", "Popular now", "Trending"])))
    for j in range(r.randint(3, 6)):
        add(("li", f"{j + 1} {headline(r, r.choice(TOPICS))}"))
    for t in ["About us", "Contact", "Careers", f"\u00a9 {outlet} {day.year}"]:
        add(("footer", t))
    return {
        "id": f"v{oi:02d}-{k:03d}", "outlet": outlet, "split": "heldout2", "title": title,
        "published": day.isoformat(), "wire": wire, "body": paras,
        "html": render_html(blocks, title, outlet, day), "text": render_text(blocks, blank=oi % 2 == 0),
    }


OUTLETS3 = ["Glenmoor Gazette Online", "Southbank Morning Wire", "Ashford Clarion"]
SUBHEADS = ["What happens next", "A long dispute", "Costs and delays", "Reaction from residents"]


def page_v3(r: random.Random, oi: int, k: int) -> dict:
    """A third furniture family, written after all tuning and measured once, untouched."""
    outlet = OUTLETS3[oi]
    topic = r.choice(TOPICS)
    title = headline(r, topic)
    day = date(2022, 1, 1) + timedelta(days=r.randint(0, 900))
    wire = r.choice([None, "AFP", "Reuters"])
    paras: list[str] = []
    for _ in range(r.randint(4, 12)):
        p = paragraph(r, topic)
        sents = {x.rstrip(".") for x in p.split(". ")}
        if all(p[:40] != q[:40] and not sents & {x.rstrip(".") for x in q.split(". ")} for q in paras):
            paras.append(p)
    if wire == "AFP":
        paras[0] = f"{r.choice(PLACES).replace('the ', '').title()} (AFP) - " + paras[0]
    elif wire == "Reuters":
        paras[0] = f"{r.choice(PLACES).replace('the ', '').upper()}, {day:%B} {day.day} (Reuters) - " + paras[0]
    if len(paras) > 5 and oi != 1:
        paras.insert(len(paras) // 2, r.choice(SUBHEADS))
    blocks: list[tuple[str, str]] = []
    add = blocks.append
    add(("div", f"BREAKING: {headline(r, r.choice(TOPICS))}"))
    add(("div", f"Weather {r.randint(2, 25)}\u00b0C {r.choice(PLACES)}"))
    for t in ["Log in", "Register", "News", "Local", "Business", "Lifestyle"]:
        add(("li", t))
    add(("h1", title))
    add(("p.standfirst", f"Officials in {r.choice(PLACES)} say the decision on {topic} could take months"))
    add(("div.byline", [f"Words: {person(r)}", f"{person(r)}, Agence France-Presse" if wire == "AFP" else f"{person(r)}", f"By {person(r)}"][oi]))
    add(("time", [f"{day:%a}, {day.day:02d}.{day.month:02d}.{day.year}" if day.day > 12 else f"{day:%A} {day.day} {day:%B} {day.year}",
                  f"{day:%d %b %Y}, {r.randint(1, 12)}:{r.randint(10, 59)}am", f"Published {day:%B %d, %Y}"][oi]))
    add(("figcaption", f"The harbour at {r.choice(PLACES)}. Image: {person(r)} via Getty Images"))
    for i, p in enumerate(paras):
        add(("p", p))
        if i == 2:
            add(("aside", f"ALSO READ: {headline(r, r.choice(TOPICS))}"))
    if wire == "AFP" and oi != 1:
        add(("p", "\u2014 AFP"))
    add(("div", f"Tags: {topic}, {r.choice(PLACES)}, council"))
    add(("div", "Share on Facebook Twitter WhatsApp"))
    add(("h3", "Most read"))
    for j in range(r.randint(3, 5)):
        add(("li", f"{j + 1}. {headline(r, r.choice(TOPICS))}"))
        if oi == 2:
            add(("p.teaser", sentence(r, r.choice(TOPICS))))
    add(("div", f"Get {outlet} delivered: sign up for our free daily newsletter."))
    add(("footer", f"Copyright {day.year} {outlet}"))
    return {
        "id": f"w{oi:02d}-{k:03d}", "outlet": outlet, "split": "heldout3", "title": title,
        "published": day.isoformat(), "wire": wire, "body": paras,
        "html": render_html(blocks, title, outlet, day), "text": render_text(blocks, blank=oi == 1),
    }


OUTLETS4 = ["Larkspur Sentinel", "Northgate Bulletin", "Coral Coast Express"]


def page_v4(r: random.Random, oi: int, k: int) -> dict:
    """A fourth furniture family, measured once and never used to change the extractor."""
    outlet = OUTLETS4[oi]
    topic = r.choice(TOPICS)
    title = headline(r, topic)
    day = date(2021, 3, 1) + timedelta(days=r.randint(0, 1000))
    wire = r.choice([None, None, "AFP", "AP"])
    paras: list[str] = []
    for _ in range(r.randint(3, 10)):
        p = paragraph(r, topic)
        sents = {x.rstrip(".") for x in p.split(". ")}
        if all(p[:40] != q[:40] and not sents & {x.rstrip(".") for x in q.split(". ")} for q in paras):
            paras.append(p)
    if wire == "AP":
        paras[0] = f"{r.choice(PLACES).replace('the ', '').upper()} (AP) \u2014 " + paras[0]
    blocks: list[tuple[str, str]] = []
    add = blocks.append
    add(("div", "This website uses cookies"))
    add(("div", "Accept all"))
    add(("div", "Manage preferences"))
    add(("li", outlet.upper()))
    for t in ["Facebook", "Twitter", "Email"]:
        add(("li", t))
    add(("h1", title))
    add(("div.byline", f"By {person(r)} \u00b7 {r.choice(['Senior Writer', 'City Editor', 'Staff'])}"))
    upd = day + timedelta(days=1)
    add(("time", f"Updated: {upd.day} {upd:%B %Y} 14:00 CET | Published: {day.day} {day:%B %Y}"))
    add(("div", f"Listen to this article {r.randint(2, 9)} min"))
    add(("div", "Gift this article"))
    add(("figcaption", f"Photo gallery ({r.randint(3, 20)} photos)"))
    for i, p in enumerate(paras):
        add(("p", p))
        if i == 0:
            add(("aside", "ADVERTISEMENT"))
    if wire == "AFP":
        add(("p", "Source: AFP"))
    add(("p.bio", f"About the author: {person(r)} has covered {r.choice(PLACES)} for {r.randint(3, 20)} years and writes about {topic}."))
    add(("div", f"Topics: {topic.title()} | {r.choice(PLACES)}"))
    add(("h3", "Reader comments"))
    add(("p", f"{r.choice(FIRST)} wrote: this is exactly what happened last time and the council learned nothing from it at all."))
    add(("h3", "Most popular"))
    for j in range(r.randint(3, 5)):
        add(("li", f"{j + 1} {headline(r, r.choice(TOPICS))}"))
    add(("footer", f"{outlet} \u00a9 {day.year}. Registered in {r.choice(PLACES)}."))
    return {
        "id": f"x{oi:02d}-{k:03d}", "outlet": outlet, "split": "heldout4", "title": title,
        "published": day.isoformat(), "wire": wire, "body": paras,
        "html": render_html(blocks, title, outlet, day), "text": render_text(blocks, blank=oi == 2),
    }


OUTLETS5 = ["Kestrel Tribune", "Westmarch Daily News", "Fenwick Harbour Post"]


def page_v5(r: random.Random, oi: int, k: int) -> dict:
    """A fifth furniture family (blog/CMS style), measured once, with no change afterwards."""
    outlet = OUTLETS5[oi]
    topic = r.choice(TOPICS)
    title = headline(r, topic)
    day = date(2022, 2, 1) + timedelta(days=r.randint(0, 800))
    wire = r.choice([None, "Reuters", "AP"])
    paras: list[str] = []
    for _ in range(r.randint(3, 11)):
        p = paragraph(r, topic)
        sents = {x.rstrip(".") for x in p.split(". ")}
        if all(p[:40] != q[:40] and not sents & {x.rstrip(".") for x in q.split(". ")} for q in paras):
            paras.append(p)
    city = r.choice(PLACES).replace("the ", "")
    if wire == "Reuters":
        paras[0] = f"{city.upper()}, {day:%b}. {day.day} (Reuters) - " + paras[0]
    elif wire == "AP":
        paras[0] = f"{city.upper()} (AP) \u2014 " + paras[0]
    blocks: list[tuple[str, str]] = []
    add = blocks.append
    add(("div", f"{outlet} \u2014 News you can trust"))
    add(("li", "\u2630"))
    add(("li", "Search"))
    add(("h1", title))
    add(("div", "Listen | Share | Save"))
    add(("div.byline", [f"{person(r)}", "Staff writers", f"By {person(r)}"][oi]))
    add(("time", f"Published {day:%A}, {day.day} {day:%B} {day.year}, 07:45"))
    add(("figcaption", f"People queue for the ferry in {r.choice(PLACES)} on {r.choice(WEEKDAYS)}."))
    add(("figcaption", person(r)))
    for i, p in enumerate(paras):
        add(("p", p))
        if i == 1:
            add(("aside", "- Advertisement -"))
    for t in ["Share this:", "Facebook", "X", "Like this:", "Loading...", "Related Posts"]:
        add(("div", t))
    for _ in range(3):
        add(("li", headline(r, r.choice(TOPICS))))
    for t in ["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
              "Comment *", "Name *", "Email *", "Website", "Post Comment", "Powered by WordPress", "Back to top"]:
        add(("div", t))
    return {
        "id": f"y{oi:02d}-{k:03d}", "outlet": outlet, "split": "heldout5", "title": title,
        "published": day.isoformat(), "wire": wire, "body": paras,
        "html": render_html(blocks, title, outlet, day), "text": render_text(blocks, blank=oi == 0),
    }


def main() -> None:
    rows = []
    for oi in range(len(OUTLETS)):
        style = random.Random(oi)
        for k in range(20):
            rows.append(page(random.Random(oi * 1000 + k), oi, style, k))
    for oi in range(len(OUTLETS2)):
        for k in range(20):
            rows.append(page_v2(random.Random(50_000 + oi * 1000 + k), oi, k))
    for oi in range(len(OUTLETS3)):
        for k in range(20):
            rows.append(page_v3(random.Random(90_000 + oi * 1000 + k), oi, k))
    for oi in range(len(OUTLETS4)):
        for k in range(20):
            rows.append(page_v4(random.Random(130_000 + oi * 1000 + k), oi, k))
    for oi in range(len(OUTLETS5)):
        for k in range(20):
            rows.append(page_v5(random.Random(170_000 + oi * 1000 + k), oi, k))
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} pages to {OUT}")


if __name__ == "__main__":
    main()
