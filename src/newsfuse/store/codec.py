"""How an article is kept in its row: the record as JSON in ``data``, its line labels apart.

The labels (the extractor's verdict on every line of the capture) are most of an
article's bytes, and only the pages that explain an extraction read them. Kept in a
column of their own, as compact ``[line, label, text]`` triples, the stages after
extraction read and rewrite articles without them.

Rows written before the ``labels`` column existed hold the labels inside ``data``
(as dicts); ``decode`` reads both forms, and ``split_labels`` turns an old row into
the new form (store migration and old backups).
"""

from __future__ import annotations

import json
from typing import Any

from ..records import Article, LineLabel


def encode(article: Article) -> dict[str, Any]:
    """The row of an article: the queried columns, ``data`` and ``labels``."""
    row = encode_light(article)
    row["labels"] = json.dumps([[lab.line, lab.label, lab.text] for lab in article.labels])
    return row


def encode_light(article: Article) -> dict[str, Any]:
    """The row of an article without its ``labels`` column (for writes that keep the
    stored labels, such as the copies stage setting dates and originals)."""
    data = article.to_dict()
    del data["labels"]
    return {"id": article.id, "doc_id": article.doc_id, "source": article.source, "title": article.title,
            "outlet": article.outlet, "published": article.published, "trusted_date": article.trusted_date,
            "data": json.dumps(data)}


def decode(data: str, labels: str | None = None, with_labels: bool = True) -> Article:
    """The article of a row; ``with_labels=False`` leaves ``labels`` empty."""
    fields = json.loads(data)
    old = fields.pop("labels", None)  # a row of the first schema
    article = Article.from_dict(fields)
    if with_labels:
        if labels is not None:
            article.labels = [LineLabel(*x) for x in json.loads(labels)]
        elif old:
            article.labels = [LineLabel.from_dict(x) for x in old]
    return article


def split_labels(data: str) -> tuple[str, str]:
    """An old row's ``data`` (labels inside) as the new ``(data, labels)`` pair."""
    fields = json.loads(data)
    old = fields.pop("labels", None) or []
    return json.dumps(fields), json.dumps([[x["line"], x["label"], x.get("text", "")] for x in old])
