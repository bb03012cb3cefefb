"""Articles keep their line labels in a column of their own (store schema 2).

The stages after extraction read articles without labels and write back only what they
set: the labels the extractor made must survive every run, store migration and backup.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import select

from newsfuse import engine
from newsfuse.extract import TemplateMemory, extract
from newsfuse.ingest import read_paths
from newsfuse.records import Article, Document
from newsfuse.store import Store, transfer
from newsfuse.store import schema as t


def _extracted(demo_dir: Path) -> dict[str, Article]:
    """The demo corpus extracted outside the store: what the labels must stay equal to."""
    docs = [d for d in read_paths([demo_dir]) if isinstance(d, Document)]
    memory = TemplateMemory()
    for d in docs:
        memory.observe(d)
    return {a.id: a for a in (extract(d, memory) for d in docs)}


def _labels(articles: list[Article]) -> dict[str, list[dict]]:
    return {a.id: [lab.to_dict() for lab in a.labels] for a in articles}


def test_a_run_keeps_every_articles_labels(store_url: str, demo_dir: Path) -> None:
    want = _extracted(demo_dir)
    assert sum(len(a.labels) for a in want.values()) > 10 * len(want)
    with Store(store_url) as store:
        engine.ingest(store, [demo_dir])
        engine.process(store)
        stored = store.articles()
        # The copies stage rewrote every article (it sets each one's original) without
        # having read the labels.
        assert all(a.original for a in stored)
        assert _labels(stored) == {i: [lab.to_dict() for lab in a.labels] for i, a in want.items()}
        light = store.articles(labels=False)
        assert all(a.labels == [] for a in light)
        for a, b in zip(stored, light, strict=True):
            a.labels = []
            assert a.to_dict() == b.to_dict()
        assert [a.to_dict() for a in store.iter_articles(batch=7, labels=False)] == [a.to_dict() for a in light]
        some = stored[3]
        assert store.article(some.id).labels == want[some.id].labels


def _as_schema_1(store: Store) -> None:
    """Rewrite a store as the first schema kept it: labels inside ``data``, no column."""
    with store.transaction() as conn:
        rows = conn.execute(select(t.articles.c.id, t.articles.c.data, t.articles.c.labels)).all()
        for article_id, data, labels in rows:
            fields = json.loads(data)
            fields["labels"] = [{"line": x[0], "label": x[1], "text": x[2]} for x in json.loads(labels)]
            conn.execute(t.articles.update().where(t.articles.c.id == article_id).values(data=json.dumps(fields)))
        conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN labels")


def test_a_store_of_schema_1_is_migrated_on_open(store_url: str, demo_dir: Path) -> None:
    with Store(store_url) as store:
        engine.ingest(store, [demo_dir])
        engine.process(store)
        before = [a.to_dict() for a in store.articles()]
        _as_schema_1(store)
    with Store(store_url) as store:
        with store.engine.connect() as conn:
            data, labels = conn.execute(select(t.articles.c.data, t.articles.c.labels).limit(1)).one()
        assert "labels" not in json.loads(data) and json.loads(labels)
        assert [a.to_dict() for a in store.articles()] == before
        # A later run writes articles without reading labels: they must still be there.
        engine.process(store, force=True)
        assert [a.to_dict() for a in store.articles()] == before


def test_a_backup_of_schema_1_restores_the_labels(tmp_path: Path, demo_dir: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        engine.ingest(store, [demo_dir])
        engine.process(store)
        before = [a.to_dict() for a in store.articles()]
        text = transfer.dumps(store)
    lines = text.splitlines()
    header = json.loads(lines[0])
    assert header["schema"] == t.SCHEMA_VERSION == 2
    # What schema 1 wrote: its header and article rows without the labels column.
    header["schema"] = 1
    old = [json.dumps(header)]
    for line in lines[1:]:
        item = json.loads(line)
        if item.get("t") == "articles":
            fields = json.loads(item["r"]["data"])
            fields["labels"] = [{"line": x[0], "label": x[1], "text": x[2]} for x in json.loads(item["r"].pop("labels"))]
            item["r"]["data"] = json.dumps(fields)
        old.append(json.dumps(item))
    with Store(tmp_path / "b.db") as store:
        transfer.load(store, io.StringIO("\n".join(old) + "\n"))
        assert [a.to_dict() for a in store.articles()] == before
        # Restored in the new form: a later write of articles read without labels
        # (``put_articles(labels=False)``) would otherwise drop the labels inside ``data``.
        with store.engine.connect() as conn:
            rows = conn.execute(select(t.articles.c.data, t.articles.c.labels)).all()
        assert all("labels" not in json.loads(d) and lab is not None for d, lab in rows)


def test_rows_with_and_without_labels_are_written_together(store_url: str, demo_dir: Path) -> None:
    """``put_article_rows`` with light rows (no ``labels``) before and among full ones: each
    full row's labels are written, each light row's stored labels stay."""
    from newsfuse.store import codec

    want = sorted(_extracted(demo_dir).values(), key=lambda a: a.id)[:6]
    assert all(a.labels for a in want)
    with Store(store_url) as store:
        store.put_articles(want[:3])
        kept = [codec.encode_light(a) for a in want[:3]]  # already stored: labels stay
        fresh = [codec.encode(a) for a in want[3:]]       # new: labels written
        store.put_article_rows([kept[0], fresh[0], kept[1], fresh[1], kept[2], fresh[2]])
        assert _labels(store.articles()) == _labels(want)
