"""extract: the article itself (body, title, outlet, byline, dates, wire) from a Document.

Contract used by the rest of newsfuse (keep these names and signatures):

- ``TemplateMemory``: per-outlet line frequencies learnt from captures; ``observe(doc)``,
  ``to_dict()`` / ``TemplateMemory.from_dict(d)`` (persisted by the store).
- ``extract(doc: Document, memory: TemplateMemory | None = None) -> Article``
- ``Extract(memory=None)``: a ``Step[Document, Article]`` whose ``run(docs)`` observes all
  documents into the memory first, then extracts each (two passes).
"""

from newsfuse.extract.core import Extract, extract
from newsfuse.extract.memory import TemplateMemory

__all__ = ["Extract", "TemplateMemory", "extract"]
