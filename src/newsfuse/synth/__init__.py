"""synth: one cited account of each story, claims x sources, unique details, conflicts,
quotes and timeline.

Contract used by the rest of newsfuse (keep these names and signatures):

- ``synthesize(story: Story, articles: list[Article], groups: list[CopyGroup],
  words: int = 150) -> Synthesis``
"""

from newsfuse.synth.core import synthesize

__all__ = ["synthesize"]
