"""A fictional sample store: made-up stories for demos, tests and benchmarks of the web UI.

Every outlet, place and person here is invented. ``probes=True`` adds a story whose
captured text carries script-injection probes (each would set ``window.__xss`` or the
page title if it ever ran), to show that the UI escapes captured content.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from ..records import (
    AccountSentence,
    Article,
    Claim,
    Conflict,
    ConflictSide,
    CopyGroup,
    Document,
    LineLabel,
    Quote,
    Rejection,
    Relation,
    Story,
    Synthesis,
    TimelineEvent,
)
from ..store import Store

OUTLETS = ["Harbor Gazette", "Northwind Wire", "Valley Courier", "Eastfield Post", "Lantern Daily",
           "Riverbend Times", "Summit Herald", "Coastline Report"]
PLACES = ["Port Elmsworth", "Brackenridge", "Lake Orvell", "Tamsin Falls", "Greyhaven", "Dunmore Flats"]
THINGS = ["bridge", "ferry terminal", "water plant", "rail depot", "library", "stadium", "market hall"]
PEOPLE = [("Mara Quill", "mayor"), ("Oren Tash", "chief engineer"), ("Ilse Varga", "council member"),
          ("Bram Ostrow", "union spokesman"), ("Nadia Pell", "harbour master")]
PROBES = [
    "<script>window.__xss=1;document.title='XSS'</script>",
    '<img src=x onerror="window.__xss=2;document.title=\'XSS\'">',
    "javascript:window.__xss=3",
    "</textarea><script>window.__xss=4</script>",
    '"><svg onload="window.__xss=5">',
    "</title><script>window.__xss=6</script>",
    "{{ 7*7 }} ${7*7}",
]


def _article(doc: Document, **kw: object) -> Article:
    return Article(id=doc.id[:12], doc_id=doc.id, source=doc.source, **kw)  # type: ignore[arg-type]


def _doc(source: str, text: str, at: str) -> Document:
    raw = text.encode("utf-8")
    return Document(id=hashlib.sha256(raw).hexdigest(), source=source, format="text", raw=raw, text=text,
                    origin=f"/sample/{source}", size=len(raw), ingested_at=at, meta={"container": "file"})


def fill(store: Store, stories: int = 6, per_story: int = 4, probes: bool = True, seed: int = 7,
         start: date = date(2031, 3, 1)) -> list[str]:
    """Write fictional documents, articles, copies, stories and syntheses; returns the story ids."""
    rng = random.Random(seed)
    docs: list[Document] = []
    arts: list[Article] = []
    rels: list[Relation] = []
    groups: list[CopyGroup] = []
    story_list: list[Story] = []
    syns: list[Synthesis] = []
    for n in range(stories):
        place, thing = PLACES[n % len(PLACES)], THINGS[(n * 3) % len(THINGS)]
        person, role = PEOPLE[n % len(PEOPLE)]
        day = start + timedelta(days=n * 2)
        probe = probes and n == 0
        headline = f"{place} {thing} reopens after {n + 2} months of repairs"
        if probe:
            headline = f"{place} {thing} reopens {PROBES[0]} {PROBES[1]}"
        members: list[Article] = []
        for k in range(per_story):
            outlet = OUTLETS[(n + k) % len(OUTLETS)]
            when = day + timedelta(days=k % 2)
            workers = 40 + 10 * k
            paras = [
                f"The {thing} in {place} reopened on {when.isoformat()} after {n + 2} months of repairs, officials said.",
                f"{person}, the {role}, said the work had cost {3 + n} million crowns and employed {workers} workers.",
                f"\"We kept our promise to the people of {place},\" {person} said at the ceremony.",
                f"Repairs began in {(day - timedelta(days=60)).isoformat()[:7]} after an inspection found cracks.",
            ]
            if probe:
                paras.append(f"Probe {k}: {PROBES[(k + 2) % len(PROBES)]} and {PROBES[(k + 3) % len(PROBES)]}")
            body = "\n\n".join(paras)
            title = headline if k == 0 else f"{headline} ({outlet})"
            raw_text = f"{outlet}\nHome | World | Sport\n{title}\nBy Staff Writer\n{when.isoformat()}\n\n{body}\n\nSubscribe now\n"
            doc = _doc(f"sample/{n:03d}-{k}.txt", raw_text, f"{when.isoformat()}T08:00:00+00:00")
            a = _article(doc, body=body, title=title, outlet=outlet if not (probe and k == 1) else PROBES[4],
                         byline=["Staff Writer"], published=when.isoformat(), trusted_date=when.isoformat(),
                         language="en", url=f"https://example.invalid/{n}/{k}" if not probe else PROBES[2],
                         labels=[LineLabel(1, "nav", outlet), LineLabel(2, "nav", "Home | World | Sport"),
                                 LineLabel(3, "title", title), LineLabel(4, "byline", "By Staff Writer"),
                                 LineLabel(5, "date", when.isoformat()),
                                 *[LineLabel(7 + 2 * i, "body", p) for i, p in enumerate(paras)],
                                 LineLabel(8 + 2 * len(paras), "ad", "Subscribe now")])
            docs.append(doc)
            members.append(a)
        # The last article of every story is a re-post of the first, with a suspect later date.
        if per_story >= 3:
            orig, copy = members[0], members[-1]
            copy.body = orig.body
            copy.copy_of, copy.original, orig.original = orig.id, orig.id, orig.id
            copy.flag("date_suspect", f"claims {copy.published} but copies {orig.id}, dated {orig.published}")
            rels.append(Relation(a=orig.id, b=copy.id, type="exact", score=0.99, original=orig.id, containment=1.0))
            groups.append(CopyGroup(original=orig.id, members=[orig.id, copy.id], trusted_date=orig.trusted_date))
        arts.extend(members)
        ids = [a.id for a in members]
        independent = [a.id for a in members if a.copy_of is None]
        sid = f"s-{hashlib.sha1(headline.encode()).hexdigest()[:10]}"
        last = max(a.trusted_date or "" for a in members)
        story_list.append(Story(id=sid, title=headline, articles=ids, summary=members[0].paragraphs[0],
                                first_date=day.isoformat(), last_date=last,
                                outlets=sorted({a.outlet or "" for a in members}), independent_sources=len(independent)))
        syns.append(Synthesis(
            story_id=sid,
            account=[
                AccountSentence(f"The {thing} in {place} reopened after {n + 2} months of repairs.", independent),
                AccountSentence(f"{person}, the {role}, said the work cost {3 + n} million crowns.", independent[:2]),
                AccountSentence("Repairs began after an inspection found cracks.", independent[-1:]),
            ] + ([AccountSentence(f"Probe sentence {PROBES[3]} {PROBES[5]}", independent[:1])] if probe else []),
            claims=[Claim(f"The {thing} reopened", {i: "supports" for i in independent}),
                    Claim(f"It employed {40} workers", {independent[0]: "supports", independent[-1]: "contradicts"}
                          if len(independent) > 1 else {independent[0]: "supports"}),
                    Claim(f"Repairs lasted {n + 2} months", {independent[0]: "supports"})],
            unique={independent[-1]: [f"Only this outlet says the {thing} will close again in winter."
                                      + (f" {PROBES[6]}" if probe else "")]},
            conflicts=[Conflict("number of workers", [
                ConflictSide("40 workers", independent[:1], members[0].paragraphs[1]),
                ConflictSide(f"{40 + 10 * (len(independent) - 1)} workers", independent[-1:],
                             next(a for a in members if a.id == independent[-1]).paragraphs[1]),
            ])] if len(independent) > 1 else [],
            quotes=[Quote(f"We kept our promise to the people of {place}", person, independent, role)],
            timeline=[TimelineEvent((day - timedelta(days=60)).isoformat()[:7], "Repairs began", independent[-1:],
                                    "two months ago"),
                      TimelineEvent(day.isoformat(), f"The {thing} reopened", independent),
                      TimelineEvent((day + timedelta(days=1)).isoformat(), "First ferries and trains used it",
                                    independent[:1])],
        ))
    rng.shuffle(docs)
    store.add_documents(docs)
    store.put_articles(arts)
    store.replace_copies(rels, groups)
    store.replace_stories(story_list, updated_at=f"{start.isoformat()}T12:00:00+00:00")
    store.replace_syntheses(syns)
    store.add_rejections([Rejection(source=f"bad-{PROBES[0]}.bin", reason=f"not a capture: {PROBES[1]}",
                                    origin="/sample/bad.bin", at="2031-03-01T08:00:00+00:00")] if probes else [])
    return [s.id for s in story_list]
