"""The words of the fictional demo corpus: events and the articles about them.

Everything here is invented: the Aldine Coast, its towns, people, companies,
outlets and the Norland Wire Service (NWS) do not exist. ``make_corpus.py``
renders these articles into page captures and writes ``examples/gold.json``.

Each article is a dict: ``id`` (capture id), ``event``, ``outlet``, ``format``
(``txt``/``html``/``jsonl``/``warc``/``txt.gz``), ``title``, ``claimed`` and
``true`` publication dates, ``byline``, ``wire``, ``dateline``, ``paras``.
"""

from __future__ import annotations

from typing import Any

EVENTS: dict[str, dict[str, str]] = {
    "ferry-grounding": {
        "title": "Ferry Orla Mae runs aground on the Sennet Shoal off Port Aldine",
        "date": "2026-03-12",
    },
    "greyline-licence": {
        "title": "Regulator suspends Greyline Ferries; chief executive resigns",
        "date": "2026-03-16",
    },
    "ferry-report": {
        "title": "Preliminary report: Orla Mae's radar alarm was switched off",
        "date": "2026-04-14",
    },
    "lanterne-vote": {
        "title": "Marrowick council approves Haleward's Lanterne tower",
        "date": "2026-04-06",
    },
    "eastmoor-fire": {
        "title": "Fire destroys Haleward Holdings warehouse in Eastmoor",
        "date": "2026-04-09",
    },
    "sable-peak-plant": {
        "title": "Sable Peak Semiconductors to build chip plant at Tessaly Falls",
        "date": "2026-05-20",
    },
    "tessaly-rationing": {
        "title": "Tessaly valley water rationing as reservoir falls to 18 per cent",
        "date": "2026-07-14",
    },
}

# The NWS wire story about the grounding, as the agency sent it.
_WIRE_FERRY = [
    "PORT ALDINE (NWS) — A passenger ferry carrying 212 people ran aground on a sandbar outside "
    "Port Aldine harbour in thick fog on Thursday morning, injuring 42 people, the Aldine Coast "
    "maritime authority said.",
    "The Orla Mae, operated by Greyline Ferries, struck the Sennet Shoal about 20 minutes after "
    "leaving the harbour on its regular crossing to Greyhaven Island. Coast guard boats and "
    "private vessels took passengers off the listing ship over the next three hours.",
    "Most of the injured had cuts and bruises from falling when the ship stopped abruptly, a "
    "spokesperson for St. Brennan's Hospital said. Four people were being treated for broken "
    "bones. No one was killed.",
    "Maritime Minister Helena Strand, who travelled to the harbour in the afternoon, said: "
    "“We will not rest until we know exactly why the Orla Mae left the channel.”",
    "The ferry passed its last safety inspection last month, according to records published by "
    "the maritime authority. Greyline Ferries said in a statement that it was cooperating fully "
    "with investigators.",
    "The shoal, marked by two lit buoys, has been the site of several smaller groundings in the "
    "past decade. Local fishermen have long asked for the channel to be dredged.",
    "Crossings to Greyhaven Island were suspended for the rest of the day. About 1,900 people "
    "live on the island, which depends on the ferry for food and fuel deliveries.",
    "Greyline operates four vessels on the Aldine Coast and carried about 600,000 passengers "
    "last year. The company's chief executive, Rowan Petrakis, was expected to speak to "
    "reporters on Friday.",
]


def _courier_copy() -> list[str]:
    """The Harbour Courier runs the wire text with its house style (no stop in "St")."""
    return [p.replace("St. Brennan", "St Brennan") for p in _WIRE_FERRY]


def _coastline_copy() -> list[str]:
    """Coastline 24 re-posts the wire months later: light edits, the last two paragraphs cut."""
    paras = list(_WIRE_FERRY[:6])
    paras[1] = paras[1].replace("private vessels", "private boats")
    paras[5] = paras[5].replace("Local fishermen", "Fishermen in the area")
    return paras


ARTICLES: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- ferry-grounding
    {
        "id": "harbour-courier_ferry-aground.txt", "event": "ferry-grounding",
        "outlet": "The Harbour Courier", "format": "txt", "wire": "NWS",
        "title": "Ferry runs aground off Port Aldine in fog, 42 injured",
        "claimed": "2026-03-12", "true": "2026-03-12",
        "byline": ["Mara Ellison"], "byline_text": "By Mara Ellison, Norland Wire Service",
        "dateline": "PORT ALDINE", "paras": _courier_copy(),
        "caption": (2, "The Orla Mae listing on the Sennet Shoal on Thursday. Credit: NWS/Kit Ambrose"),
        "credit": "NWS reporter Joel Fenwick in Valemont contributed to this report.",
        "url": "https://harbourcourier.example/news/2026/03/12/ferry-runs-aground-port-aldine",
    },
    {
        "id": "coastline24_orla-mae.html", "event": "ferry-grounding",
        "outlet": "Coastline 24", "format": "html", "wire": "NWS",
        "title": "Fog, a sandbar and 212 passengers: what happened to the Orla Mae",
        "claimed": "2026-11-04", "true": "2026-03-12",
        "byline": [], "byline_text": None, "dateline": "PORT ALDINE",
        "paras": _coastline_copy(),
        "url": "https://coastline24.example/2026/11/04/fog-sandbar-orla-mae",
    },
    {
        "id": "aldine-evening-post_sixty-hurt.txt", "event": "ferry-grounding",
        "outlet": "Aldine Evening Post", "format": "txt", "wire": None,
        "title": "Sixty hurt as Greyhaven ferry hits shoal in fog",
        "claimed": "2026-03-12", "true": "2026-03-12",
        "byline": ["Priya Castellan"], "byline_text": "By Priya Castellan", "dateline": None,
        "paras": [
            "Sixty people were hurt on Thursday when the Greyhaven Island ferry Orla Mae ran onto "
            "the Sennet Shoal in fog just outside Port Aldine, in the worst accident on the "
            "crossing in more than twenty years.",
            "The vessel left the Quayside terminal at 7:20 a.m. with 212 passengers and nine crew. "
            "Passengers described a long grinding noise, then a jolt that threw people and luggage "
            "across the lower deck.",
            "“Coffee cups, bags, children, everything went forward at once,” said Dana Whitlow, "
            "44, a nurse who commutes to the island twice a week. “Then the lights went out and "
            "the floor tilted.”",
            "The harbour tug Percival pushed against the ferry's hull to stop it listing further "
            "while lifeboats and fishing boats carried passengers to the pier. The last passengers "
            "were ashore before 11 a.m.",
            "Harbour master Tomas Quill told reporters on the quay: “We will not rest until we "
            "know "
            "exactly why the Orla Mae left the channel.” He said the ferry's radar log had been "
            "secured.",
            "Of the 60 injured, sixteen were kept overnight at St. Brennan's Hospital, according "
            "to the hospital. The rest were treated at the terminal and released.",
            "Greyline Ferries did not answer questions about the captain, whom the company has "
            "not named.",
        ],
        "caption": (3, "PHOTO: Passengers wrapped in blankets at the Quayside terminal. (Aldine Evening Post/Ruth Okafor)"),
        "url": "https://aldinepost.example/local/sixty-hurt-greyhaven-ferry-shoal",
    },
    {
        "id": "valemont-tribune_ferry-captain.html", "event": "ferry-grounding",
        "outlet": "Valemont Tribune", "format": "html", "wire": None,
        "title": "Orla Mae captain had sailed the Greyhaven route for 19 years",
        "claimed": "2026-03-12", "true": "2026-03-12",
        "byline": ["Leon Harrow"], "byline_text": "By Leon Harrow", "dateline": None,
        "paras": [
            "The captain of the ferry that ran aground outside Port Aldine on Thursday had made "
            "the Greyhaven Island crossing for 19 years without an accident, colleagues said, as "
            "investigators began questioning the crew.",
            "Captain Ansel Dray, 58, was on the bridge when the Orla Mae struck the Sennet Shoal "
            "in "
            "fog shortly after 7:40 a.m. In all, 42 people were injured, four of them seriously, "
            "according to the maritime authority.",
            "Two passengers told the Tribune they had not heard the ship's fog horn in the minutes "
            "before the impact. The maritime authority said it would examine whether the horn and "
            "the radar were working.",
            "The ferry's last safety inspection was carried out in January, according to a "
            "Greyline Ferries spokesperson, who said the vessel had passed “without any findings”.",
            "Investigators from the Maritime Accident Board arrived from Valemont in the "
            "afternoon. "
            "Board chair Odile Marchetti said a preliminary report would be ready within 30 days.",
            "Dray has not spoken publicly. His union, the Coastal Officers' Guild, said in a "
            "statement that it would “support our member fully” and asked the public not to jump "
            "to conclusions.",
        ],
        "caption": (1, "Captain Ansel Dray in 2019, when Greyline named him its senior master. Credit: Greyline Ferries"),
        "url": "https://valemonttribune.example/region/orla-mae-captain-19-years",
    },
    {
        "id": "aldine_feed.jsonl#1", "event": "ferry-grounding",
        "outlet": "Tidewater Radio News", "format": "jsonl", "wire": None,
        "title": "Blood donors queue in Port Aldine after ferry grounding",
        "claimed": "2026-03-12", "true": "2026-03-12",
        "byline": [], "byline_text": None, "dateline": None,
        "paras": [
            "Hundreds of people queued outside St. Brennan's Hospital in Port Aldine on Thursday "
            "afternoon to give blood after the ferry Orla Mae ran aground with 212 people on "
            "board.",
            "Hospital officials said 60 people were injured in the grounding on the Sennet Shoal. "
            "None of the injuries was life-threatening, they said.",
            "“We put out one message on the radio and within an hour the line went round the "
            "block,” said Marguerite Osei, who runs the hospital's blood service. She said the "
            "hospital had enough supplies for the weekend.",
            "Greyline Ferries has set up a helpline for relatives. Crossings to Greyhaven Island "
            "will resume on Saturday using a smaller vessel, the company said.",
        ],
        "url": "https://tidewater.example/news/blood-donors-port-aldine",
    },
]
ARTICLES += [
    # ---------------------------------------------------------------- greyline-licence (aftermath)
    {
        "id": "harbour-courier_greyline-suspended.txt", "event": "greyline-licence",
        "outlet": "The Harbour Courier", "format": "txt", "wire": None,
        "title": "Greyline fleet tied up as regulator suspends licence",
        "claimed": "2026-03-16", "true": "2026-03-16",
        "byline": ["Imogen Tally"], "byline_text": "By Imogen Tally", "dateline": None,
        "paras": [
            "The Aldine Coast maritime authority suspended Greyline Ferries' operating licence on "
            "Monday, keeping all four of the company's vessels in port until each has been "
            "inspected, four days after the Orla Mae ran aground on the Sennet Shoal.",
            "The authority's director, Bastian Krol, said the suspension was “a precaution, not a "
            "verdict” and could be lifted vessel by vessel. He said inspectors would start with "
            "the Orla Mae's sister ship, the Wren Castle.",
            "Greyhaven Island will be served from Wednesday by a chartered vessel, the Kittiwake, "
            "run by Bluewake Marine, which will make three crossings a day instead of the usual "
            "seven.",
            "Greyline's chief executive, Rowan Petrakis, did not comment on the suspension. The "
            "company said it would appeal against any decision that was “not based on evidence”.",
            "Fuel merchants on the island said they had enough diesel for about ten days.",
        ],
        "url": "https://harbourcourier.example/news/2026/03/16/greyline-fleet-tied-up",
        "related": ["Ferry runs aground off Port Aldine in fog, 42 injured",
                    "Greyhaven islanders fear shortages as crossings stop"],
    },
    {
        "id": "valemont-tribune_petrakis-resigns.html", "event": "greyline-licence",
        "outlet": "Valemont Tribune", "format": "html", "wire": None,
        "title": "Greyline chief Rowan Petrakis resigns after ferry grounding",
        "claimed": "2026-03-17", "true": "2026-03-17",
        "byline": ["Leon Harrow"], "byline_text": "By Leon Harrow", "dateline": "VALEMONT",
        "paras": [
            "VALEMONT — Rowan Petrakis resigned as chief executive of Greyline Ferries late on "
            "Monday, hours after the regulator suspended the company's licence following last "
            "Thursday's grounding of the Orla Mae.",
            "In a two-paragraph statement, Petrakis said he was stepping down “so that the "
            "company can face the investigation without distraction”. He had led Greyline since "
            "2017.",
            "The board named its finance director, Celia Brandt, as interim chief executive. "
            "Brandt said her first task was to “get Greyhaven moving again, safely”.",
            "Shares in Greyline's parent, Aldine Maritime Group, fell 9 per cent on the Valemont "
            "exchange on Tuesday morning.",
            "Maritime Minister Helena Strand said the resignation did not change the timetable of "
            "the Maritime Accident Board, whose preliminary report is due next month.",
        ],
        "url": "https://valemonttribune.example/business/petrakis-resigns-greyline",
    },
    {
        "id": "aldine_feed.jsonl#2", "event": "greyline-licence",
        "outlet": "Tidewater Radio News", "format": "jsonl", "wire": None,
        "title": None,
        "claimed": "2026-03-16", "true": "2026-03-16",
        "byline": [], "byline_text": None, "dateline": None,
        "paras": [
            "Greyline Ferries has lost its licence to sail until further notice. The Aldine Coast "
            "maritime authority announced the suspension on Monday afternoon.",
            "Islanders on Greyhaven told Tidewater Radio they were worried about supplies. "
            "“The shop shelves are already half empty,” said Fergus Lyle, who runs the island's "
            "only grocery.",
            "A chartered replacement ferry is due to start crossings on Wednesday.",
        ],
        "url": "https://tidewater.example/news/greyline-licence-suspended",
    },
    # ---------------------------------------------------------------- ferry-report (storyline, weeks later)
    {
        "id": "harbour-courier_radar-alarm.txt", "event": "ferry-report",
        "outlet": "The Harbour Courier", "format": "txt", "wire": None,
        "title": "Orla Mae's radar alarm was switched off, investigators find",
        "claimed": "2026-04-14", "true": "2026-04-14",
        "byline": ["Imogen Tally"], "byline_text": "By Imogen Tally", "dateline": None,
        "paras": [
            "The shallow-water alarm on the Orla Mae's radar had been switched off when the ferry "
            "ran aground outside Port Aldine last month, the Maritime Accident Board said in a "
            "preliminary report published on Tuesday.",
            "The report says the alarm was silenced during a crossing two days before the "
            "grounding, after crew complained of false alerts near the harbour mouth, and was "
            "never turned back on.",
            "It also found that the ferry was travelling at 14 knots in visibility of less than "
            "200 metres, faster than Greyline's own rules allowed in fog.",
            "The board made no finding on individual responsibility. Its final report is expected "
            "in the autumn.",
            "Greyline's interim chief executive, Celia Brandt, said the company had already "
            "changed its procedures so that no alarm can be switched off without the captain's "
            "written approval.",
        ],
        "url": "https://harbourcourier.example/news/2026/04/14/orla-mae-radar-alarm-off",
    },
    {
        "id": "valemont-tribune_mab-report.html", "event": "ferry-report",
        "outlet": "Valemont Tribune", "format": "html", "wire": None,
        "title": "Board report on Orla Mae grounding points to speed and a silenced alarm",
        "claimed": "2026-04-14", "true": "2026-04-14",
        "byline": ["Leon Harrow", "Sunniva Rask"],
        "byline_text": "By Leon Harrow and Sunniva Rask", "dateline": None,
        "paras": [
            "A silenced radar alarm and excessive speed in fog led to the grounding of the Orla "
            "Mae "
            "on March 12, the Maritime Accident Board concluded in its preliminary findings on "
            "Tuesday.",
            "Board chair Odile Marchetti told a news conference in Valemont that the ferry was "
            "“going too fast, with one of its eyes closed”.",
            "The 38-page report recommends that the authority require a second officer on the "
            "bridge of every passenger ferry in restricted visibility.",
            "Captain Ansel Dray's union said the report showed a “culture of pressure to keep to "
            "the timetable” at Greyline, which the company denied.",
        ],
        "url": "https://valemonttribune.example/region/mab-report-orla-mae",
        "related": ["Greyline chief Rowan Petrakis resigns after ferry grounding",
                    "Orla Mae captain had sailed the Greyhaven route for 19 years"],
    },
    {
        "id": "aldine_feed.jsonl#3", "event": "ferry-report",
        "outlet": "Coastline 24", "format": "jsonl", "wire": None,
        "title": "Investigators: alarm off, speed too high when ferry hit shoal",
        "claimed": "2026-04-14", "true": "2026-04-14",
        "byline": ["Nadia Ferreira"], "byline_text": None, "dateline": None,
        "html": True,
        "paras": [
            "The Orla Mae was sailing at 14 knots with its shallow-water alarm turned off when it "
            "hit the Sennet Shoal, according to the preliminary report of the Maritime Accident "
            "Board.",
            "The report, released on Tuesday, recommends two officers on the bridge in fog and new "
            "buoys on the approach to Port Aldine.",
            "Forty-two people were hurt in the grounding. Greyline Ferries' licence was restored "
            "for three of its four vessels at the end of March.",
        ],
        "url": "https://coastline24.example/2026/04/14/alarm-off-speed-too-high",
    },
]
