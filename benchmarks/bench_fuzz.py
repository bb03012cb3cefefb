"""Fuzz every parser and extractor: N inputs each, 0 crashes and 0 hangs wanted.

    python benchmarks/bench_fuzz.py [--n 100000] [--targets read-warc,dates] [--share 0.2]
                                    [--bound 2] [--no-big]

Each target (benchmarks/fuzz_targets.py) gets N inputs from two engines, each in its
own child process: hypothesis (structured hostile inputs: mutated templates, mixed
encodings, nested HTML, JSON records, WARC records with fuzzed headers, gzip) for a
``--share`` of N, and atheris (libFuzzer, coverage-guided over newsfuse's code) for the
rest; without atheris installed, hypothesis does all N. Every input runs under a
watchdog: an interval timer aborts it at ``--bound`` seconds (a hang), and the parent
kills a child that reports no progress for 60 s (a hang inside C code) and starts a new
one for the remaining inputs. A crash is an exception escaping the target's public entry
point other than its documented rejection. Inputs that crashed or hung are kept in
benchmarks/fuzz-artifacts/ (add them to tests/regress/ once fixed).

Then, unless --no-big: a 100 MB capture, a 100 MB feed, and 100,000 tiny files go
through `newsfuse ingest` once each, with wall time and peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ARTIFACTS = HERE / "fuzz-artifacts"
STALL = 60.0  # seconds without progress before the parent kills a child
# The time bound grows with the input: a linear cost on a 3 MiB line is not a hang, a
# superlinear one still is. Inputs over the flat bound are counted apart.
PER_MIB = 1.0


class Hang(Exception):
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise Hang()


class Tally:
    """What one child saw; written to a JSON file every 100 inputs (libFuzzer exits abruptly)."""

    def __init__(self, target: str, engine: str, out: Path, bound: float, fn) -> None:  # noqa: ANN001
        self.target, self.engine, self.out, self.bound, self.fn = target, engine, out, bound, fn
        self.count = 0
        self.crashes: dict[str, dict[str, str]] = {}
        self.hangs: list[dict[str, object]] = []
        self.slowest, self.slowest_size = 0.0, 0
        self.over_flat = 0
        self.start_cpu, self.start = time.process_time(), time.perf_counter()
        self.current = Path(str(out) + ".current")
        signal.signal(signal.SIGPROF, _alarm)

    def one(self, data: bytes) -> None:
        self.current.write_bytes(data)  # for the parent, should this input stall the process
        bound = self.bound + PER_MIB * len(data) / (1 << 20)
        # CPU time, not wall time: on a shared machine an input's wall time says more
        # about the other workers than about the parser (the parent's stall check is wall time).
        began = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, bound)
        error: BaseException | None = None
        try:
            self.fn(data)
        except Hang as exc:
            error = exc
        except Exception as exc:  # noqa: BLE001 - any escape is the crash we count
            error = exc
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        took = time.process_time() - began
        self.count += 1
        if took > self.slowest:
            self.slowest, self.slowest_size = took, len(data)
        self.over_flat += took > self.bound
        if isinstance(error, Hang) or took > bound:
            self.hangs.append({"seconds": round(took, 3), "file": _keep(data, f"hang-{self.target}")})
        elif error is not None:
            where = traceback.extract_tb(error.__traceback__)[-1]
            key = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
            if key not in self.crashes:
                self.crashes[key] = {"message": str(error)[:300], "file": _keep(data, f"crash-{self.target}")}
        if self.count % 100 == 0:
            self.save()

    def save(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.out.write_text(json.dumps({
            "target": self.target, "engine": self.engine, "count": self.count,
            "crashes": self.crashes, "hangs": self.hangs, "slowest": self.slowest,
            "slowest_size": self.slowest_size, "over_flat": self.over_flat, "rss_mib": usage.ru_maxrss / 1024,
            "cpu": time.process_time() - self.start_cpu, "wall": time.perf_counter() - self.start,
        }))


def _keep(data: bytes, prefix: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{prefix}-{hashlib.sha256(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return str(path.relative_to(HERE.parent))


def child(target: str, engine: str, n: int, out: Path, bound: float) -> None:
    """Run ``n`` inputs of one engine against one target (in this process)."""
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["newsfuse"]):
            import fuzz_targets as F
        F.TARGETS[target](F.PAGE.encode())  # warm-up: lazy imports and caches are no input's cost
        tally = Tally(target, engine, out, bound, F.TARGETS[target])

        def test_one(data: bytes) -> None:
            tally.one(F.from_atheris(data))
            if tally.count >= n:
                tally.save()
                F.cleanup()
                os._exit(0)  # libFuzzer would otherwise go on to its own -runs

        atheris.Setup([sys.argv[0], f"-runs={n + 10}", "-max_len=4096", "-timeout=600",
                       "-rss_limit_mb=8192", f"-seed={abs(hash((target, n))) % 2**31}"], test_one)
        atheris.Fuzz()
    else:
        from hypothesis import HealthCheck, Phase, given, settings

        import fuzz_targets as F

        F.TARGETS[target](F.PAGE.encode())  # warm-up, as above
        tally = Tally(target, engine, out, bound, F.TARGETS[target])

        @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(F.strategy(target))
        def run(data: bytes) -> None:
            tally.one(data)

        run()
    tally.save()
    F.cleanup()


def run_target(target: str, engine: str, n: int, bound: float, work: Path) -> dict[str, object]:
    """Run one engine on one target in child processes, restarting after a stall."""
    total: dict[str, object] = {"count": 0, "crashes": {}, "hangs": [], "slowest": 0.0, "slowest_size": 0, "over_flat": 0,
                                "rss_mib": 0.0, "cpu": 0.0, "wall": 0.0, "stalls": 0}
    left, attempt = n, 0
    while left > 0 and attempt < 5:
        out = work / f"{target}-{engine}-{attempt}.json"
        log = open(work / f"{target}-{engine}-{attempt}.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen([sys.executable, __file__, "--child", target, engine, str(left), str(out), str(bound)],
                                stdout=log, stderr=subprocess.STDOUT, cwd=HERE)
        started, current = time.time(), Path(str(out) + ".current")
        while proc.poll() is None:
            time.sleep(1)
            # The child rewrites ``current`` before every input: an old one means a stall.
            mtime = current.stat().st_mtime if current.exists() else started
            if time.time() - max(mtime, started) > STALL:
                proc.kill()
                proc.wait()
                total["stalls"] = int(total["stalls"]) + 1  # type: ignore[call-overload]
                total["hangs"].append({"seconds": STALL, "file": _keep(current.read_bytes(), f"stall-{target}")})  # type: ignore[union-attr]
                break
        log.close()
        got = _read(out) if out.exists() else {}
        done = int(got.get("count", 0)) + (1 if proc.returncode not in (0, None) and got else 0)
        _merge(total, got)
        if proc.returncode not in (0, -9) and done < left:
            print(f"   {target}/{engine}: child exited {proc.returncode} after {done} inputs", flush=True)
        left -= max(done, 1)
        attempt += 1
    return total


def _read(path: Path) -> dict[str, object]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _merge(total: dict[str, object], got: dict[str, object]) -> None:
    if not got:
        return
    for key in ("count", "over_flat"):
        total[key] = int(total[key]) + int(got.get(key, 0))  # type: ignore[call-overload]
    total["crashes"].update(got["crashes"])  # type: ignore[union-attr]
    total["hangs"].extend(got["hangs"])  # type: ignore[union-attr]
    if float(got["slowest"]) > float(total["slowest"]):  # type: ignore[arg-type]
        total["slowest"], total["slowest_size"] = got["slowest"], got["slowest_size"]
    total["rss_mib"] = max(float(total["rss_mib"]), float(got["rss_mib"]))  # type: ignore[arg-type]
    for key in ("cpu", "wall"):
        total[key] = float(total[key]) + float(got[key])  # type: ignore[arg-type]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        target, engine, n, out, bound = sys.argv[2:7]
        child(target, engine, int(n), Path(out), float(bound))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="inputs per target (default 100000)")
    ap.add_argument("--targets", default="", help="comma-separated targets (default: all)")
    ap.add_argument("--share", type=float, default=0.2, help="hypothesis' share of the inputs (rest: atheris)")
    ap.add_argument("--bound", type=float, default=2.0, help="seconds one input may take (default 2)")
    ap.add_argument("--no-big", action="store_true", help="skip the 100 MB files and the 100k tiny files")
    ap.add_argument("--tiny", type=int, default=100_000, help="tiny files through `newsfuse ingest`")
    ap.add_argument("--section", default="fuzz", help="results/SECTION.md to write (default fuzz)")
    ap.add_argument("--big-only", action="store_true",
                    help="only the large inputs; the fuzz rows come from the last run (results/fuzz-rows.json)")
    args = ap.parse_args()

    from fuzz_big import big_inputs
    from fuzz_report import report
    from fuzz_targets import TARGETS

    try:
        import atheris  # noqa: F401

        engines = ["hypothesis", "atheris"]
    except ImportError:
        engines = ["hypothesis"]
    targets = [t for t in args.targets.split(",") if t] or list(TARGETS)
    work = Path("/dev/shm" if os.path.isdir("/dev/shm") else "/tmp") / f"nf-fuzz-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    saved = HERE / "results" / f"{args.section}-rows.json"
    rows: list[dict[str, object]] = []
    if args.big_only:
        rows, targets = json.loads(saved.read_text()), []
        args.n = sum(int(r["asked"]) for r in rows if r["target"] == rows[0]["target"])
    for target in targets:
        for engine in engines:
            n = round(args.n * args.share) if engine == "hypothesis" and len(engines) > 1 else args.n
            if engine == "atheris":
                n = args.n - round(args.n * args.share)
            start = time.perf_counter()
            res = run_target(target, engine, n, args.bound, work)
            res.update(target=target, engine=engine, asked=n)
            rows.append(res)
            print(f"   {target:13} {engine:10} {res['count']:>7} inputs, {len(res['crashes'])} crashes, "  # type: ignore[arg-type]
                  f"{len(res['hangs'])} hangs, slowest {float(res['slowest']):.2f}s, "  # type: ignore[arg-type]
                  f"{time.perf_counter() - start:.0f}s", flush=True)
    if not args.big_only:
        saved.write_text(json.dumps(rows, indent=1))
    big = [] if args.no_big else big_inputs(args.tiny)
    print(report(rows, big, args))


if __name__ == "__main__":
    main()
