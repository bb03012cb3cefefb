"""Benchmark the synthetic capture generator: speed, and how real its text looks to newsfuse.

Run: ``python benchmarks/bench_synthetic.py [--sizes 10000,100000] [--million]
[--quality-sizes 1000,10000] [--before REV] [--skip-gen] [--skip-quality]``.

*Generation*: captures/s written, memory, bytes; each size in a fresh child process so
that its peak RSS is its own.

*Quality*: a generated corpus (seed 7) is digested by newsfuse in a child process (local
engine, fresh store) that times every stage in CPU and wall seconds; its copy relations
and stories are then scored against the gold. Relations joining captures of different
gold events are the generator's fault when its templates repeat across events; recall
is over every pair of a gold copy group. ``--before REV`` also measures the generator as
it was at git revision REV (read with ``git show``, run from a temporary package).

Prints markdown and rewrites the measured sections of ``benchmarks/results/synthetic.md``
(a section not measured this time is kept).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULT = HERE / "results" / "synthetic.md"
GEN_TITLE = "## Synthetic captures (`newsfuse.synthetic`)"
QUALITY_TITLE = "## Synthetic text seen by `newsfuse digest`: copies across events, stories, stage times"

CHILD = """
import json, resource, sys, time
from pathlib import Path
from newsfuse.synthetic import generate, iter_articles
mode, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
formats = tuple(sys.argv[4].split(","))
t = time.perf_counter()
if mode == "iter":
    k = sum(1 for _ in iter_articles(n, 1, formats))
    res = {"captures": k, "seconds": time.perf_counter() - t, "bytes": 0, "files": 0}
else:
    st = generate(n, out, seed=1, formats=formats)
    res = {"captures": st.captures, "seconds": st.seconds, "bytes": st.bytes, "files": st.files}
res["cpu"] = time.process_time()
res["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(res))
"""

# Digest a corpus in-process, timing each engine stage (CPU includes reaped worker processes).
DIGEST_CHILD = """
import json, resource, sys, time
from pathlib import Path

def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

def main():
    import newsfuse
    from newsfuse import engine
    corpus, db, out = (Path(x) for x in sys.argv[1:4])
    no_synth = len(sys.argv) > 4 and sys.argv[4] == "no-synth"
    times = {}

    def timed(name, fn):
        def wrap(*a, **k):
            c, w = cpu(), time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                t = times.setdefault(name, [0.0, 0.0])
                t[0] += cpu() - c
                t[1] += time.perf_counter() - w
                print(json.dumps(times), flush=True)  # a run cut short still tells its stages
        return wrap

    for name, attr in (("ingest", "ingest"), ("extract", "extract_new"), ("copies", "link_copies"),
                       ("stories", "group_stories"), ("synth", "synthesize_stories")):
        setattr(engine, attr, timed(name, getattr(engine, attr)))
    if no_synth:  # stop after stories: digest.json gets what scoring needs, from the store
        engine.synthesize_stories = lambda *a, **k: []
    with newsfuse.open(db) as nf:
        res = nf.ingest([corpus])
        nf.process()
        if no_synth:
            out.mkdir(parents=True, exist_ok=True)
            digest = {"articles": [{"id": a.id, "source": a.source} for a in nf.store.articles()],
                      "relations": [r.to_dict() for r in nf.store.relations()],
                      "stories": [{"id": s.id, "articles": s.articles} for s in nf.store.stories()]}
            (out / "digest.json").write_text(json.dumps(digest), encoding="utf-8")
        else:
            timed("report", nf.report)(res, out)
    print(json.dumps(times))

if __name__ == "__main__":
    main()
"""

GEN_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from {module} import generate
generate(int(sys.argv[2]), Path(sys.argv[3]), seed=7)
"""


def run(mode: str, n: int, base: Path, formats: str) -> dict:
    if mode == "generate-shm":  # the same run in RAM: separates the generator from the disk
        base, mode = Path(tempfile.mkdtemp(dir="/dev/shm")), "generate"
    out = base / f"out_{mode}_{n}_{formats.replace(',', '-')}"
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(n), str(out), formats],
                          check=True, capture_output=True, text=True)
    res = json.loads(proc.stdout)
    gold = out.parent / f"{out.name}.gold.jsonl"
    res["gold_mb"] = gold.stat().st_size / 1e6 if gold.exists() else 0.0
    shutil.rmtree(out, ignore_errors=True)
    gold.unlink(missing_ok=True)
    if str(base).startswith("/dev/shm/"):
        shutil.rmtree(base, ignore_errors=True)
    return res


def generation_section(sizes: list[int], million: bool, where: Path | None) -> str:
    base = Path(tempfile.mkdtemp(dir=where))
    rows = []
    plan = [("iter", 20_000, "txt,html,jsonl")]
    for n in sizes:
        plan += [("generate", n, "txt,html,jsonl"), ("generate", n, "jsonl")]
    if Path("/dev/shm").is_dir():
        plan.append(("generate-shm", 10_000, "txt,html,jsonl"))
    if million:
        plan.append(("generate", 1_000_000, "jsonl"))
    for mode, n, fmts in plan:
        load = os.getloadavg()[0]
        r = run(mode, n, base, fmts)
        rows.append((mode, fmts, r, load))
        print(f"{mode} {n} {fmts}: {r['captures'] / r['seconds']:,.0f}/s", file=sys.stderr)
    shutil.rmtree(base, ignore_errors=True)
    lines = [
        GEN_TITLE, "",
        (f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; written under "
        f"`{where or tempfile.gettempdir()}`. One process. The machine is shared with other "
        "workers: the 1-minute load average at the start of each run is given, and CPU "
        "seconds (the child's own) say what the generator costs whatever the load."), "",
        ("| what | captures | formats | captures/s (wall) | CPU s | captures per CPU s | files | "
        "MB written | gold MB | peak RSS MB | load |"),
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, fmts, r, load in rows:
        what = {"iter": "in memory (`iter_articles`)", "generate": "`generate` to disk",
                "generate-shm": "`generate` to RAM (`/dev/shm`)"}[mode]
        lines.append(f"| {what} | {r['captures']:,} | {fmts} | {r['captures'] / r['seconds']:,.0f} | "
                     f"{r['cpu']:,.1f} | {r['captures'] / r['cpu']:,.0f} | {r['files']:,} | "
                     f"{r['bytes'] / 1e6:,.1f} | {r['gold_mb']:,.1f} | {r['rss_mb']:,.0f} | {load:.1f} |")
    return "\n".join(lines) + "\n"


# -- quality ----------------------------------------------------------------------------------


def generate_with(version: str, n: int, out: Path, work: Path) -> None:
    """Write the corpus with the current generator, or with the one at git revision ``version``."""
    if version == "current":
        subprocess.run([sys.executable, "-m", "newsfuse.synthetic", str(n), str(out), "--seed", "7"],
                       check=True, capture_output=True)
        return
    pkg = work / "pkgs" / "synthetic_before"
    if not pkg.exists():
        pkg.mkdir(parents=True)
        root = HERE.parent
        names = subprocess.run(["git", "ls-tree", "--name-only", version, "src/newsfuse/synthetic/"],
                               cwd=root, check=True, capture_output=True, text=True).stdout.split()
        for name in names:
            if name.endswith(".py"):
                text = subprocess.run(["git", "show", f"{version}:{name}"], cwd=root, check=True,
                                      capture_output=True, text=True).stdout
                (pkg / Path(name).name).write_text(text, encoding="utf-8")
    script = GEN_SCRIPT.format(module="synthetic_before")
    subprocess.run([sys.executable, "-c", script, str(pkg.parent), str(n), str(out)], check=True)


def score(digest: dict, gold_path: Path) -> dict:
    """Copy relations and stories of a digest against the generator's gold."""
    caps: dict[str, dict] = {}
    events: dict[str, dict] = {}
    by_url: dict[str, str] = {}
    with gold_path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["type"] == "capture":
                caps[rec["id"]] = rec
                if "url" in rec:
                    by_url[rec["url"]] = rec["id"]
            else:
                events[rec["id"]] = rec

    def capture_of(source: str) -> str:  # a file path ends with the gold id; a record has its URL
        if source in by_url:
            return by_url[source]
        parts = source.split("/")
        return next("/".join(parts[-k:]) for k in (3, 2, 1) if "/".join(parts[-k:]) in caps)

    cap = {a["id"]: capture_of(a["source"]) for a in digest["articles"]}
    event = {a: caps[c]["event"] for a, c in cap.items()}
    gold_pairs = {p for e in events.values() for g in e["copies"]
                  for p in itertools.combinations(sorted(g["members"]), 2)}
    found, cross, same_other = set(), 0, 0
    for r in digest["relations"]:
        a, b = sorted((cap[r["a"]], cap[r["b"]]))
        if caps[a]["event"] != caps[b]["event"]:
            cross += 1
        elif (a, b) in gold_pairs:
            found.add((a, b))
        else:
            same_other += 1
    stories = digest["stories"]
    story_of = {a: s["id"] for s in stories for a in s["articles"]}
    pairs = lambda c: sum(k * (k - 1) // 2 for k in c.values())
    same_story = pairs(collections.Counter(story_of.values()))
    same_event = pairs(collections.Counter(event[a] for a in story_of))
    both = pairs(collections.Counter((story_of[a], event[a]) for a in story_of))
    return {
        "relations": len(digest["relations"]), "cross": cross, "same_other": same_other,
        "gold_pairs": len(gold_pairs), "found": len(found), "stories": len(stories),
        "events": len(events), "mixed": sum(len({event[a] for a in s["articles"]}) > 1 for s in stories),
        "story_precision": both / same_story if same_story else 0.0,
        "story_recall": both / same_event if same_event else 0.0,
    }


def measure_quality(version: str, n: int, work: Path, synth: bool = True) -> dict:
    base = work / f"{version.replace('/', '_')}-{n}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    corpus = base / "corpus"
    generate_with(version, n, corpus, work)
    child = work / "digest_child.py"  # a file, not -c: the engine's worker processes re-import it
    child.write_text(DIGEST_CHILD, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(child), str(corpus), str(base / "n.db"),
                           str(base / "report"), "synth" if synth else "no-synth"],
                          capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"digest of {corpus} failed:\n{proc.stderr[-3000:]}")
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    digest = json.loads((base / "report" / "digest.json").read_text(encoding="utf-8"))
    res = score(digest, base / "corpus.gold.jsonl") | {"times": times, "n": n, "version": version,
                                                        "synth": synth}
    shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(res), file=sys.stderr)
    return res


def quality_section(results: list[dict]) -> str:
    stages = ["ingest", "extract", "copies", "stories", "synth", "report"]
    lines = [
        QUALITY_TITLE, "",
        (f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, shared with other workers (wall times depend on their load; "
        "CPU seconds much less). Corpus: `python -m newsfuse.synthetic N DIR --seed 7`; one "
        "in-process local-engine digest on a fresh SQLite store; relations and stories of its "
        "digest.json scored against the gold. *before* is the generator at the revision named; "
        "*current* (or *after*) is this tree's."), "",
        ("| generator | captures | relations | joining different events | same event, not gold "
        "copies | gold copy pairs found | stories | gold events | stories mixing events | "
        "story pair precision | story pair recall |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    def fmt(v: object, spec: str = ",") -> str:  # a run cut short has no stories: "-"
        return "-" if v is None else format(v, spec)

    for r in results:
        share = r["cross"] / r["relations"] if r["relations"] else 0.0
        lines.append(
            f"| {r['version']} | {r['n']:,} | {r['relations']:,} | {r['cross']:,} ({share:.1%}) | "
            f"{r['same_other']:,} | {r['found']:,} / {r['gold_pairs']:,} "
            f"({r['found'] / max(1, r['gold_pairs']):.1%}) | {fmt(r['stories'])} | {r['events']:,} | "
            f"{fmt(r['mixed'])} | {fmt(r['story_precision'], '.3f')} | "
            f"{fmt(r['story_recall'], '.3f')} |")
    lines += ["", "Digest time per stage, CPU seconds (wall seconds):", "",
              "| generator | captures | " + " | ".join(stages) + " |",
              "|---|---:|" + "---:|" * len(stages)]
    for r in results:
        cells = [f"{r['times'][s][0]:,.1f} ({r['times'][s][1]:,.0f})" if s in r["times"] else "-"
                 for s in stages]
        lines.append(f"| {r['version']} | {r['n']:,} | " + " | ".join(cells) + " |")
    notes = [f"- {r['version']}, {r['n']:,} captures: {r['note']}" for r in results if r.get("note")]
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


def write_sections(sections: dict[str, str]) -> None:
    """Replace the measured sections of the results file, keep the others."""
    old = RESULT.read_text(encoding="utf-8") if RESULT.exists() else ""
    kept: dict[str, str] = {}
    for chunk in ("\n" + old).split("\n## ")[1:]:
        kept["## " + chunk.split("\n", 1)[0]] = "## " + chunk.rstrip() + "\n"
    kept.update(sections)
    order = [GEN_TITLE, QUALITY_TITLE]
    titles = [t for t in order if t in kept] + [t for t in kept if t not in order]
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(kept[t] for t in titles), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--dir", type=Path, default=None, help="where to write (default: a temp dir)")
    ap.add_argument("--million", action="store_true", help="also write 1,000,000 JSONL captures")
    ap.add_argument("--quality-sizes", default="1000")
    ap.add_argument("--before", default=None, help="git revision of a generator to compare with")
    ap.add_argument("--skip-gen", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--no-current", action="store_true", help="quality: only the --before generator")
    ap.add_argument("--no-synth", action="store_true",
                    help="quality: stop the digest after stories (synthesis is the slow stage)")
    ap.add_argument("--json-out", type=Path, default=None, help="also save raw quality results")
    ap.add_argument("--from-json", default=None,
                    help="comma-separated raw results to tabulate instead of measuring quality")
    a = ap.parse_args()
    sections: dict[str, str] = {}
    if not a.skip_gen:
        sections[GEN_TITLE] = generation_section([int(x) for x in a.sizes.split(",")], a.million, a.dir)
    if a.from_json:  # runs made separately (e.g. in parallel), tabulated together
        results = [r for f in a.from_json.split(",") for r in json.loads(Path(f).read_text())]
        sections[QUALITY_TITLE] = quality_section(results)
    elif not a.skip_quality:
        work = Path(tempfile.mkdtemp(dir=a.dir, prefix="nf-synq-"))
        versions = ([a.before] if a.before else []) + ([] if a.no_current else ["current"])
        results = [measure_quality(v, int(n), work, not a.no_synth)
                   for n in a.quality_sizes.split(",") for v in versions]
        shutil.rmtree(work, ignore_errors=True)
        if a.json_out:
            a.json_out.write_text(json.dumps(results), encoding="utf-8")
        sections[QUALITY_TITLE] = quality_section(results)
    for text in sections.values():
        print(text)
    write_sections(sections)


if __name__ == "__main__":
    main()
