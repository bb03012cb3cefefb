"""A tiny phrase grammar: ``[a|b|c]`` picks one alternative, ``[x|]`` makes ``x`` optional.

Templates are compiled once into nested tuples and expanded with one ``random()`` draw
per choice. News about different events must not share long word runs (a copy
detector would take them for copies), so every template places a choice every few
words: two expansions then share a run of ten words only when several independent
choices coincide. ``{slot}`` placeholders are filled afterwards with ``str.format``.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any

Node = Any  # str, or a tuple of alternatives, each a tuple of nodes


@functools.cache
def compile_template(template: str) -> tuple[Node, ...]:
    """Parse ``template``; raises ``ValueError`` on unbalanced brackets."""
    stack: list[list[list[Node]]] = [[[]]]  # per open bracket: its alternatives so far
    buf: list[str] = []

    def flush() -> None:
        if buf:
            stack[-1][-1].append("".join(buf))
            buf.clear()

    for ch in template:
        if ch == "[":
            flush()
            stack.append([[]])
        elif ch == "|" and len(stack) > 1:
            flush()
            stack[-1].append([])
        elif ch == "]":
            flush()
            if len(stack) == 1:
                raise ValueError(f"unbalanced ']' in {template!r}")
            alts = stack.pop()
            stack[-1][-1].append(tuple(tuple(a) for a in alts))
        else:
            buf.append(ch)
    flush()
    if len(stack) != 1:
        raise ValueError(f"unbalanced '[' in {template!r}")
    return tuple(stack[0][0])


def _expand(seq: tuple[Node, ...], rnd: Callable[[], float], out: list[str]) -> None:
    for node in seq:
        if node.__class__ is str:
            out.append(node)
        else:
            _expand(node[int(rnd() * len(node))], rnd, out)


def expand(template: str, rng: random.Random) -> str:
    """One random realisation of ``template`` (slots left unfilled), spaces tidied."""
    out: list[str] = []
    _expand(compile_template(template), rng.random, out)
    text = " ".join("".join(out).split())
    if " ," in text or " ." in text:
        text = text.replace(" ,", ",").replace(" .", ".")
    return text


def realise(template: str, rng: random.Random, facts: dict[str, Any]) -> str:
    """Expand ``template``, fill its slots from ``facts``, capitalise the first letter."""
    text = expand(template, rng).format_map(facts)
    if "m.." in text:  # a time of day ("4 p.m.") that ends the sentence
        text = text.replace("m..", "m.")
    return text[0].upper() + text[1:] if text else text
