"""Generate fictional news streams with gold story labels (for training and benchmarks).

Every name, place and event is invented. A stream has many events over weeks, each
told by several outlets in paraphrased articles spread over a few days, with:

- same-entity hard negatives: the same people/places in different events the same week;
- same-type negatives: two events of one kind (two storms, two trials) at once;
- storylines: follow-up events of one affair days apart (gold: different stories, linked);
- teasers: some bodies end with another event's headline ("Read more: ...");
- copies: syndicated re-posts of an article by another outlet (a CopyGroup).

``generate(n_articles, seed)`` returns ``(articles, groups, gold)`` where ``gold`` maps
article id -> event id and ``storylines`` maps event id -> storyline id.
Run ``python benchmarks/gen_events.py N`` to print a sample.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field

from newsfuse.records import Article, CopyGroup

_FIRST = "Alda Boris Cato Dara Elian Fenna Goran Halla Ivo Jora Kesta Lorin Mirel Nadia Oren Pella Quill Rasa Soren Talia Ulric Vesna Wendel Xara Yorick Zelda Anvar Brisa Corin Dessa".split()
_LAST = "Varnek Holloway Mistral Quenby Oduya Strand Pellegrin Karsk Ambrose Tevlin Rusk Ferro Lindqvist Marek Osei Vantor Delacroix Brannock Szell Iwata Korhonen Mbeki Rostam Calloway Yarrow Dunmore Ketteridge Sabourin Vell Anstey".split()
_COUNTRIES = "Valdoria Mernia Ostrava Kethland Surin Palmora Tarsis Belgrova Norvane Estrel Quorin Lusk".split()
_CITIES = "Port Meren,Haldis,Carrow Bay,Velmont,Istra,Kessing,Dunmar,Orrin Falls,Saltreach,Pellbury,Marrowgate,Tiverly,Ashcombe,Ruvenna,Gallow Point,Nesbit".split(",")
_ORGS = "Helix Dynamics,Corvane Energy,Northgate Bank,Altamira Foods,Stellan Motors,Brightwater Telecom,Kestrel Airlines,Orbis Pharma,Tidewell Shipping,Quantra Systems,Meridian Steel,Larkspur Media".split(",")
_PARTIES = "Unity Party,Civic Alliance,Green Front,People's League,Reform Bloc".split(",")
_TEAMS = "Haldis Rovers,Port Meren United,Velmont Athletic,Istra City,Carrow Bay Wanderers,Kessing Town".split(",")
OUTLETS = "Daily Ledger,Morning Courier,Evening Post,The Observer Star,Capital Wire,Harbor Times,Northern Herald,Metro Tribune,Global Dispatch,Coastal Gazette,Valley News,The Sentinel".split(",")

# Each kind: titles, then facts; each fact has paraphrases. Slots: {p} person, {q} second
# person, {o} org, {c} country, {k} city, {n} number, {m} second number, {t} team/party.
KINDS: dict[str, dict[str, list]] = {
    "quake": {
        "titles": ["Magnitude {m}.{n} earthquake strikes near {k}", "Strong quake shakes {k}, {n} reported dead", "Earthquake hits {c} city of {k}"],
        "facts": [
            ["A magnitude {m}.{n} earthquake struck near {k} on {day}, the national seismology agency said.", "An earthquake measuring {m}.{n} hit the area around {k} on {day}."],
            ["At least {n} people were killed and dozens injured as buildings collapsed.", "Officials said {n} people died when several buildings fell."],
            ["Rescue teams searched through rubble in the old town overnight.", "Emergency crews dug through debris looking for survivors."],
            ["Interior minister {p} said shelters had been opened for displaced families.", "{p}, the interior minister, announced emergency shelters for families."],
            ["Aftershocks rattled {k} for hours after the main tremor.", "Several aftershocks followed the initial quake."],
        ],
    },
    "storm": {
        "titles": ["Storm {q} batters {k} with floods and high winds", "Floods swamp {k} as storm makes landfall", "Thousands evacuated as storm hits {c} coast"],
        "facts": [
            ["The storm made landfall near {k} on {day} with winds of {n}0 kilometres per hour.", "Winds reaching {n}0 km/h lashed {k} as the storm came ashore on {day}."],
            ["More than {m},000 residents were evacuated from low-lying districts.", "Authorities moved {m},000 people out of flood-prone neighbourhoods."],
            ["Power was cut to large parts of the coast and rivers burst their banks.", "Rivers overflowed and electricity failed across the coastal region."],
            ["Governor {p} declared a state of emergency for the province.", "A state of emergency was declared by regional governor {p}."],
            ["Forecasters warned more rain would fall through the weekend.", "The weather service said heavy rain would continue for days."],
        ],
    },
    "trial": {
        "titles": ["{p} goes on trial in {k} over bribery charges", "Court hears bribery case against former minister {p}", "Bribery trial of {p} opens in {k}"],
        "facts": [
            ["Former minister {p} appeared in court in {k} on {day} accused of taking bribes from {o}.", "{p}, a former minister, faced a {k} court on {day} over alleged bribes from {o}."],
            ["Prosecutors say {p} received {n} million in payments over five years.", "The prosecution alleges payments of {n} million were made to {p}."],
            ["{p} denies all charges and says the case is politically motivated.", "Lawyers for {p} called the charges a political attack."],
            ["Judge {q} said the hearing would continue next week.", "The trial, led by judge {q}, was adjourned until next week."],
            ["{o} has said it is cooperating with investigators.", "A spokesperson for {o} said the company cooperated fully."],
        ],
    },
    "verdict": {
        "titles": ["Court convicts {p} of bribery, sentences him to {n} years", "{p} found guilty in bribery case", "Former minister {p} jailed for {n} years"],
        "facts": [
            ["A court in {k} found former minister {p} guilty of bribery on {day}.", "{p} was convicted of taking bribes by a {k} court on {day}."],
            ["Judge {q} sentenced {p} to {n} years in prison.", "The sentence handed down by judge {q} was {n} years."],
            ["The court ruled the payments from {o} were bribes for contracts.", "Judges said {o} paid to win public contracts."],
            ["Lawyers for {p} said they would appeal the verdict.", "The defence announced an appeal against the conviction."],
            ["Anti-corruption groups welcomed the ruling as a turning point.", "Campaigners hailed the conviction."],
        ],
    },
    "merger": {
        "titles": ["{o} agrees to buy {o2} for {n} billion", "{o} strikes {n} billion deal for rival {o2}", "{o2} to be acquired by {o}"],
        "facts": [
            ["{o} said on {day} it had agreed to acquire {o2} in a deal worth {n} billion.", "{o} announced on {day} a {n} billion takeover of {o2}."],
            ["Chief executive {p} said the combination would create a regional leader.", "{p}, who runs {o}, said the merger would build a regional champion."],
            ["Shares of {o2} jumped {m}0 percent on the news.", "{o2} stock rose {m}0% after the announcement."],
            ["The deal still needs approval from competition regulators in {c}.", "Regulators in {c} must still clear the acquisition."],
            ["Analysts said the price was a premium to recent trading.", "Market analysts called the offer generous."],
        ],
    },
    "strike": {
        "titles": ["Workers at {o} walk out over pay", "Strike halts production at {o} plants", "{o} staff strike in {k} pay dispute"],
        "facts": [
            ["Thousands of workers at {o} went on strike on {day} demanding higher wages.", "Employees of {o} walked off the job on {day} over pay."],
            ["Union leader {p} said members wanted a raise of {n} percent.", "{p}, who leads the union, is asking for a {n}% pay increase."],
            ["Production at the {k} plant came to a standstill.", "The factory in {k} stopped its lines."],
            ["The company said it had offered {m} percent and called the strike unnecessary.", "Management said its {m}% offer was fair."],
            ["Talks are expected to resume later in the week.", "Negotiators plan to meet again within days."],
        ],
    },
    "election": {
        "titles": ["{p} wins presidential election in {c}", "{t} leader {p} claims victory in {c} vote", "Voters in {c} elect {p} as president"],
        "facts": [
            ["{p} of the {t} won the presidential election in {c} held on {day}.", "Voters in {c} chose {p}, the {t} candidate, as president on {day}."],
            ["Official results gave {p} {n} percent of the vote against {m}0 percent for {q}.", "{p} took {n}% while rival {q} won {m}0%, the electoral board said."],
            ["{q} conceded defeat late in the evening.", "Rival candidate {q} accepted the result."],
            ["Turnout was the highest in two decades, officials said.", "Election officials reported record participation."],
            ["{p} promised to fight inflation and corruption.", "In a victory speech {p} vowed to tackle prices and graft."],
        ],
    },
    "summit": {
        "titles": ["{p} and {q} meet in {k} for trade talks", "Leaders of {c} and {c2} hold summit in {k}", "{p} hosts {q} for talks on trade and security"],
        "facts": [
            ["President {p} of {c} met {q}, leader of {c2}, in {k} on {day}.", "{p} and {q} held talks in {k} on {day}."],
            ["The two leaders signed {n} agreements on trade and energy.", "They signed {n} accords covering energy and trade."],
            ["{p} said relations between {c} and {c2} had entered a new phase.", "Relations had reached a new stage, {p} told reporters."],
            ["Talks also covered border security and fishing rights.", "The summit touched on the border and fisheries."],
            ["{q} invited {p} to visit {c2} next year.", "A return visit to {c2} was planned for next year."],
        ],
    },
    "resign": {
        "titles": ["{p} resigns as finance minister of {c}", "{c} finance minister {p} quits after scandal", "Finance minister {p} steps down"],
        "facts": [
            ["Finance minister {p} resigned on {day} after reports about undeclared loans.", "{p} quit as finance minister on {day} over undisclosed loans."],
            ["In a statement {p} said the resignation was in the interest of the government.", "{p} said stepping down would protect the cabinet."],
            ["Prime minister {q} accepted the resignation and named an interim replacement.", "{q}, the prime minister, appointed a caretaker."],
            ["Opposition parties had demanded an inquiry for weeks.", "The opposition had pressed for an investigation."],
            ["The loans were reportedly worth {n} million.", "Reports put the loans at {n} million."],
        ],
    },
    "final": {
        "titles": ["{t} beat {t2} {m}-{n} to win the cup", "{t} lift cup after {m}-{n} final win over {t2}", "Cup final: {t} defeat {t2}"],
        "facts": [
            ["{t} won the national cup on {day}, beating {t2} {m}-{n} in {k}.", "{t} beat {t2} {m}-{n} in the cup final in {k} on {day}."],
            ["Striker {p} scored twice in the second half.", "{p} netted two goals after the break."],
            ["Coach {q} called it the best night of his career.", "{q}, the coach, said the win was a career highlight."],
            ["More than {n}0,000 fans filled the stadium.", "A crowd of {n}0,000 watched the match."],
            ["It is the club's first trophy in {m}0 years.", "The title ends a {m}0-year wait for silverware."],
        ],
    },
    "recall": {
        "titles": ["{o} recalls {n}00,000 vehicles over brake fault", "Brake defect forces {o} recall", "{o} orders recall of cars in {c}"],
        "facts": [
            ["{o} said on {day} it was recalling {n}00,000 vehicles because of a brake defect.", "A brake problem led {o} to recall {n}00,000 cars, it said on {day}."],
            ["The fault can reduce braking power in cold weather.", "In low temperatures the brakes may lose force."],
            ["{p}, head of quality at {o}, apologised to customers.", "Customers received an apology from {p}, the company's quality chief."],
            ["Regulators in {c} had opened an inquiry after {m}0 complaints.", "The {c} safety agency received {m}0 complaints before the recall."],
            ["Owners will be contacted by dealers for free repairs.", "Repairs will be free of charge at dealers."],
        ],
    },
    "fire": {
        "titles": ["Wildfire forces evacuations near {k}", "Forest fire spreads toward {k}", "Firefighters battle blaze outside {k}"],
        "facts": [
            ["A wildfire burning near {k} forced {n},000 people to leave their homes on {day}.", "About {n},000 residents near {k} were evacuated as a forest fire spread on {day}."],
            ["The blaze has burned {m},000 hectares of forest.", "Some {m},000 hectares have been destroyed."],
            ["Fire chief {p} said strong winds were driving the flames.", "Winds are pushing the fire forward, said fire chief {p}."],
            ["Water bombers from neighbouring {c2} joined the effort.", "Aircraft from {c2} helped fight the fire."],
            ["No deaths have been reported so far.", "There were no reported fatalities."],
        ],
    },
    "aid": {
        "titles": ["Foreign aid arrives in quake-hit {k}", "{c2} sends rescue teams and aid to {k}", "Aid flights land in {k} after earthquake"],
        "facts": [
            ["The first aid flights from {c2} landed near {k} on {day}, carrying tents and medicine.", "Planes from {c2} loaded with tents and medical supplies arrived in {k} on {day}."],
            ["Interior minister {p} thanked donors and said {n}0,000 people remained homeless.", "{p} said {n}0,000 residents were still without homes and thanked foreign donors."],
            ["Engineers began inspecting damaged bridges and schools.", "Inspectors started checking schools and bridges for damage."],
            ["The United Relief Fund pledged {m} million for reconstruction.", "A pledge of {m} million for rebuilding came from the United Relief Fund."],
            ["Survivors queued for water and food at distribution points.", "Long lines formed at food and water stations."],
        ],
    },
    "recovery": {
        "titles": ["{k} begins clean-up as floodwaters recede", "Damage from storm in {k} put at {n} billion", "Residents return to flooded {k}"],
        "facts": [
            ["Residents of {k} began returning home on {day} as floodwaters receded.", "As the water went down on {day}, families started going back to {k}."],
            ["Governor {p} estimated the damage at {n} billion.", "{p} said repairs would cost about {n} billion."],
            ["Insurers said claims were expected to reach record levels.", "Insurance companies braced for a wave of claims."],
            ["Schools in the province will reopen next week.", "Classes are due to resume next week."],
            ["Volunteers cleared mud from streets and shops.", "Teams of volunteers shovelled mud out of shops."],
        ],
    },
    "deal": {
        "titles": ["{o} and union reach deal to end strike", "Strike at {o} ends with {n} percent pay rise", "{o} workers vote to accept pay offer"],
        "facts": [
            ["{o} and its workers' union reached an agreement on {day} that ends the strike.", "The strike at {o} ended on {day} after the company and the union struck a deal."],
            ["Union leader {p} said members voted to accept a {n} percent raise.", "Members accepted a {n}% increase, union head {p} said."],
            ["Production at the {k} plant is due to restart on Monday.", "The {k} factory will resume work on Monday."],
            ["The deal also includes a one-off bonus and shorter shifts.", "A one-time bonus and shorter shifts are part of the agreement."],
            ["Analysts estimated the walkout cost {o} {m}0 million.", "The stoppage cost the company about {m}0 million, analysts said."],
        ],
    },
}
# Storylines: a kind followed by kinds that continue the same affair with the same cast.
FOLLOW = {"trial": "verdict", "storm": "recovery", "strike": "deal", "quake": "aid"}
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Context that outlets add on their own: other people, places and numbers, so true
# paraphrases share far from all of their entities and words (as real coverage does).
_CONTEXT = [
    "{x}, an analyst at {org}, said the events would be watched closely in {place}.",
    "Speaking to reporters in {place}, {x} described the situation as unprecedented.",
    "{x}, a professor at the University of {place}, said similar cases had been rare in the past decade.",
    "The {org} said in a note to clients that it expected limited effects on prices.",
    "In {place}, residents interviewed by local radio expressed mixed feelings.",
    "Earlier this year {x} had warned about rising risks, according to a report by {org}.",
    "Critics including {x} argued that warnings had been ignored for years.",
    "Data compiled by {org} showed {num} similar incidents since {year}.",
]
_FILLER = [
    "The development was closely watched by observers across the region.",
    "Reporters at the scene described a tense atmosphere.",
    "Further details were expected in the coming days.",
    "Officials did not immediately respond to requests for comment.",
    "Local media carried live coverage throughout the day.",
]


# Details only some outlets report: their own witnesses, officials and places, coined
# per event (rare names), so articles of one event share only part of their names.
_DETAILS = [
    "{w}, who saw it happen from {spot}, said people were shocked.",
    "According to {w}, a spokesperson for the {agency}, the first calls came in early.",
    "{w} of the {agency} said investigators would look at what went wrong.",
    "Residents of {spot} gathered outside the offices of the {agency}.",
    "{w}, who runs a shop in {spot}, said the mood was anxious.",
    "The {agency} said it would publish its findings within weeks.",
    "Local councillor {w} called for answers at a meeting in {spot}.",
    "Volunteers from {spot} offered help, {w} told the {paper}.",
]
ANGLE_SHARE = 0.4  # articles that lead with a secondary fact under their own headline
SURNAME_SHARE = 0.7  # articles that call people by surname after the first mention
DETAILS_PER_ARTICLE = [0, 1, 1, 2, 2, 3]  # how many of its event's own details one tells
_SYL = "ka ren to mi sal vor ed lin ba ru qui nes tor al mar ob fen dra li wen ost ha pel gri zu".split()
_SUFFIX = ["Authority", "Board", "Office", "Commission", "Agency", "Council"]


# Slots that name the event's own people, firms, places or teams (a number is no name).
_NAME_SLOT = re.compile(r"\{(p|q|o|o2|c|c2|k|t|t2)\}")


def _coin(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


@dataclass
class Event:
    id: str
    kind: str
    day: int
    slots: dict[str, str]
    storyline: str
    titles: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _slots(rng: random.Random, cast: list[str] | None) -> dict[str, str]:
    c, c2 = rng.sample(_COUNTRIES, 2)
    o, o2 = rng.sample(_ORGS, 2)
    t, t2 = rng.sample(_TEAMS, 2)
    people = cast or [_person(rng), _person(rng)]
    return {
        "p": people[0], "q": people[1], "c": c, "c2": c2, "k": rng.choice(_CITIES), "o": o,
        "o2": o2, "t": t if rng.random() < 0.6 else rng.choice(_PARTIES), "t2": t2,
        "n": str(rng.randint(2, 9)), "m": str(rng.randint(2, 9)),
    }


def _clash(kind: str, day: int, slots: dict[str, str], by_kind: dict[str, list[Event]]) -> bool:
    """Two events of one kind within a week with the same headline subject (the same firm
    recalling cars twice, two quakes in one city) would be one story to any reader: the
    generator does not produce such unknowable gold."""
    keys = {k for t in KINDS[kind]["titles"] for k in re.findall(r"\{(\w+)\}", t)} - {"n", "m"}
    return any(abs(ev.day - day) <= 7 and any(ev.slots[k] == slots[k] for k in keys)
               for ev in by_kind.get(kind, ()))


def _events(n_events: int, days: int, rng: random.Random) -> list[Event]:
    events: list[Event] = []
    casts: list[tuple[int, list[str]]] = []
    by_kind: dict[str, list[Event]] = {}
    while len(events) < n_events:
        day = rng.randrange(days)
        kind = rng.choice([k for k in KINDS if k not in FOLLOW.values()] + ["verdict"])
        cast = None
        # Hard negative: reuse the cast of an event from the same week in another event.
        recent = [cst for d, cst in casts if abs(d - day) <= 6]
        if recent and rng.random() < 0.3:
            cast = rng.choice(recent)
        slots = _slots(rng, cast)
        for _ in range(30):
            if not _clash(kind, day, slots, by_kind):
                break
            kind = rng.choice(list(KINDS))
            slots = _slots(rng, cast)
        else:
            continue
        ev = Event(f"e{len(events):05d}", kind, day, slots, "")
        ev.storyline = ev.id
        events.append(ev)
        by_kind.setdefault(kind, []).append(ev)
        casts.append((day, [ev.slots["p"], ev.slots["q"]]))
        # Storyline continuation: same cast, places and firms, days later.
        if kind in FOLLOW and rng.random() < 0.35 and len(events) < n_events:
            nxt = Event(f"e{len(events):05d}", FOLLOW[kind], day + rng.randint(3, 8),
                        dict(ev.slots, n=str(rng.randint(2, 9)), m=str(rng.randint(2, 9))), ev.id)
            events.append(nxt)
            by_kind.setdefault(nxt.kind, []).append(nxt)
    for ev in events:
        ev.titles = [t.format(**ev.slots) for t in KINDS[ev.kind]["titles"]]
        spot, agency = f"{_coin(rng)} {rng.choice(['Street', 'Quay', 'Heights', 'Park'])}", \
            f"{_coin(rng)} {rng.choice(_SUFFIX)}"
        ev.details = [d.format(w=f"{_coin(rng)} {_coin(rng, 3)}", spot=spot, agency=agency,
                               paper=rng.choice(OUTLETS))
                      for d in rng.sample(_DETAILS, 4)]
    return events


def _headline(sentence: str) -> str:
    """An angle headline made from a fact: outlets lead with what they found newsworthy."""
    words = re.sub(r"\s+on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", "",
                   sentence.rstrip(".")).split()
    if words and words[0] in ("The", "A", "An", "In", "According"):
        words = words[1:]
    return " ".join(words[:9]).rstrip(",")


def _surnames(text: str, people: list[str]) -> str:
    """After the first mention, a person is called by surname only (as outlets write)."""
    for person in people:
        first = text.find(person)
        if first < 0:
            continue
        head, tail = text[: first + len(person)], text[first + len(person):]
        text = head + tail.replace(person, person.split()[-1])
    return text


def _article_text(ev: Event, rng: random.Random, all_events: list[Event], varied: bool = True
                  ) -> tuple[str, str]:
    kind = KINDS[ev.kind]
    day_name = _DAYS[ev.day % 7]
    slots = dict(ev.slots, day=day_name)
    title = rng.choice(kind["titles"]).format(**slots)
    facts = kind["facts"]
    chosen = [facts[0]] + rng.sample(facts[1:], rng.randint(2, len(facts) - 1))
    if varied and rng.random() < ANGLE_SHARE:
        # An angle piece: leads with a secondary fact (or a detail of its own), headlined
        # on it, and tells the main fact later or not at all.
        # The lede still names the event's own people, firms or places: a secondary fact
        # without names would read the same in any event of the kind.
        named = [f for f in facts[1:] if all(_NAME_SLOT.search(v) for v in f)]
        if named:
            lede = rng.choice(named)
            rest = rng.sample([f for f in facts[1:] if f is not lede],
                              rng.randint(1, len(facts) - 2))
            if rng.random() < 0.85:
                rest.insert(rng.randint(0, len(rest)), facts[0])
            chosen = [lede] + rest
    paras = [rng.choice(f).format(**slots) for f in chosen]
    if varied:
        for d in rng.sample(ev.details, rng.choice(DETAILS_PER_ARTICLE)):
            paras.insert(rng.randint(1, len(paras)), d)
        if chosen[0] is not facts[0]:
            title = _headline(paras[0])
        if rng.random() < SURNAME_SHARE:
            paras = _surnames("\n\n".join(paras), [slots["p"], slots["q"]]).split("\n\n")
    if rng.random() < 0.5:
        paras.insert(rng.randint(1, len(paras)), rng.choice(_FILLER))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        extra = rng.choice(_CONTEXT).format(
            x=_person(rng), org=rng.choice(_ORGS), place=rng.choice(_CITIES + _COUNTRIES),
            num=rng.randint(3, 90), year=rng.randint(1995, 2025))
        paras.insert(rng.randint(1, len(paras)), extra)
    if rng.random() < 0.15:
        other = rng.choice(all_events)
        paras.append(f"Read more: {rng.choice(other.titles)}")
    return title, "\n\n".join(paras)


def generate(n_articles: int, seed: int = 0, per_event: float = 6.0, start: str = "2031-01-01",
             varied: bool = False
             ) -> tuple[list[Article], list[CopyGroup], dict[str, str], dict[str, str]]:
    """A stream of ``n_articles`` in arrival order (roughly by date, with jitter).

    ``varied`` writes outlets as real ones differ: angle pieces with their own headline
    and lede, details and witnesses only some outlets report, surname-only later
    mentions. The default is the uniform stream (paraphrases of one set of facts) the
    scorer is trained on; the second pass is tuned on varied streams."""
    rng = random.Random(seed)
    n_events = max(1, int(n_articles / per_event))
    days = max(14, n_events // 12)
    events = _events(n_events, days, rng)
    base = dt.date.fromisoformat(start).toordinal()
    articles: list[Article] = []
    groups: list[CopyGroup] = []
    gold: dict[str, str] = {}
    i = 0
    while len(articles) < n_articles:
        ev = events[i % len(events)] if i < len(events) else rng.choice(events)
        i += 1
        day = ev.day + min(rng.choice([0, 0, 0, 1, 1, 2, 3]), 3)
        date = dt.date.fromordinal(base + day).isoformat()
        title, body = _article_text(ev, rng, events, varied)
        aid = hashlib.sha1(f"{seed}:{len(articles)}".encode()).hexdigest()[:12]
        art = Article(id=aid, doc_id=aid, source=f"gen/{aid}", title=title, body=body,
                      outlet=rng.choice(OUTLETS), published=date, trusted_date=date)
        articles.append(art)
        gold[aid] = ev.id
        if rng.random() < 0.1 and len(articles) < n_articles:
            cid = hashlib.sha1(f"{seed}:{len(articles)}:copy".encode()).hexdigest()[:12]
            copy = Article(id=cid, doc_id=cid, source=f"gen/{cid}", title=title, body=body,
                           outlet=rng.choice(OUTLETS), published=date, trusted_date=date,
                           original=aid, copy_of=aid)
            art.original = aid
            articles.append(copy)
            gold[cid] = ev.id
            groups.append(CopyGroup(original=aid, members=[aid, cid], trusted_date=date))
    # Arrival order: by date with a little disorder, as feeds deliver.
    keyed = [(a.published or "", rng.random() + (1.5 if rng.random() < 0.05 else 0), a) for a in articles]
    keyed.sort(key=lambda x: (x[0], x[1]))
    storylines = {ev.id: ev.storyline for ev in events}
    return [k[2] for k in keyed], groups, gold, storylines


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    arts, grps, gold, lines = generate(n, seed=1)
    for a in arts[:n]:
        print(f"## {a.id} {gold[a.id]} {a.published} {a.outlet}\n# {a.title}\n{a.body}\n")
    print(len(arts), "articles,", len(set(gold.values())), "events,", len(grps), "copy groups")
