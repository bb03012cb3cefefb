"""Vocabularies of invented names, places, companies and outlets for synthetic captures.

Names are built from parts, so a few short lists give tens of thousands of distinct,
plausible and clearly fictional entities. Nothing here names a real outlet.
"""

from __future__ import annotations

import random
import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

FIRST = ["Ada", "Alvar", "Amara", "Anselm", "Astrid", "Basil", "Bettina", "Bram", "Cato", "Celia", "Corin", "Dalia", "Desmond", "Edda", "Elio", "Elske", "Emrys", "Fenna", "Floris", "Greta", "Hale", "Hedda", "Ilse", "Imre", "Ines", "Ivo", "Jana", "Jorah", "Kaia", "Kasimir", "Laila", "Lennart", "Liesel", "Lorcan", "Maren", "Matthias", "Mirela", "Nadia", "Nils", "Odile", "Olan", "Orla", "Otto", "Petra", "Quill", "Rasmus", "Rhea", "Roan", "Saskia", "Severin", "Sigrid", "Soren", "Talia", "Tamsin", "Teodor", "Ulla", "Vesna", "Viggo", "Wren", "Xenia", "Yara", "Yusuf", "Zelda", "Zoran"]
LAST = ["Achterberg", "Alcott", "Amberley", "Ashdown", "Balder", "Barrow", "Bellweather", "Brandvold", "Carrow", "Castellan", "Corrigan", "Dacre", "Delacourt", "Dray", "Ellery", "Falkner", "Fenwick", "Ferrand", "Galloway", "Garrick", "Grisdale", "Hallam", "Harrow", "Havel", "Holloway", "Ingram", "Jessop", "Kastner", "Keld", "Krol", "Lambe", "Larkspur", "Lindqvist", "Lowry", "Maelor", "Marchetti", "Mercer", "Morrow", "Navarre", "Norgaard", "Oakes", "Osei", "Ostrander", "Pell", "Petrakis", "Quarles", "Rask", "Redfern", "Rookwood", "Sallow", "Selby", "Solberg", "Strand", "Tally", "Thorne", "Tolliver", "Underhill", "Vance", "Vasquez", "Vennberg", "Voss", "Wardell", "Whitlow", "Wickham", "Yardley", "Zeller"]
PLACE_HEAD = ["Ash", "Bel", "Bram", "Carn", "Cor", "Dun", "Eld", "Fal", "Glen", "Gren", "Hal", "Hart", "Kes", "Lind", "Mar", "Mel", "Nor", "Oak", "Pen", "Quen", "Rav", "Ros", "Sel", "Stan", "Tess", "Thorn", "Ul", "Val", "Wend", "Wyn"]
PLACE_TAIL = ["bridge", "brook", "by", "combe", "dale", "field", "ford", "gate", "haven", "holm", "hurst", "mere", "minster", "moor", "mouth", "ness", "port", "stead", "thorpe", "ton", "wick", "worth"]
REGIONS = ["Aldine Coast", "Marrow Valley", "Northern Hills", "Tessaly Basin", "Greyhaven Isles", "Corran Plain", "Eastgate Province", "Sennet Lowlands", "Valemont District", "Brindle Heights"]
COMPANY_TAIL = ["Holdings", "Logistics", "Foods", "Energy", "Marine", "Textiles", "Construction", "Chemicals", "Freight", "Dairies", "Semiconductors", "Timber", "Water", "Rail", "Pharmaceuticals"]
OUTLET_TAIL = ["Courier", "Herald", "Evening Post", "Gazette", "Tribune", "Daily Ledger", "Times", "Radio News", "Online", "Chronicle", "Observer", "Advertiser", "Mercury", "Sentinel", "Bulletin"]
WIRES = (("Norland Wire Service", "NWS"), ("Coastal Press Agency", "CPA"),
         ("United Regional Wire", "URW"))


class FastRandom(random.Random):
    """``random.Random`` with choice/randint/randrange/sample built on ``random()``.

    The stdlib versions draw exact uniform integers in Python code and dominate the
    generator's run time; a float draw is exact enough for picking template words.
    Deterministic for a given seed like its parent.
    """

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def sample(self, population, k, *, counts=None):  # type: ignore[no-untyped-def, override]
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError("sample larger than population")
        rnd = self.random
        if 4 * k < n:  # few from many: draw indices, do not copy the population
            picked: dict[int, None] = {}
            while len(picked) < k:
                picked.setdefault(int(rnd() * n), None)
            return [population[i] for i in picked]
        pool = list(population)
        for i in range(k):
            j = i + int(rnd() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_HEAD) + rng.choice(PLACE_TAIL)


def company(rng: random.Random) -> str:
    stem = rng.choice(LAST) if rng.random() < 0.5 else place(rng)
    return f"{stem} {rng.choice(COMPANY_TAIL)}"


STREET_TAIL = ["Street", "Road", "Lane", "Avenue", "Way", "Row", "Hill", "Quay", "Terrace", "Parade"]
HOSPITAL_TAIL = ["General Hospital", "District Hospital", "Infirmary", "Medical Centre", "Clinic"]


def street(rng: random.Random) -> str:
    head = rng.choice(LAST) if rng.random() < 0.6 else rng.choice(PLACE_HEAD) + rng.choice(PLACE_TAIL)
    return f"{head} {rng.choice(STREET_TAIL)}"


def clock(rng: random.Random) -> str:
    """A time of day as news writes it: 4.15pm-like, in one of a few styles."""
    h, m = rng.randint(1, 12), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50))
    half = "a.m." if rng.random() < 0.45 else "p.m."
    return f"{h} {half}" if m == 0 else f"{h}.{m:02d} {half}"


def outlet_pool(seed: int, size: int = 240) -> list[str]:
    """A fixed, seed-dependent list of distinct outlet names."""
    rng = FastRandom(f"outlets:{seed}")
    names: dict[str, None] = {}
    while len(names) < size:
        head = place(rng) if rng.random() < 0.7 else rng.choice(REGIONS)
        names.setdefault(f"The {head} {rng.choice(OUTLET_TAIL)}", None)
    return list(names)


def slug(text: str) -> str:
    return _NON_ALNUM.sub("-", text.lower()).strip("-")[:60]
