"""Distributed copy detection: LSH band keys -> shuffle -> candidate pairs -> verification.

1. ``keys`` (one row per article and band key, plus one per exact-text digest) is
   shuffled by key, so every article sharing a key lands in one partition; there the
   copies stage's own candidate rule turns each key's run into pairs.
2. Pairs are verified with the copies stage's ``compare``: either shuffled into blocks
   (a pair of groups of input partitions), each task loading the fingerprints it needs
   from the two groups' files in the workdir (only ids move), or joined with the
   fingerprints in the shuffle (see ``find_relations``).

The verified edge list is small; grouping it runs on the driver (``adapters``).
"""

from __future__ import annotations

import json
import math
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from newsfuse.records import Relation

PAIR_META = pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object),
                          "pa": pd.Series(dtype="int32"), "pb": pd.Series(dtype="int32"),
                          "block": pd.Series(dtype="int64")})
# Input partitions fall into at least this many groups, a block being a pair of groups:
# every fingerprint file is read by one task per group (``block_groups``).
BLOCK_GROUPS = 16
REL_META = pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object),
                         "data": pd.Series(dtype=object)})


def block_groups(nparts: int) -> int:
    """How many groups ``nparts`` input partitions fall into: about sqrt(2 * nparts), so
    there are about as many blocks as partitions and a block's pairs stay a small share
    of all pairs as the corpus grows (a verification task holds one block's pairs: with
    16 groups at a million captures, a task outgrew half of 24 GiB); at least
    ``BLOCK_GROUPS``."""
    return max(BLOCK_GROUPS, math.ceil(math.sqrt(2 * nparts)))


def block_group(part: np.ndarray, nparts: int, groups: int) -> np.ndarray:
    """The group of each input partition: partitions are dealt round the ``groups``.
    Consecutive partitions come from neighbouring input files, so larger ones (runs of
    feed files) sit together: dealt out, they spread over the groups, where runs of
    consecutive partitions would make one group, and its blocks, many times the others."""
    return part.astype(np.int64) % max(1, min(groups, nparts))


def block_count(nparts: int, groups: int) -> int:
    """How many blocks (unordered pairs of groups, a group with itself included) there are."""
    g = max(1, min(groups, nparts))
    return g * (g + 1) // 2


def block_index(ga: np.ndarray, gb: np.ndarray, nparts: int, groups: int) -> np.ndarray:
    """The block of the group pairs (ga, gb), numbered densely 0..block_count-1 (row-major
    over the upper triangle): the block shuffle moves each block into a task of its own."""
    g = max(1, min(groups, nparts))
    lo, hi = np.minimum(ga, gb), np.maximum(ga, gb)
    return lo * g - lo * (lo - 1) // 2 + (hi - lo)


def pairs_of_keys(frame: pd.DataFrame, nparts: int, groups: int,
                  verified: frozenset[int] = frozenset()) -> pd.DataFrame:
    """Candidate pairs from the complete key runs held by one shuffled partition, each
    with its block: the pair of groups its two articles' partitions fall in. Pairs of
    the ``verified`` blocks (kept by a killed run) are left out."""
    from newsfuse.scale.adapters import candidate_pairs

    part_of = dict(zip(frame["id"], frame["part"].astype(int), strict=False))
    pairs: set[tuple[str, str]] = set()
    bands = frame[frame["kind"] == 0]
    if len(bands):
        pairs |= candidate_pairs(bands["key"].to_numpy().view(np.uint64), bands["id"].tolist())
    exact = frame[frame["kind"] == 1]
    # Same digest: every pair, uncapped, as the local index pairs equal digests.
    for _, ids in exact.groupby("key", sort=False)["id"]:
        members = sorted(set(ids))
        pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1 :])
    rows = sorted(pairs)
    out = pd.DataFrame({"a": pd.Series([a for a, _ in rows], dtype=object),
                        "b": pd.Series([b for _, b in rows], dtype=object)})
    out["pa"] = np.asarray([part_of[a] for a, _ in rows], dtype=np.int32)
    out["pb"] = np.asarray([part_of[b] for _, b in rows], dtype=np.int32)
    ga, gb = block_group(out["pa"].to_numpy(), nparts, groups), block_group(out["pb"].to_numpy(), nparts, groups)
    out["block"] = block_index(ga, gb, nparts, groups)
    if verified:
        out = out[~out["block"].isin(verified)]
    return out


def verify_blocks(frame: pd.DataFrame, fp_paths: list[str], kept: str | None = None,
                  partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    """Verify the candidate pairs of one block (a pair of groups of input partitions:
    the shuffle gives block n to task n). With ``kept``, a folder, the task's result is
    written there, and read back instead by a rerun's task for that block."""
    from newsfuse.scale.partitions import write_parquet

    path = None if kept is None or partition_info is None else Path(kept) / f"block-{partition_info['number']:06d}.parquet"
    if path is not None and path.exists():
        return pd.read_parquet(path).astype(object)
    out = _verify(frame, fp_paths)
    if path is not None:
        write_parquet(out, path)
    return out


def _verify(frame: pd.DataFrame, fp_paths: list[str]) -> pd.DataFrame:
    from newsfuse.scale.adapters import verify_pair
    from newsfuse.scale.kernels import load_fingerprints

    frame = frame.reset_index()  # the block shuffle (``set_index``) made the block the index
    frame = frame.drop_duplicates(subset=["a", "b"])
    # A trailer row (empty ids) counts candidates and blocks, so one pass gives all.
    rows: list[dict[str, Any]] = [{"a": "", "b": "", "data": f"{len(frame)} {frame['block'].nunique()}"}]
    for _, block in frame.groupby("block", sort=True):
        need: dict[int, set[str]] = {}
        for a, b, pa, pb in zip(block["a"], block["b"], block["pa"], block["pb"], strict=True):
            need.setdefault(int(pa), set()).add(a)
            need.setdefault(int(pb), set()).add(b)
        fps: dict[str, Any] = {}
        for part, ids in need.items():
            fps.update(load_fingerprints(fp_paths[part], ids))
        for a, b in zip(block["a"], block["b"], strict=True):
            (fa, ma), (fb, mb) = fps[a], fps[b]
            rel = verify_pair(fa, ma, fb, mb)
            if rel is not None:
                rows.append({"a": rel.a, "b": rel.b, "data": json.dumps(rel.to_dict())})
    return pd.DataFrame(rows, columns=["a", "b", "data"]).astype(object)


def verify_joined(frame: pd.DataFrame) -> pd.DataFrame:
    """Verify candidate pairs that arrive with both fingerprints (the ``merge`` method)."""
    from newsfuse.scale.adapters import verify_pair

    rows: list[dict[str, Any]] = [{"a": "", "b": "", "data": f"{len(frame)} 0"}]
    for xa, xb in zip(frame["fa"], frame["fb"], strict=True):
        (fa, ma), (fb, mb) = pickle.loads(xa), pickle.loads(xb)
        rel = verify_pair(fa, ma, fb, mb)
        if rel is not None:
            rows.append({"a": rel.a, "b": rel.b, "data": json.dumps(rel.to_dict())})
    return pd.DataFrame(rows, columns=["a", "b", "data"]).astype(object)


def grouping_inputs(fp_paths: list[str]) -> tuple[list[list[str]], list[Any], str]:
    """From the fingerprint files: each file's article ids, every article's grouping
    metadata (``DocMeta``), and a key of what verification depends on, each article's
    text digest and metadata. The key does not depend on which files hold the articles:
    a rerun that reads a killed run's articles back from the store finds its relations."""
    import dataclasses
    import hashlib

    from newsfuse.scale.kernels import load_fingerprints

    ids_of: list[list[str]] = []
    metas: list[Any] = []
    texts: dict[str, str] = {}
    for path in fp_paths:
        part = load_fingerprints(path)
        ids_of.append(list(part))
        for fp, meta in part.values():
            metas.append(meta)
            texts[meta.id] = fp.digest
    h = hashlib.sha1()
    for meta in sorted(metas, key=lambda m: m.id):
        h.update(json.dumps([texts[meta.id], dataclasses.astuple(meta)]).encode())
    return ids_of, metas, h.hexdigest()[:20]


def find_relations(keys_paths: list[str], fp_paths: list[str], nparts: int | None = None,
                   method: str = "blocks", groups: int | None = None,
                   client: Any = None, progress: Callable[[int, int], None] | None = None,
                   cache: Path | None = None) -> tuple[list[Relation], dict[str, Any]]:
    """Verified relations over every article whose keys and fingerprints are given.

    ``method``: "blocks" moves only ids; each task reads the fingerprint files of two
    of ``groups`` groups of partitions (default ``block_groups``) and decodes the
    fingerprints its pairs need (every file is read ``groups`` times at most);
    "merge" joins the fingerprints onto the pairs in the shuffle instead (moves ~2
    fingerprints per candidate pair; no file is read twice).
    Given a Dask ``client``, ``progress(done, total)`` is told as verification tasks
    finish (without one, Dask's default scheduler runs them). ``cache``: a file where the
    result is kept and from which a later call returns it, so a rerun after a failure
    does not shuffle again; its name must change with the inputs. Until the whole result
    is there, each verified block is kept beside it, and a rerun killed during
    verification shuffles again but verifies only the blocks left.
    Returns the relations (sorted by (a, b)) and counts.
    """
    import dask.dataframe as dd

    if method not in ("blocks", "merge"):
        raise ValueError(f"unknown verification method {method!r} (choose blocks or merge)")
    if not keys_paths:
        return [], {"candidates": 0, "blocks": 0}
    if cache is not None and cache.exists():
        return _read_verified(cache)
    keys = dd.read_parquet(keys_paths)
    n_out = nparts or max(1, len(keys_paths))
    shuffled = keys.shuffle(on="key", npartitions=n_out)
    groups = groups or block_groups(len(fp_paths))
    kept = None if cache is None or method != "blocks" else _kept_blocks(cache, fp_paths, groups)
    done = frozenset() if kept is None else frozenset(
        int(f.stem.split("-")[1]) for f in kept.glob("block-*.parquet"))
    pairs = shuffled.map_partitions(pairs_of_keys, len(fp_paths), groups, done, meta=PAIR_META)
    if method == "blocks":
        # Fixed divisions, one block each: hashing the block numbers would put several
        # blocks in some tasks, which must then hold all of their pairs at once.
        blocks = block_count(len(fp_paths), groups)
        by_block = pairs.set_index("block", divisions=list(range(blocks + 1)))
        rels = by_block.map_partitions(verify_blocks, fp_paths, None if kept is None else str(kept), meta=REL_META)
    else:
        fps = dd.read_parquet(fp_paths)
        fps["id"] = fps["id"].astype(object)  # the pairs' id dtype: a join needs equal dtypes
        uniq = pairs[["a", "b"]].drop_duplicates(split_out=n_out)
        joined = uniq.merge(fps.rename(columns={"id": "a", "fp": "fa"}), on="a", npartitions=n_out)
        joined = joined.merge(fps.rename(columns={"id": "b", "fp": "fb"}), on="b", npartitions=n_out)
        rels = joined.map_partitions(verify_joined, meta=REL_META)
    frame = rels.compute() if client is None else _compute_reporting(client, rels, progress)
    trailer = frame["a"] == ""
    out = [Relation.from_dict(json.loads(d)) for d in frame.loc[~trailer, "data"]]
    out.sort(key=lambda r: (r.a, r.b))
    counts = [tuple(map(int, t.split())) for t in frame.loc[trailer, "data"]]
    found = {"candidates": sum(c for c, _ in counts), "blocks": sum(b for _, b in counts), "method": method}
    if cache is not None:
        _write_verified(cache, out, found)
    if kept is not None:
        shutil.rmtree(kept, ignore_errors=True)
    return out, found


def _kept_blocks(cache: Path, fp_paths: list[str], groups: int) -> Path:
    """Where the verified blocks of a call writing ``cache`` are kept. A block is a pair
    of groups of input partitions: its pairs depend on which partition holds which
    article, so the folder is named after the fingerprint files (each named after its
    articles) and the groups, as well as the cache."""
    from newsfuse.scale.partitions import digest

    return cache.with_name(f"{cache.stem}-blocks-{digest([Path(f).name for f in fp_paths], groups)}")


def _compute_reporting(client: Any, frame: Any, progress: Callable[[int, int], None] | None) -> pd.DataFrame:
    """``frame.compute()`` on ``client``, reporting each partition done (the order of
    rows does not matter: the caller sorts them)."""
    from distributed import as_completed

    futures = client.compute(frame.to_delayed())
    parts = []
    for done, fut in enumerate(as_completed(futures), 1):
        parts.append(fut.result())
        if progress is not None:
            progress(done, len(futures))
    return pd.concat(parts, ignore_index=True) if parts else REL_META.copy()


def _write_verified(path: Path, relations: list[Relation], counts: dict[str, Any]) -> None:
    from newsfuse.scale.partitions import write_parquet

    # The counts ride in a first row with empty ids, as the verification tasks' trailers do.
    rows = [{"a": "", "b": "", "data": json.dumps(counts)}]
    rows += [{"a": r.a, "b": r.b, "data": json.dumps(r.to_dict())} for r in relations]
    write_parquet(pd.DataFrame(rows, columns=["a", "b", "data"]), path)


def _read_verified(path: Path) -> tuple[list[Relation], dict[str, Any]]:
    frame = pd.read_parquet(path)
    head = frame["a"] == ""
    counts = json.loads(frame.loc[head, "data"].iloc[0])
    return [Relation.from_dict(json.loads(d)) for d in frame.loc[~head, "data"]], counts
