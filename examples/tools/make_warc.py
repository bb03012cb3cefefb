"""Build ``examples/corpus/crawl.warc.gz``: a small crawl with three HTML responses.

Run: ``python examples/tools/make_warc.py`` (``make_corpus.py`` also calls it). The HTML
pages are rendered from the fictional articles in ``corpus_text2.py`` whose format is
``warc``, in the order of their ids (``crawl.warc.gz#1`` is the first response record).
A ``warcinfo`` record and one ``request`` record come first, as in a real crawl: they
are not responses and are not counted. Record ids and dates are fixed: rebuilding gives
the same bytes.
"""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).parent))
from corpus_pages import render_html  # noqa: E402
from corpus_text2 import ARTICLES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "corpus" / "crawl.warc.gz"


def warc_pages() -> list[tuple[str, str, str]]:
    """(url, capture date, html) of each response, in record order."""
    arts = sorted((a for a in ARTICLES if a["format"] == "warc"), key=lambda a: a["id"])
    return [(a["url"], a["true"], render_html(a)) for a in arts]


def _ids(kind: str, url: str, day: str) -> dict[str, str]:
    """Fixed record id and date, so that rebuilding gives the same bytes."""
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{url}")
    return {"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": f"{day}T10:00:00Z"}


def write_warc(path: Path = OUT) -> int:
    """Write the WARC; returns the number of response records."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    pages = warc_pages()
    info = b"software: newsfuse examples/tools/make_warc.py\r\ndescription: fictional demo crawl\r\n"
    writer.write_record(writer.create_warc_record(
        "", "warcinfo", payload=io.BytesIO(info),
        warc_headers_dict=_ids("warcinfo", "crawl.warc.gz", pages[0][1]) | {
            "WARC-Filename": "crawl.warc.gz", "Content-Type": "application/warc-fields"}))
    req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "meridian.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(
        pages[0][0], "request", payload=io.BytesIO(b""), http_headers=req,
        warc_headers_dict=_ids("request", pages[0][0], pages[0][1])))
    for url, day, page in pages:
        body = page.encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict=_ids("response", url, day)))
    path.write_bytes(buf.getvalue())
    return len(pages)


if __name__ == "__main__":
    print(f"wrote {write_warc()} responses to {OUT}")
