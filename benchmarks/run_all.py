"""`make bench`: run every benchmarks/bench_*.py and gather their sections into RESULTS.md.

Each bench script writes its own section to benchmarks/results/NAME.md (with the machine
and date); a bench that fails keeps its previous section and the failure is noted.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import RESULTS, machine, today  # noqa: E402

ORDER = ["targets", "digest", "digest_speed", "extract", "copies", "stories", "stories_scale", "synth", "align", "web", "scale", "cores", "reliability", "fuzz", "fuzz-quick", "order"]
# Arguments for `make bench`: the full fuzz run (100,000 inputs per target, about an hour on
# two shared cores) is run by hand and kept in results/fuzz.md; `make bench` runs 5,000 per
# target into its own section.
ARGS = {"fuzz": ["--n", "5000", "--tiny", "20000", "--section", "fuzz-quick"]}


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(HERE.glob("bench_*.py"), key=lambda p: (ORDER.index(p.stem[6:]) if p.stem[6:] in ORDER else 99, p.name))
    failures = []
    for script in scripts:
        name = script.stem[6:]
        if only and name not in only:
            continue
        print(f"== {script.name}", flush=True)
        start = time.time()
        proc = subprocess.run([sys.executable, str(script), *ARGS.get(name, [])], cwd=HERE.parent)
        print(f"   {time.time() - start:.0f}s, exit {proc.returncode}", flush=True)
        if proc.returncode != 0:
            failures.append(f"{script.name} exited {proc.returncode} on {today()}")
    parts = [
        "# newsfuse benchmark results\n",
        f"Gathered {today()} by `make bench` on {machine()}. Each section says when and where it was measured; "
        "figures are measured, never estimated unless a line says so.\n",
    ]
    for name in ORDER + sorted(p.stem for p in RESULTS.glob("*.md") if p.stem not in ORDER):
        path = RESULTS / f"{name}.md"
        if path.exists():
            parts.append(path.read_text())
    if failures:
        parts.append("## Failed in the last run\n\n" + "\n".join(f"- {f}" for f in failures) + "\n")
    (HERE / "RESULTS.md").write_text("\n".join(parts))
    print(f"wrote {HERE / 'RESULTS.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
