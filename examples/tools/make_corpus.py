"""Build the fictional demo corpus, its gold and the bad inputs. Deterministic.

Run from anywhere: ``python examples/tools/make_corpus.py``. It (re)writes
``examples/corpus/*`` (captures), ``examples/gold.json`` (outside the corpus, so
ingesting ``examples/corpus`` never reads it) and ``examples/bad/*``.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import corpus_gold as G  # noqa: E402
import corpus_text  # noqa: E402
import corpus_text2  # noqa: E402
from corpus_pages import render_html, render_jsonl_record, render_txt  # noqa: E402
from make_warc import write_warc  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1]
CORPUS = EXAMPLES / "corpus"
BAD = EXAMPLES / "bad"
FEED = "aldine_feed.jsonl"
ARTICLES: list[dict[str, Any]] = corpus_text.ARTICLES + corpus_text2.ARTICLES


def _gzip(data: bytes) -> bytes:
    """gzip with a fixed mtime so that rebuilding gives the same bytes."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def _ranges(lines: list[int], text: str) -> list[list[int]]:
    """Merge body line numbers into [first, last] ranges, bridging blank lines only."""
    all_lines = text.split("\n")
    out: list[list[int]] = []
    for n in lines:
        if out and all(not all_lines[k - 1].strip() for k in range(out[-1][1] + 1, n)):
            out[-1][1] = n
        else:
            out.append([n, n])
    return out


def write_captures() -> dict[str, dict[str, Any]]:
    """Write every capture; return per-capture gold facts."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    gold: dict[str, dict[str, Any]] = {}
    feed: dict[int, dict[str, Any]] = {}
    for i, art in enumerate(ARTICLES):
        fmt, cid = art["format"], art["id"]
        facts: dict[str, Any] = {
            "event": art["event"], "outlet": art["outlet"], "wire": art["wire"],
            "title": art["title"], "published": {"claimed": art["claimed"], "true": art["true"]},
            "byline": art["byline"], "dateline": art["dateline"], "url": art.get("url"),
            "format": "html" if fmt in ("html", "warc") or art.get("html") else "text",
            "container": {"txt.gz": "gzip", "jsonl": "jsonl", "warc": "warc"}.get(fmt),
            "body": art["paras"],
        }
        if fmt in ("txt", "txt.gz"):
            text, body_lines = render_txt(art, seed=i)
            facts["body_lines"] = _ranges(body_lines, text)
            data = text.encode("utf-8")
            (CORPUS / cid).write_bytes(_gzip(data) if fmt == "txt.gz" else data)
        elif fmt == "html":
            (CORPUS / cid).write_text(render_html(art), encoding="utf-8")
        elif fmt == "jsonl":
            feed[int(cid.split("#")[1])] = render_jsonl_record(art)
        gold[cid] = facts
    lines = [json.dumps(feed[k], ensure_ascii=False) for k in sorted(feed)]
    assert sorted(feed) == list(range(1, len(feed) + 1)), "feed record numbers must be 1..N"
    (CORPUS / FEED).write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(CORPUS / "crawl.warc.gz")
    return gold


def write_bad() -> dict[str, str]:
    """Tiny inputs newsfuse must reject or repair; returns file -> what should happen."""
    BAD.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    (BAD / "empty.txt").write_bytes(b"")
    (BAD / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(512)))
    whole = _gzip(("Port Aldine harbour news, a page that was cut off in transfer.\n" * 40)
                  .encode())
    (BAD / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    good = {"url": "https://tidewater.example/news/ok-1", "title": "Quiet night on the coast",
            "text": "Coast guard crews reported no call-outs overnight.", "outlet":
            "Tidewater Radio News", "published": "2026-03-20T08:00:00+01:00"}
    good2 = dict(good, url="https://tidewater.example/news/ok-2", title="Tide tables updated",
                 text="The harbour office has published the summer tide tables.")
    (BAD / "feed_with_bad_line.jsonl").write_text(
        json.dumps(good) + "\n" + '{"title": "Broken record", "text": "unterminated\n'
        + json.dumps(good2) + "\n", encoding="utf-8")
    # Only é, É and ç: bytes that latin-1, cp1252 and cp1250 all read the same, so any
    # sensible charset detector recovers the text exactly.
    latin1 = (
        "Café Élodie reopens on the Quai Saint-Rémy\n\n"
        "PORT ALDINE - The café on the Quai Saint-Rémy, closed since the February storms, "
        "reopened on Saturday. Its owner, Élodie Marchand, said the purée, the menu and the "
        "façade were \"exactly as before\".\n\n"
        "Regulars queued from 7 a.m. for the first café of the season. The harbour "
        "board's décor rules meant the awning had to be re-made in the original ochre.\n"
    )
    (BAD / "latin1_cafe.txt").write_bytes(latin1.encode("latin-1"))
    (BAD / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256)
                                                                           for _ in range(200)))
    return {
        "empty.txt": "reject: empty file",
        "binary.txt": "reject: binary, not text",
        "truncated.txt.gz": "reject: truncated gzip stream",
        "feed_with_bad_line.jsonl": "line 2 rejected (malformed JSON); lines 1 and 3 ingested",
        "latin1_cafe.txt": "ingest: latin-1 bytes, decoded by charset detection (Café, Élodie)",
        "scan.pdf": "reject: unsupported file type",
    }


def build_gold(captures: dict[str, dict[str, Any]], bad: dict[str, str]) -> dict[str, Any]:
    """Assemble gold.json from the capture facts and the hand-made judgements."""
    stories = []
    for event, info in corpus_text.EVENTS.items():
        ids = [c for c, f in captures.items() if f["event"] == event]
        stories.append({"id": event, "title": info["title"], "date": info["date"],
                        "captures": ids})
    copied = {m for g in G.COPIES for m in g["members"]}
    return {
        "about": "Gold for the fictional demo corpus in examples/corpus (everything in it is "
        "invented). Capture ids are file names relative to examples/corpus; records inside a "
        "container are 'file.jsonl#N' (N = 1-based line) and 'file.warc.gz#N' (N = 1-based "
        "response record). body = the article's own paragraphs, exactly; body_lines = 1-based "
        "[first, last] line ranges of the body in the (decompressed) text capture. "
        "published.claimed = the date the page shows (null if none), published.true = the "
        "real first publication date.",
        "captures": captures,
        "stories": stories,
        "copies": G.COPIES,
        "independent": sorted(c for c in captures if c not in copied),
        "conflicts": G.CONFLICTS,
        "unique": G.UNIQUE,
        "quotes": G.QUOTES,
        "date_expressions": G.DATE_EXPRESSIONS,
        "storylines": G.STORYLINES,
        "hard_negatives": G.HARD_NEGATIVES,
        "bad": bad,
    }


def main() -> None:
    captures = write_captures()
    gold = build_gold(captures, write_bad())
    (EXAMPLES / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    print(f"{len(captures)} captures in {CORPUS}, {len(gold['stories'])} stories, "
          f"gold in {EXAMPLES / 'gold.json'}")


if __name__ == "__main__":
    main()
