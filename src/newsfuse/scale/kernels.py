"""Per-partition kernels: pure functions from files to Parquet, run on the workers.

Each kernel calls the stage code the local engine calls (``ingest.read_file``,
``TemplateMemory.observe``, ``extract``, the copies kernels) and
writes its output atomically; a kernel whose output already exists returns at once,
which is what makes a killed run restartable.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from newsfuse.records import Article, Document, Rejection
from newsfuse.scale.partitions import write_json, write_parquet
from newsfuse.store import codec

DOC_COLUMNS = ["id", "source", "format", "raw", "encoding", "origin", "locator", "size", "ingested_at", "meta"]
REJ_COLUMNS = ["source", "reason", "origin", "locator", "raw", "sha256", "at"]
# An article file holds the articles' store rows (``store.codec``), labels apart and
# null for articles read from the store without them.
ARTICLE_COLUMNS = ["id", "doc_id", "source", "title", "outlet", "published", "trusted_date", "data", "labels"]


def read_partition(files: list[tuple[str, str]], docs_out: str, rej_out: str) -> bool:
    """Read every capture of a partition; False when the outputs were already there."""
    from newsfuse.ingest import read_file

    if Path(docs_out).exists() and Path(rej_out).exists():
        return False
    docs: list[dict[str, Any]] = []
    rejs: list[dict[str, Any]] = []
    for name, source in files:
        path = Path(name)
        # As ``ingest.read_paths``: a path that vanished is a rejection, not an error.
        items = read_file(path, source) if path.exists() else [
            Rejection(source=str(path), reason="no such file or directory", origin=str(path))]
        for item in items:
            if isinstance(item, Rejection):
                rejs.append({c: getattr(item, c) for c in REJ_COLUMNS})
            else:
                row = {c: getattr(item, c) for c in DOC_COLUMNS}
                row["meta"] = json.dumps(item.meta)
                docs.append(row)
    write_parquet(pd.DataFrame(rejs, columns=REJ_COLUMNS), Path(rej_out))
    write_parquet(pd.DataFrame(docs, columns=DOC_COLUMNS), Path(docs_out))
    return True


def load_documents(path: str, ids: set[str] | None = None, decode: bool = True) -> list[Document]:
    """Documents of a partition, with their text decoded as the store decodes it
    (``decode=False``: bytes only, for loading into the store)."""
    from newsfuse.ingest.readers import text_of

    frame = pd.read_parquet(path)
    out = []
    for row in frame.itertuples(index=False):
        if ids is not None and row.id not in ids:
            continue
        meta = json.loads(row.meta)
        raw = bytes(row.raw)
        out.append(Document(
            id=row.id, source=row.source, format=row.format, raw=raw,
            text=text_of(raw, row.encoding, meta) if decode else "", encoding=row.encoding, origin=row.origin,
            locator=row.locator, size=int(row.size), ingested_at=row.ingested_at, meta=meta,
        ))
    return out


def load_rejections(path: str) -> list[Rejection]:
    frame = pd.read_parquet(path)
    return [Rejection(**{c: (bytes(v) if c == "raw" else v) for c, v in zip(REJ_COLUMNS, row, strict=True)})
            for row in frame.itertuples(index=False)]


def observe_partition(docs_path: str, owned: list[str], out: str) -> str:
    """Template-memory counts of the partition's own captures (first pass of extract)."""
    from newsfuse.extract import TemplateMemory
    from newsfuse.scale.adapters import memory_state

    if not Path(out).exists():
        memory = TemplateMemory()
        for doc in load_documents(docs_path, set(owned)):
            memory.observe(doc)
        write_json(memory_state(memory), Path(out))
    return out


def extract_partition(docs_path: str, owned: list[str], memory: Any, out: str) -> str:
    """Articles of the partition's own captures, extracted with the merged memory."""
    from newsfuse.extract import extract

    if not Path(out).exists():
        rows = [codec.encode(extract(doc, memory)) for doc in load_documents(docs_path, set(owned))]
        write_parquet(pd.DataFrame(rows, columns=ARTICLE_COLUMNS), Path(out))
    return out


def load_articles(path: str) -> list[Article]:
    """The articles of an article file, without their line labels (no stage here reads them)."""
    frame = pd.read_parquet(path, columns=["data"])
    return [codec.decode(d, with_labels=False) for d in frame["data"]]


def write_articles(articles: list[Article], out: str) -> str:
    """An article file of articles read from the store without their labels: its
    ``labels`` column is empty (null), so loading it into the store keeps theirs."""
    frame = pd.DataFrame([codec.encode_light(a) for a in articles], columns=ARTICLE_COLUMNS)
    frame["labels"] = pd.Series([None] * len(frame), dtype=object)  # null, not NaN
    write_parquet(frame, Path(out))
    return out


def article_rows(path: str) -> list[dict[str, Any]]:
    """The store rows of an article file (``Store.put_article_rows``); a row whose labels
    are null has no ``labels`` key, which leaves the stored labels as they are."""
    rows = pq.read_table(path, columns=ARTICLE_COLUMNS).to_pylist()
    for row in rows:
        if row["labels"] is None:
            del row["labels"]
    return rows


FP_COLUMNS = ["id", "fp"]


def fingerprint_partition(articles_path: str, part: int, fp_out: str, keys_out: str) -> str:
    """Each article's fingerprint (for verification) and its LSH band keys (for the shuffle).

    Fingerprints are pickled whole: they are the copies stage's own objects, read back
    only by this engine's verification tasks.
    """
    from newsfuse.scale.adapters import index_one

    if Path(fp_out).exists() and Path(keys_out).exists():
        return fp_out
    fps, key_parts, key_ids = [], [], []
    for art in load_articles(articles_path):
        fp, meta, keys = index_one(art)
        fps.append({"id": art.id, "fp": pickle.dumps((fp, meta), protocol=5)})
        # Texts too short to be related have no band keys: ``compare`` rejects them anyway.
        if len(keys):
            key_parts.append(np.concatenate([keys.astype(np.uint64), [_digest_key(fp.digest)]]))
            key_ids.extend([art.id] * (len(keys) + 1))
    keys = np.concatenate(key_parts).astype(np.uint64) if key_parts else np.zeros(0, np.uint64)
    kinds = np.zeros(len(keys), dtype=np.int8)
    if key_parts:
        # The last key of each article is its exact-text digest (kind 1): paired without the cap.
        kinds[np.cumsum([len(k) for k in key_parts]) - 1] = 1
    write_parquet(pd.DataFrame({
        "key": keys.view(np.int64), "kind": kinds, "id": key_ids, "part": np.full(len(keys), part, np.int32),
    }), Path(keys_out))
    write_parquet(pd.DataFrame(fps, columns=FP_COLUMNS), Path(fp_out))
    return fp_out


def _digest_key(digest: str) -> np.uint64:
    return np.uint64(int(hashlib.sha1(digest.encode()).hexdigest()[:16], 16))


def load_fingerprints(path: str, ids: set[str] | None = None) -> dict[str, tuple[Any, Any]]:
    """id -> (Fingerprint, DocMeta) of the articles of one partition."""
    frame = pd.read_parquet(path)
    return {i: pickle.loads(b) for i, b in zip(frame["id"], frame["fp"], strict=True) if ids is None or i in ids}


def apply_copies_partition(articles_path: str, assign: dict[str, Any], out: str) -> str:
    """A partition's article file with the copies stage's verdicts set on its articles
    (``assign``: id -> ``Assignment``, from grouping on the driver); the dates the
    stories stage orders them by are columns of the rows."""
    from newsfuse.scale.adapters import apply_copies

    if not Path(out).exists():
        frame = pd.read_parquet(articles_path, columns=ARTICLE_COLUMNS)
        articles = [codec.decode(d, with_labels=False) for d in frame["data"]]
        apply_copies(articles, assign)
        rows = pd.DataFrame([codec.encode_light(a) for a in articles], columns=ARTICLE_COLUMNS)
        rows["labels"] = frame["labels"]  # untouched: the verdicts do not change them
        write_parquet(rows, Path(out))
    return out
