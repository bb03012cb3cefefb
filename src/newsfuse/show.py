"""Terminal views of stories and articles (``newsfuse show``, ``newsfuse synthesize``).

Captured text is printed with markup off: a capture containing "[bold]" or escape
sequences must not style or control the terminal.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .records import Article, Document, Relation, Story, Synthesis

LABEL_STYLE = {"body": "green", "title": "bold cyan", "byline": "cyan", "date": "cyan",
               "dateline": "cyan", "wire": "cyan"}


def _plain(console: Console, text: str, style: str | None = None) -> None:
    console.print(_clean(text), style=style, markup=False, highlight=False, soft_wrap=True)


def _clean(text: str) -> str:
    # Drop control characters (ANSI escapes in a capture must not reach the terminal).
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t")


def print_story(console: Console, story: Story, syn: Synthesis | None, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    _plain(console, story.title, "bold")
    span = " – ".join(dict.fromkeys(d for d in (story.first_date, story.last_date) if d))
    _plain(console, f"{story.id} · {span} · {len(story.articles)} articles · "
                    f"{story.independent_sources} independent sources", "dim")
    if syn is None:
        return
    number = {a: n for n, a in enumerate(sorted({a.original or a.id for a in articles}), 1)}
    for a in articles:
        number.setdefault(a.id, number.get(a.original or a.id, 0))
    if syn.account:
        console.print("\nAccount", style="bold underline")
        _plain(console, " ".join(
            s.text + "".join(f"[{number.get(src, '?')}]" for src in s.sources) for s in syn.account))
    if syn.conflicts:
        console.print("\nWhere sources disagree", style="bold underline")
        for c in syn.conflicts:
            _plain(console, f"• {c.topic}")
            for side in c.sides:
                refs = "".join(f"[{number.get(src, '?')}]" for src in side.sources)
                _plain(console, f"    {side.value} {refs}: {side.text}")
    if syn.unique:
        console.print("\nReported by one source only", style="bold underline")
        for src, texts in sorted(syn.unique.items()):
            for t in texts:
                _plain(console, f"• [{number.get(src, '?')}] {t}")
    if syn.quotes:
        console.print("\nQuotes", style="bold underline")
        for q in syn.quotes:
            who = q.speaker or "unattributed"
            _plain(console, f"• “{q.text}” — {who}{', ' + q.role if q.role else ''}")
    if syn.timeline:
        console.print("\nTimeline", style="bold underline")
        for e in syn.timeline:
            _plain(console, f"• {e.date}  {e.text}")
    console.print("\nSources", style="bold underline")
    for a in sorted(articles, key=lambda a: number.get(a.id, 0)):
        flags = f" [{', '.join(a.flags)}]" if a.flags else ""
        copy = f" (copy of {a.copy_of})" if a.copy_of else ""
        _plain(console, f"[{number.get(a.id, '?')}] {a.outlet or '?'} · {a.title or '(no headline)'} · "
                        f"{a.trusted_date or a.published or 'no date'} · {a.source}{copy}{flags}")
    del by_id


def print_article(console: Console, a: Article, relations: list[Relation], story_id: str | None) -> None:
    table = Table(show_header=False, box=None)
    for key, value in (
        ("id", a.id), ("source", a.source), ("title", a.title or "(no headline in the capture)"),
        ("outlet", a.outlet), ("byline", ", ".join(a.byline)), ("published", a.published),
        ("evidence", a.published_evidence), ("trusted date", a.trusted_date), ("dateline", a.dateline),
        ("wire", a.wire), ("language", a.language), ("url", a.url), ("story", story_id),
        ("original", a.original if a.original and a.original != a.id else None), ("copy of", a.copy_of),
    ):
        if value:
            table.add_row(key, _clean(str(value)))
    for flag in a.flags:
        table.add_row("flag", _clean(f"{flag}: {a.flag_reasons.get(flag, '')}"))
    console.print(table)
    if relations:
        console.print("\nCopies", style="bold underline")
        for r in relations:
            other = r.b if r.a == a.id else r.a
            orig = f", original {r.original}" if r.original else ""
            _plain(console, f"• {r.type} {other} (score {r.score:.2f}, containment {r.containment:.2f}{orig})")
    console.print("\nText", style="bold underline")
    for para in a.paragraphs:
        _plain(console, para)
        console.print()


def print_raw(console: Console, a: Article, doc: Document | None) -> None:
    """The whole capture, each line with the extractor's label: what was kept and dropped."""
    if doc is None:
        console.print("The capture of this article is missing from the store.")
        return
    labels = {lab.line: lab.label for lab in a.labels}
    _plain(console, f"{doc.source} · {doc.format} · {doc.size} bytes · sha256 {doc.id}", "dim")
    if doc.format == "html" and not labels:
        _plain(console, doc.text)
        return
    if doc.format == "html":
        for lab in a.labels:
            _plain(console, f"{lab.label:>9} │ {lab.text}", LABEL_STYLE.get(lab.label, "dim"))
        return
    for n, line in enumerate(doc.text.splitlines(), 1):
        label = labels.get(n, "" if not line.strip() else "other")
        _plain(console, f"{n:>4} {label:>9} │ {line}", LABEL_STYLE.get(label, "dim"))
