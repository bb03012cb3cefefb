"""The clusterer's story table (live and frozen stories) and its serialisation.

A story that has had no article for longer than any later article could join it (the
clusterer's freeze horizon) is *frozen*: its whole aggregate, with its index keys, is
kept as one blob (a compressed JSON head, then its term sums and vector as raw
arrays: ``freeze_blob``), so a long stream's memory is spent on the few weeks
of open stories, not on every story ever seen. Any access by id thaws a frozen story
back, bit for bit (floats and vectors round-trip exactly), so freezing never changes
a result; it only moves bytes.

``dump``/``load`` write everything a continued run needs (zlib-compressed JSON),
including the cached norms, the candidate index and the sweeps under way, so a
clusterer restored from its state places later articles exactly as the original
would have. Frozen stories are written as their blobs.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

import numpy as np

from newsfuse.stories import repair, upkeep
from newsfuse.stories.features import DocFreq
from newsfuse.stories.scorer import StoryState, name_shares

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer

VERSION = 4  # 2: frozen stories as blobs; 3: whole-body aggregates; 4: packed blobs.
# Older states load.


def _vec(v: np.ndarray | None) -> str | None:
    return None if v is None else base64.b64encode(v.astype(np.float32).tobytes()).decode()


def _unvec(s: str | None) -> np.ndarray | None:
    return None if s is None else np.frombuffer(base64.b64decode(s), dtype=np.float32).copy()


def _unit(v: np.ndarray | None) -> np.ndarray | None:
    """The unit vector ``StoryState.refresh`` caches (same operations, same bits)."""
    if v is None:
        return None
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else None


def _story(s: StoryState, sums: bool = True) -> dict[str, Any]:
    """``s`` as JSON-ready values; without ``sums``, its term sums and vector are left
    to the caller (``freeze_blob`` packs them)."""
    d = {
        "id": s.id, "founder": s.founder, "members": s.members, "n": s.n,
        "ent_counts": s.ent_counts, "first_day": s.first_day,
        "last_day": s.last_day, "groups": s.groups, "related": s.related, "why": s.why,
        "body_norm": s.body_norm, "title_norm": s.title_norm, "core": s.core, "refreshed_n": s.refreshed_n,
        "full_ents": s.full_ents,
    }
    if sums:
        d.update(title_sum=list(s.title_sum.items()), body_sum=list(s.body_sum.items()),
                 full_sum=list(s.full_sum.items()), vec_sum=_vec(s.vec_sum))
    return d


def _unstory(d: dict[str, Any]) -> StoryState:
    s = StoryState(id=d["id"], founder=d["founder"], members=d["members"], n=d["n"])
    s.title_sum = {int(t): w for t, w in d["title_sum"]}
    s.body_sum = {int(t): w for t, w in d["body_sum"]}
    s.ent_counts = d["ent_counts"]
    s.vec_sum = _unvec(d.get("vec_sum"))
    s.vec_unit = _unit(s.vec_sum)
    s.first_day, s.last_day = d["first_day"], d["last_day"]
    s.groups, s.related, s.why = d["groups"], d["related"], d["why"]
    s.body_norm, s.title_norm, s.core = d["body_norm"], d["title_norm"], d["core"]
    s.refreshed_n = d["refreshed_n"]
    s.core_total = sum(s.core.values())
    s.ent_share = name_shares(s)
    # Stories saved before version 3 have no whole-body aggregates: their leads stand in.
    s.full_sum = {int(t): w for t, w in d.get("full_sum", d["body_sum"])}
    s.full_ents = dict(d.get("full_ents", s.ent_counts))
    return s


def names(s: StoryState) -> set[str]:
    """Every name a story's members write (what ``Stories.frozen_ents`` counts)."""
    return set(s.full_ents) | set(s.ent_counts)


_SUMS = ("title_sum", "body_sum", "full_sum")
_PACKED = b"\x00nf4"  # starts a packed blob (a version-3 blob is zlib: it starts with "x")
_TERM, _WEIGHT = np.dtype("<i4"), np.dtype("<f8")  # term hashes have HASH_BITS (20) bits


def freeze_blob(s: StoryState, keys: list[str]) -> bytes:
    """One story (and its index keys) as bytes: a compressed JSON head, then the term
    sums and the vector as raw arrays. Freezing runs on the online path, where writing
    and compressing the sums' floats as JSON text took most of its time; raw
    arrays are exact too (the vector keeps its dtype) and barely compress."""
    d = _story(s, sums=False)
    arrays: list[bytes] = []
    sizes = []
    for name in _SUMS:
        sums: dict[int, float] = getattr(s, name)
        sizes.append(len(sums))
        arrays.append(np.fromiter(sums, _TERM, len(sums)).tobytes())
        arrays.append(np.fromiter(sums.values(), _WEIGHT, len(sums)).tobytes())
    if s.vec_sum is not None:
        d["vec"] = [s.vec_sum.dtype.str, s.vec_sum.size]
        arrays.append(s.vec_sum.tobytes())
    d["keys"], d["packed"] = keys, sizes
    head = zlib.compress(json.dumps(d, separators=(",", ":")).encode("utf-8"), 1)
    return b"".join([_PACKED, len(head).to_bytes(4, "little"), head, *arrays])


def thaw_blob(blob: bytes) -> tuple[StoryState, list[str]]:
    """The story and index keys ``freeze_blob`` stored, exactly (also a version-3 blob:
    compressed JSON throughout)."""
    vec: np.ndarray | None = None
    if blob.startswith(_PACKED):
        at = len(_PACKED) + 4
        end = at + int.from_bytes(blob[len(_PACKED):at], "little")
        d = json.loads(zlib.decompress(blob[at:end]).decode("utf-8"))
        at = end
        for name, n in zip(_SUMS, d["packed"], strict=True):
            terms = np.frombuffer(blob, _TERM, n, at).tolist()
            at += _TERM.itemsize * n
            d[name] = list(zip(terms, np.frombuffer(blob, _WEIGHT, n, at).tolist()))
            at += _WEIGHT.itemsize * n
        if "vec" in d:
            dtype, size = d["vec"]
            vec = np.frombuffer(blob, np.dtype(dtype), size, at).copy()
    else:
        d = json.loads(zlib.decompress(blob).decode("utf-8"))
        if "vec" in d:
            dtype, raw = d["vec"]
            vec = np.frombuffer(base64.b64decode(raw), dtype=np.dtype(dtype)).copy()
    s = _unstory(d)
    if vec is not None:
        s.vec_sum, s.vec_unit = vec, _unit(vec)
    return s, d["keys"]


class Frozen:
    """A frozen story: its blob and the days its time filters need without thawing."""

    __slots__ = ("blob", "first_day", "last_day")

    def __init__(self, blob: bytes, first_day: int, last_day: int) -> None:
        self.blob, self.first_day, self.last_day = blob, first_day, last_day


class Stories(MutableMapping[str, StoryState]):
    """Story id -> ``StoryState`` in creation order, frozen stories thawed on access.

    ``live`` holds the thawed stories (the only ones the online path walks);
    ``frozen_ents`` counts, per name, the frozen stories writing it (the second pass
    needs how many stories name an entity without thawing them). ``story_keys`` is the
    clusterer's map of each story's index keys: a frozen story's keys live in its blob.
    """

    def __init__(self, story_keys: dict[str, dict[str, None]]) -> None:
        self._all: dict[str, StoryState | Frozen] = {}
        self.live: dict[str, StoryState] = {}
        self.frozen_ents: Counter[str] = Counter()
        self.frozen_last = -(1 << 62)  # an upper bound of frozen stories' last days
        self._keys = story_keys
        # The stored value, live or frozen (both carry first_day/last_day): a hot path's
        # look-up that must not thaw.
        self.raw = self._all.get

    # ---- mapping ---------------------------------------------------------------------
    def __getitem__(self, sid: str) -> StoryState:
        v = self._all[sid]
        return self._thaw(sid, v) if isinstance(v, Frozen) else v

    def __setitem__(self, sid: str, state: StoryState) -> None:
        if isinstance(self._all.get(sid), Frozen):
            self.thaw(sid)  # first, so the entity counts and keys stay right
        self._all[sid] = state
        self.live[sid] = state

    def __delitem__(self, sid: str) -> None:
        self.thaw(sid)  # restores its keys and entity counts
        del self._all[sid]
        del self.live[sid]

    def __contains__(self, sid: object) -> bool:
        return sid in self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    # ---- freezing --------------------------------------------------------------------
    def thaw(self, sid: str) -> StoryState:
        """The story, made live (a no-op for a live one)."""
        return self[sid]

    def is_frozen(self, sid: str) -> bool:
        return isinstance(self._all.get(sid), Frozen)

    def span(self, sid: str) -> tuple[int, int] | None:
        """(first_day, last_day) of a story without thawing it; None if there is none."""
        v = self._all.get(sid)
        return None if v is None else (v.first_day, v.last_day)

    def peek(self, sid: str) -> StoryState:
        """The story, decoded but left frozen (for read-only use, e.g. ``describe``)."""
        v = self._all[sid]
        return thaw_blob(v.blob)[0] if isinstance(v, Frozen) else v

    def frozen_items(self) -> Iterator[tuple[str, Frozen]]:
        return ((s, v) for s, v in self._all.items() if isinstance(v, Frozen))

    def freeze(self, sid: str) -> None:
        state = self.live.pop(sid)
        keys = list(self._keys.pop(sid, {}))
        self._all[sid] = Frozen(freeze_blob(state, keys), state.first_day, state.last_day)
        self.frozen_ents.update(names(state))
        self.frozen_last = max(self.frozen_last, state.last_day)

    def put_frozen(self, sid: str, frozen: Frozen, ents: Iterator[str] | list[str]) -> None:
        """Insert an already frozen story (restoring a saved state)."""
        self._all[sid] = frozen
        self.frozen_ents.update(ents)
        self.frozen_last = max(self.frozen_last, frozen.last_day)

    def _thaw(self, sid: str, v: Frozen) -> StoryState:
        state, keys = thaw_blob(v.blob)
        self._all[sid] = state
        self.live[sid] = state
        self._keys[sid] = dict.fromkeys(keys)
        written = names(state)
        self.frozen_ents.subtract(written)
        for e in written:
            if self.frozen_ents[e] <= 0:
                del self.frozen_ents[e]
        return state


def dump(c: StoryClusterer) -> bytes:
    """The clusterer as compressed JSON, written piece by piece (a large state never
    exists as one JSON text in memory)."""
    ordered = sorted(c.states, key=lambda s: c.order[s])
    head = {
        "version": VERSION, "dense": c.dense, "model": c.model, "window": c.window,
        "max_candidates": c.max_candidates, "max_day": c.max_day, "adds": c._adds,
        "df": {"n": c.df.n, "terms": list(c.df.terms.items()), "ents": dict(c.df.ents),
               "full_terms": list(c.df.full_terms.items()), "full_ents": dict(c.df.full_ents)},
        "order": c.order, "aliases": c.aliases, "group_of": c.group_of,
        "group_story": c.group_story, "group_date": c.group_date,
        "story_keys": {s: list(k) for s, k in c.story_keys.items()},
        # The index as it stands (pruned of long-closed stories) and the sweeps under
        # way: a restored clusterer then finds exactly the candidates the original would.
        "index": {k: list(p) for k, p in c.index.items()},
        "prune_queue": c._prune_queue, "freeze_queue": c._freeze_queue,
        "expiry": c._expiry,
        "cold": {k: list(p) for k, p in c.cold.items()},
    }
    z = zlib.compressobj(6)
    out: list[bytes] = []

    def put(text: str) -> None:
        out.append(z.compress(text.encode("utf-8")))

    put(json.dumps(head, separators=(",", ":"))[:-1])
    put(',"stories":[')
    live = [s for s in ordered if not c.states.is_frozen(s)]
    for i, sid in enumerate(live):
        put(("," if i else "") + json.dumps(_story(c.states[sid]), separators=(",", ":")))
    put('],"frozen":[')
    first = True
    for sid in ordered:
        if c.states.is_frozen(sid):
            f = c.states._all[sid]
            assert isinstance(f, Frozen)
            item = [sid, f.first_day, f.last_day, base64.b64encode(f.blob).decode()]
            put(("" if first else ",") + json.dumps(item, separators=(",", ":")))
            first = False
    put('],"info":{')
    for i, (a, m) in enumerate(c.info.items()):
        put(("," if i else "") + json.dumps(a) + ":"
            + json.dumps([m.title, m.lead, m.date, m.outlet, m.group], separators=(",", ":")))
    put("}}")
    out.append(z.flush())
    return b"".join(out)


def load(cls: type[StoryClusterer], blob: bytes, weights: dict[str, Any] | None) -> StoryClusterer:
    from newsfuse.stories.clusterer import MemberInfo  # local: clusterer imports this module

    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    if data.get("version") not in (1, 2, 3, VERSION):
        raise ValueError(f"unsupported stories state version {data.get('version')!r}")
    c = cls(dense=data["dense"], window_days=data["window"],
            max_candidates=data["max_candidates"], weights=weights,
            model=data.get("model", "minilm"))  # states before the choice were MiniLM's
    c.max_day, c._adds = data["max_day"], data["adds"]
    df = DocFreq()
    df.n = data["df"]["n"]
    df.terms = Counter({int(t): n for t, n in data["df"]["terms"]})
    df.ents = Counter(data["df"]["ents"])
    # Before version 3 only leads were counted: they stand in for whole bodies.
    df.full_terms = Counter({int(t): n for t, n in data["df"].get("full_terms", data["df"]["terms"])})
    df.full_ents = Counter(data["df"].get("full_ents", data["df"]["ents"]))
    c.df = df
    c.order = data["order"]
    items: list[tuple[int, str, StoryState | list[Any]]] = []
    for d in data["stories"]:
        s = _unstory(d)
        items.append((c.order[s.id], s.id, s))
    for f in data.get("frozen", []):
        items.append((c.order[f[0]], f[0], f))
    for _o, sid, v in sorted(items, key=lambda x: x[0]):
        if isinstance(v, StoryState):
            c.states[sid] = v
            for aid in v.members:
                c.story_of[aid] = sid
        else:
            frozen = Frozen(base64.b64decode(v[3]), v[1], v[2])
            state, _keys = thaw_blob(frozen.blob)
            c.states.put_frozen(sid, frozen, list(names(state)))
            for aid in state.members:
                c.story_of[aid] = sid
    c.aliases, c.group_of, c.group_story = data["aliases"], data["group_of"], data["group_story"]
    c.group_date = data["group_date"]
    c.info = {a: MemberInfo(*v) for a, v in data["info"].items()}
    for sid, keys in data["story_keys"].items():
        c.story_keys[sid] = dict.fromkeys(keys)
        if "index" not in data:  # version 1: rebuilt from every story's keys
            for key in keys:
                c.index.setdefault(key, {})[sid] = None
    if "index" in data:
        c.index = {k: dict.fromkeys(p) for k, p in data["index"].items()}
        c._prune_queue, c._freeze_queue = data["prune_queue"], data["freeze_queue"]
    if "expiry" in data:
        c._expiry = [(day, sid) for day, sid in data["expiry"]]
        c.cold = {k: dict.fromkeys(p) for k, p in data["cold"].items()}
        # Saved while merged-away ids stayed in postings: they now point at their story.
        for gone, keys in data.get("alias_keys", {}).items():
            repair.unindex(c, gone, keys)
            home = c.states.raw(c.resolve(gone))
            if isinstance(home, StoryState):  # a frozen story's keys are in its blob
                c._index(home, keys)
    else:  # saved before expiry: every live story is watched from its last day
        upkeep.rewatch_all(c)
    return c
