"""``python -m newsfuse.synthetic N OUTDIR [--seed S] [--formats txt,html,jsonl]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import FORMATS, generate


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m newsfuse.synthetic",
                                 description="Write N synthetic news captures and their gold.")
    ap.add_argument("n", type=int, help="number of captures")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: txt,html,jsonl")
    ap.add_argument("--shard-size", type=int, default=10_000, help="records per JSONL shard")
    ap.add_argument("--gold", type=Path, default=None,
                    help="gold JSONL (default: OUTDIR.gold.jsonl, beside OUTDIR)")
    a = ap.parse_args(argv)
    st = generate(a.n, a.outdir, seed=a.seed, formats=tuple(a.formats.split(",")),
                  shard_size=a.shard_size, gold=a.gold)
    print(f"{st.captures} captures ({st.by_format}) in {st.events} events, {st.files} files, "
          f"{st.bytes / 1e6:.1f} MB in {st.seconds:.2f} s ({st.rate:,.0f} captures/s); "
          f"gold: {st.gold}")


if __name__ == "__main__":
    main()
