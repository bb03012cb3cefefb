"""The dense signal of story clustering: which embedder, over which text.

Two models, one per use:

- ``minilm`` (default): all-MiniLM-L6-v2 (int8 ONNX) over the title and the first two
  prose paragraphs. The more accurate one on prose where outlets word an event
  differently (angle pieces, other ledes); it embeds about 45-70 leads per CPU-second.
- ``static``: the static table distilled from the same model (``newsfuse.embed.static``)
  over the title and the lede, some 100 times cheaper, for archives where speed
  matters more: it scores as well on templated wire-heavy streams but splits more
  angle pieces off their event (see benchmarks/results/stories.md).

Each model has its own learned scorer weights (``weights.json``: ``dense`` for MiniLM,
``static`` for the static table), so the choice changes the vectors and the scorer
together. ``NEWSFUSE_STORIES_MODEL`` picks the default.
"""

from __future__ import annotations

import os

import numpy as np

from newsfuse.records import Article
from newsfuse.stories.features import lead_paragraphs

MODELS = ("minilm", "static")
DEFAULT = "minilm"
# The weights.json entry trained for each model's vectors.
WEIGHTS_KEY = {"minilm": "dense", "static": "static"}
# Prose paragraphs after the title: the static mean dilutes with length, so it reads the
# lede only (measured better on every generated stream than two or four paragraphs).
_PARAGRAPHS = {"minilm": 2, "static": 1}


def default_model() -> str:
    """``NEWSFUSE_STORIES_MODEL`` when it names a model, else ``minilm``."""
    name = os.environ.get("NEWSFUSE_STORIES_MODEL", "").strip().lower()
    return name if name in MODELS else DEFAULT


def check(model: str) -> str:
    if model not in MODELS:
        raise ValueError(f"unknown stories model {model!r} (choose one of: {', '.join(MODELS)})")
    return model


def available(model: str) -> bool:
    """True when ``model``'s embedder can run here."""
    if check(model) == "static":
        from newsfuse.embed import static

        return static.available()
    from newsfuse import embed

    return embed.available()


def text(article: Article, model: str = DEFAULT) -> str:
    """The text ``model`` embeds: the title plus the first prose paragraphs."""
    parts = [article.title or ""] + lead_paragraphs(article, _PARAGRAPHS[check(model)])
    return "\n".join(p for p in parts if p)


def embed_texts(texts: list[str], model: str = DEFAULT) -> np.ndarray:
    """Unit vectors of ``texts`` (module level, so worker processes can run it)."""
    if check(model) == "static":
        from newsfuse.embed.static import embed_static

        return embed_static(texts)
    from newsfuse import embed

    return embed.embed(texts)


def vectors(articles: list[Article], model: str = DEFAULT) -> np.ndarray:
    """``embed_texts`` of the articles' ``text``."""
    return embed_texts([text(a, model) for a in articles], model)
