"""The markdown section of bench_fuzz.py (written to benchmarks/results/fuzz.md)."""

from __future__ import annotations

from typing import Any

from machine import write_section

WHAT = {
    "decode": "`ingest.decode` (charset detection; rejection: `BadInput`)",
    "read-text": "`.txt` reader", "read-html": "`.html` reader", "read-feed": "`.jsonl` feed reader",
    "read-json": "`.json` feed reader", "read-warc": "`.warc` reader",
    "read-gzip": "`.gz` of text, html, jsonl, warc",
    "dates": "date parsing (`extract.dates`: stamps, ISO, implied dates, date checks)",
    "metadata": "metadata parsing (`extract.meta`: bylines, datelines, wires, titles, outlets, language)",
    "extract-text": "plain-text extraction (`extract`, with template memory)",
    "extract-html": "HTML extraction (`extract`: trafilatura + our clean-up)",
}


def report(rows: list[dict[str, Any]], big: list[dict[str, Any]], args: Any, note: str = "") -> str:
    by_target: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_target.setdefault(r["target"], []).append(r)
    lines = [
        f"## Fuzzing: every parser and extractor (benchmarks/bench_fuzz.py{' --n ' + str(args.n) if args.n != 100_000 else ''})\n",
        f"{args.n:,} inputs asked per target: hypothesis (structured hostile inputs) for a share of "
        f"{args.share:.0%}, atheris (libFuzzer, coverage-guided over newsfuse) for the rest. An input is a "
        f"hang when it takes over {args.bound:g} s of CPU time plus 1 s per MiB of input (a linear cost on a 3 MiB line "
        "is not a hang; inputs over the flat bound are counted in their own column) (a CPU-time interval timer in the child aborts it; CPU rather than wall time because the machine was shared; the parent kills a "
        "child stuck 60 s in C code); a crash is any exception escaping the target other than its documented "
        "rejection (readers: a `Rejection` record; `decode`: `BadInput`), or an output that breaks its "
        "invariants (document id = sha256 of its bytes, one-line rejection reasons).\n",
        f"| target | inputs (hypothesis + atheris) | crashes | hangs | over {args.bound:g} s | slowest input (CPU) | peak RSS | CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    total = crashes = hangs = 0
    for target, rs in by_target.items():
        n = sum(int(r["count"]) for r in rs)
        c = sum(len(r["crashes"]) for r in rs)
        h = sum(len(r["hangs"]) for r in rs)
        slow = max(rs, key=lambda r: float(r["slowest"]))
        total, crashes, hangs = total + n, crashes + c, hangs + h
        split = " + ".join(f"{int(r['count']):,}" for r in rs)
        flat = sum(int(r.get("over_flat", 0)) for r in rs)
        lines.append(f"| {WHAT.get(target, target)} | {n:,} ({split}) | {c} | {h} | {flat} | "
                     f"{float(slow['slowest']):.2f} s ({int(slow['slowest_size']):,} bytes) | "
                     f"{max(float(r['rss_mib']) for r in rs):.0f} MiB | {sum(float(r['cpu']) for r in rs):.0f} s |")
    lines.append(f"| **all** | **{total:,}** | **{crashes}** | **{hangs}** | | | | |\n")
    if note:
        lines.append(note + "\n")
    found = [(r["target"], k, v) for r in rows for k, v in r["crashes"].items()]
    for r in rows:
        found += [(r["target"], f"hang {h['seconds']} s", {"file": h["file"], "message": ""}) for h in r["hangs"]]
    if found:
        lines.append("Crashes and hangs (inputs kept in benchmarks/fuzz-artifacts/):\n")
        lines += [f"- {t}: {k} — {v['message'][:120]} (`{v['file']}`)" for t, k, v in found[:30]]
        lines.append("")
    if big:
        lines += ["Large inputs through `newsfuse ingest` (one run each, a fresh SQLite store):\n",
                  "| input | result | wall | CPU | peak RSS |", "|---|---|---|---|---|"]
        lines += [f"| {b['what']} | {b['result']} | {b['wall']:.1f} s | {b['cpu']:.1f} s | {b['rss_mib']:.0f} MiB |"
                  for b in big]
        lines.append("")
    lines.append("The machine was shared with other workers (2 cores): wall times are high; CPU is per target.")
    text = "\n".join(lines)
    write_section(getattr(args, "section", "fuzz"), text)
    return text
