"""Generator of hard synthetic syndication, with gold copy groups.

Every story is fictional: invented places, people and organisations from a syllable
generator, facts filled into templates. For each event the generator writes

- a wire story (the original), published by the wire itself or by an outlet;
- copies of it: exact re-posts (whitespace, quote styles, British/American spelling,
  furniture lines such as "Advertisement" inserted), and syndicated edits (trimmed to
  the first paragraphs, re-headlined with a standfirst, a local paragraph inserted,
  the dateline dropped, spellings changed), some re-posted years later with a new date;
- hard negatives: independent rewrites of the same event (same entities, numbers and
  the same verbatim quote, different wording) and own reports quoting 2-4 wire
  paragraphs (gold: a ``partial`` relation, not a copy).

``generate(n_events, seed)`` returns article dicts with gold fields: ``group`` (the id
of the gold original; singletons are their own), ``kind``, ``source`` (the wire story
a rewrite or partial report is about), ``redated``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_ON = ["ka", "lo", "ve", "ri", "dan", "mor", "sel", "ta", "vin", "bar", "cor", "el", "is", "tun", "gar",
       "pel", "ros", "mi", "ne", "zal", "quo", "fen", "hal", "dor", "ul", "bre", "sto", "ka", "yen", "ox"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ROLES = ["spokeswoman", "spokesman", "minister", "director", "mayor", "chief executive", "governor", "chair"]
_ORG_A = ["National", "Regional", "Federal", "Northern", "Coastal", "United", "Central", "Provincial"]
_ORG_B = ["Port", "Water", "Rail", "Energy", "Health", "Grain", "Transport", "Mining", "Housing", "Fisheries"]
_ORG_C = ["Authority", "Council", "Board", "Agency", "Commission", "Union", "Company", "Institute"]

# Event kinds: (verb past, verb participle, object nouns, cause clauses, consequence nouns)
_KINDS = [
    ("closed", "closed", ["the main bridge", "the northern rail line", "the harbour", "three schools"],
     ["after engineers found cracks in its supports", "because of severe flooding", "following a chemical leak"],
     "traffic"),
    ("approved", "approved", ["a new dam", "an emergency budget", "the sale of the state airline", "a mining licence"],
     ["after months of debate", "despite protests from farmers", "in a narrow vote"], "investment"),
    ("suspended", "suspended", ["grain exports", "all flights", "the wage talks", "the fishing season"],
     ["citing a shortage of inspectors", "amid a dispute over prices", "after a storm damaged equipment"],
     "trade"),
    ("launched", "launched", ["an inquiry into the fire", "a vaccination drive", "a new satellite", "a recycling scheme"],
     ["after public pressure", "ahead of the winter", "with funding from donors"], "public spending"),
]

# A small grammar for background sentences: varied enough that unrelated stories do
# not share long word runs by chance, as real news does not.
_ADJ = ("new old local regional national rural coastal urban senior former public private small large "
        "rising falling annual monthly weekly recent strong weak early late major minor key main vital "
        "costly cheap modest sharp slow rapid long short northern southern eastern western").split()
_NOUN = ("council budget plan report survey policy road bridge school hospital port market price wage tax "
         "union farmer trader engineer teacher nurse court judge lawyer police inquiry contract project "
         "factory mine harbour railway airport station district village town river forest coast border "
         "election campaign minister mayor committee agency company investor bank loan debt export import "
         "harvest drought flood storm fire network supply demand shortage subsidy reform protest strike").split()
_VERB = ("reviewed delayed approved rejected questioned criticised welcomed funded blocked expanded reduced "
         "raised cut doubled examined challenged supported opposed announced postponed cancelled extended "
         "inspected audited debated revised praised ignored disputed confirmed weighed accepted").split()
_ADV = ("last year|this spring|in recent months|over the summer|since the election|for the first time|"
        "without warning|behind closed doors|after long talks|under pressure|at short notice|in a rare move|"
        "once again|with little debate|despite objections|ahead of schedule|for a second year|in the north|"
        "along the border|near the capital|on the coast|in the south").split("|")
_PREP = ["of", "for", "near", "in", "across", "around", "behind", "beyond", "with", "without", "against"]
_DET = ["the", "a", "its", "their", "one", "every", "another", "this"]
_CONJ = ["while", "although", "because", "after", "before", "as", "and", "but", "since", "until"]


def _np(rng: random.Random) -> str:
    words = [rng.choice(_DET)]
    if rng.random() < 0.6:
        words.append(rng.choice(_ADJ))
    words.append(rng.choice(_NOUN))
    if rng.random() < 0.3:
        words += [rng.choice(_PREP), rng.choice(_DET[:3]), rng.choice(_NOUN)]
    return " ".join(words)


def _clause(rng: random.Random) -> str:
    parts = [_np(rng), rng.choice(_VERB), _np(rng)]
    if rng.random() < 0.5:
        parts.append(rng.choice(_ADV))
    return " ".join(parts)


_FURNITURE = ["Advertisement", "ADVERTISEMENT", "Read more: {t}", "Share this article", "Subscribe to our newsletter",
              "Related: {t}", "Photo: {p}"]
_UK_US = [("harbour", "harbor"), ("licence", "license"), ("organised", "organized"), ("programme", "program"),
          ("defence", "defense"), ("centre", "center"), ("labour", "labor"), ("travelled", "traveled"),
          ("authorised", "authorized"), ("criticised", "criticized")]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_ON) for _ in range(parts)).capitalize()


@dataclass
class Event:
    place: str
    country: str
    org: str
    person: str
    role: str
    person2: str
    role2: str
    kind: tuple
    obj: str
    cause: str
    number: int
    day: str
    quote: str
    words: list[str]  # the event's own adjectives, nouns and numbers for the templates
    month: str


def _event(rng: random.Random) -> Event:
    kind = rng.choice(_KINDS)
    place = _name(rng, rng.choice([2, 3]))
    return Event(
        place=place,
        country=_name(rng, 3),
        org=f"the {rng.choice(_ORG_A)} {rng.choice(_ORG_B)} {rng.choice(_ORG_C)} of {place}",
        person=f"{_name(rng)} {_name(rng, 3)}",
        role=rng.choice(_ROLES),
        person2=f"{_name(rng)} {_name(rng, 2)}",
        role2=rng.choice(_ROLES),
        kind=kind,
        obj=rng.choice(kind[2]),
        cause=rng.choice(kind[3]),
        number=rng.choice([12, 40, 75, 120, 300, 2500, 18000, 40000]) * rng.randint(1, 9),
        day=rng.choice(_DAYS),
        quote=_filler(rng).rstrip(".") + ", and we will not accept " + _np(rng) + " any longer",
        words=[rng.choice(_ADJ), rng.choice(_ADJ), rng.choice(_ADJ), rng.choice(_ADJ), rng.choice(_ADJ),
               rng.choice(_ADJ), rng.choice(_ADJ), rng.choice(_ADJ), rng.choice(["two", "three", "four", "five", "six"]),
               rng.choice(_ADJ)],
        month=rng.choice(["January", "February", "March", "April", "May", "June", "July", "August",
                          "September", "October", "November", "December"]) + f" {rng.randint(1, 28)}",
    )


def _facts(e: Event) -> list[list[str]]:
    """Each fact in four wordings: the wire uses one, each independent text another.

    Event-specific words (names, numbers, the event's own adjectives and nouns ``w``)
    come every few words, so the fixed words of a template never make a long run
    shared by stories of different events.
    """
    past, pp, _, _, conseq = e.kind
    n = f"{e.number:,}"
    w = e.words
    return [
        [f"{e.org[0].upper()}{e.org[1:]} {past} {e.obj} in {e.place} on {e.day} {e.cause}, {w[0]} officials said.",
         f"Officials in {e.place} announced on {e.day} that {e.obj} had been {pp} by {e.org}, {e.cause}.",
         f"On {e.day}, {e.obj} in {e.place} was {pp}. The {w[0]} decision by {e.org} came {e.cause}.",
         f"{e.place} learned on {e.day} that {e.org} had {past} {e.obj} {e.cause}."],
        [f"The {w[1]} move affects about {n} people in {e.place}, according to {w[2]} figures.",
         f"Some {n} people in {e.place} will feel the {w[1]} effects, {w[2]} estimates show.",
         f"Roughly {n} {w[3]} residents are affected, based on {w[2]} numbers for {e.place}.",
         f"{w[2].capitalize()} data suggest the {w[1]} decision touches around {n} people."],
        [f"{e.person}, the {e.role} of {e.org}, said: \"{e.quote}.\"",
         f"\"{e.quote},\" {e.role} {e.person} told {w[4]} reporters.",
         f"Speaking to {w[4]} journalists, {e.person} ({e.role}) put it bluntly: \"{e.quote}.\"",
         f"\"{e.quote},\" said {e.person}, who serves as {e.role}."],
        [f"{e.person2}, a {e.role2} in {e.country}, criticised the {w[5]} decision and called for a {w[6]} review.",
         f"The {w[5]} decision drew criticism from {e.person2}, {e.role2} in {e.country}, who demanded a {w[6]} review.",
         f"In {e.country}, {e.role2} {e.person2} attacked the {w[5]} move and urged a {w[6]} inquiry.",
         f"Not everyone agreed: {e.person2} of {e.country} wants a {w[6]} review of the {w[5]} plan."],
        [f"The decision is expected to disrupt {w[7]} {conseq} around {e.place} for {w[8]} weeks.",
         f"{w[8].capitalize()} weeks of disruption to {w[7]} {conseq} in {e.place} are now likely.",
         f"Analysts expect {w[7]} {conseq} near {e.place} to suffer for {w[8]} weeks.",
         f"For {w[8]} weeks, {w[7]} {conseq} in the {e.place} region may be hit."],
        [f"A {w[9]} report is due by {e.month}, and {e.person} will face a hearing in {e.place}.",
         f"By {e.month} the {w[9]} findings will be published, followed by a hearing in {e.place} for {e.person}.",
         f"{e.place} will host a hearing with {e.person} once the {w[9]} report, promised by {e.month}, is out.",
         f"The {w[9]} report should appear by {e.month}; {e.person} is to testify in {e.place}."],
    ]


def _filler(rng: random.Random) -> str:
    text = _clause(rng)
    if rng.random() < 0.5:
        text += f" {rng.choice(_CONJ)} {_clause(rng)}"
    return text[0].upper() + text[1:] + "."


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.choice([1, 1, 2])
        out.append(" ".join(sentences[i : i + k]))
        i += k
    return out


def _story(e: Event, rng: random.Random, variant: int, n_fill: int) -> list[str]:
    facts = [f[variant] for f in _facts(e)]
    body = facts[:2] + [_filler(rng) for _ in range(n_fill // 2)] + facts[2:]
    body += [_filler(rng) for _ in range(n_fill - n_fill // 2)]
    head, tail = body[:1], body[1:]
    rng.shuffle(tail)
    return _paragraphs(head + tail, rng)


def _spell(text: str, to_us: bool) -> str:
    for uk, us in _UK_US:
        text = text.replace(uk, us) if to_us else text.replace(us, uk)
    return text


def _date(base: int, days: int) -> str:
    import datetime as dt

    return (dt.date(2024, 1, 1) + dt.timedelta(days=base + days)).isoformat()


def generate(n_events: int, seed: int = 0, fill: tuple[int, int] = (6, 16)) -> list[dict]:
    """Articles (dicts with gold) for ``n_events`` fictional events.

    ``fill``: the range of background paragraphs of a wire story ((6, 16) gives ~260
    words a story; (12, 26) gives ~400, the length of a typical news article)."""
    rng = random.Random(seed)
    out: list[dict] = []
    for ev in range(n_events):
        e = _event(rng)
        wire = rng.choice(["NWS", "GPA", "IPN"])
        base = rng.randint(0, 600)
        wordings = rng.sample(range(4), 4)  # wire, rewrite 1, rewrite 2, own report
        variant = wordings[0]
        paras = _story(e, rng, variant, rng.randint(*fill))
        dateline = f"{e.place.upper()} ({wire}) -- "
        title = f"{e.place} {e.kind[0]} {e.obj}"
        wid = f"e{ev:06d}w"
        out.append(dict(id=wid, title=title, body="\n\n".join([dateline + paras[0]] + paras[1:]),
                        published=_date(base, 0), wire=wire, outlet=wire if rng.random() < 0.5 else f"{_name(rng)} Times",
                        group=wid, kind="wire", source=wid, redated=False))
        for c in range(rng.randint(0, 5)):
            cid = f"e{ev:06d}c{c}"
            mode = rng.choice(["exact", "trim", "insert", "headline", "mixed"])
            body = list(paras)
            if mode in ("trim", "mixed"):
                body = body[: max(3, int(len(body) * rng.uniform(0.35, 0.8)))]
            if mode in ("insert", "mixed"):
                for _ in range(rng.randint(1, 2)):
                    f = _filler(rng)
                    body.insert(rng.randint(1, len(body)), f"In {_name(rng)}, {f[0].lower()}{f[1:]}")
            if mode in ("headline", "mixed"):
                body.insert(0, f"{e.place.upper()}: {_np(rng).capitalize()} in focus as {e.org} {e.kind[0]} {e.obj}.")
            if rng.random() < 0.6:
                body[0 if mode not in ("headline", "mixed") else 1] = dateline + body[0 if mode not in ("headline", "mixed") else 1]
            if rng.random() < 0.5:
                body = [_spell(p, to_us=rng.random() < 0.5) for p in body]
            for _ in range(rng.randint(0, 3)):
                body.insert(rng.randint(1, len(body)), rng.choice(_FURNITURE).format(t=_filler(rng), p=_name(rng)))
            if rng.random() < 0.5:
                body = [p.replace('"', "\u201c", 1).replace('"', "\u201d", 1) for p in body]
            sep = rng.choice(["\n\n", "\n", "\n \n"])
            redated = rng.random() < 0.1
            pub = _date(base, rng.randint(400, 900)) if redated else _date(base, rng.randint(0, 2))
            out.append(dict(id=cid, title=f"{title} ({mode})", body=sep.join(body), published=pub, wire=wire,
                            outlet=f"{_name(rng)} {rng.choice(['Post', 'Herald', 'Daily', 'News'])}",
                            group=wid, kind=mode, source=wid, redated=redated))
        for r in range(rng.choice([0, 1, 1, 2])):
            rid = f"e{ev:06d}r{r}"
            other = wordings[1 + r]
            out.append(dict(id=rid, title=f"{e.place}: {e.obj} {e.kind[1]}", body="\n\n".join(_story(e, rng, other, rng.randint(4, 12))),
                            published=_date(base, rng.randint(0, 2)), wire=None, outlet=f"{_name(rng)} Gazette",
                            group=rid, kind="rewrite", source=wid, redated=False))
        if rng.random() < 0.3:
            pid = f"e{ev:06d}p"
            own = _story(e, rng, wordings[3], rng.randint(5, 10))
            k = rng.randint(2, 4)
            start = rng.randrange(0, max(1, len(paras) - k))
            quoted = [p for p in paras[start : start + k]]
            body = own[:2] + [f"In a report carried by the {wire} agency:"] + quoted + own[2:]
            out.append(dict(id=pid, title=f"Inside {e.place}", body="\n\n".join(body), published=_date(base, 1),
                            wire=None, outlet=f"{_name(rng)} Review", group=pid, kind="partial", source=wid, redated=False))
    return out


if __name__ == "__main__":  # a peek at one event
    for d in generate(1, seed=1):
        print(f"--- {d['id']} {d['kind']} {d['published']} group={d['group']}\n{d['body']}\n")
