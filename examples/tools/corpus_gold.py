"""Hand-made judgements about the demo corpus that cannot be derived from the articles.

``make_corpus.py`` merges these with the per-capture facts into ``examples/gold.json``.
"""

from __future__ import annotations

from typing import Any

COURIER = "harbour-courier_ferry-aground.txt"
COASTLINE = "coastline24_orla-mae.html"
AEP = "aldine-evening-post_sixty-hurt.txt"
TRIBUNE = "valemont-tribune_ferry-captain.html"

COPIES: list[dict[str, Any]] = [
    {
        "original": COURIER,
        "members": [COURIER, COASTLINE],
        "trusted_date": "2026-03-12",
        "note": "NWS wire story. Coastline 24 re-posted it under a new headline with a false page "
        "date of 2026-11-04, light edits and its last two paragraphs cut.",
    }
]

CONFLICTS: list[dict[str, Any]] = [
    {
        "story": "ferry-grounding",
        "topic": "number of people injured in the grounding",
        "sides": [
            {"value": "42", "keywords": ["42"], "captures": [COURIER, COASTLINE, TRIBUNE]},
            {"value": "60", "keywords": ["60"], "captures": [AEP, "aldine_feed.jsonl#1"]},
        ],
    },
    {
        "story": "ferry-grounding",
        "topic": "who said “We will not rest until we know exactly why the Orla Mae left the channel”",
        "sides": [
            {"value": "Maritime Minister Helena Strand",
             "keywords": ["Helena Strand", "We will not rest"], "captures": [COURIER, COASTLINE]},
            {"value": "Harbour master Tomas Quill",
             "keywords": ["Tomas Quill", "We will not rest"], "captures": [AEP]},
        ],
    },
    {
        "story": "ferry-grounding",
        "topic": "when the Orla Mae last passed a safety inspection",
        "sides": [
            {"value": "2026-02 (“last month”, read against 2026-03-12)",
             "keywords": ["last month", "inspection"], "captures": [COURIER, COASTLINE]},
            {"value": "2026-01 (“in January”)",
             "keywords": ["January", "inspection"], "captures": [TRIBUNE]},
        ],
    },
    {
        "story": "lanterne-vote",
        "topic": "number of affordable flats in the Lanterne",
        "sides": [
            {"value": "120", "keywords": ["120", "affordable"],
             "captures": ["marrowick-ledger_lanterne-approved.txt"]},
            {"value": "150", "keywords": ["150", "affordable"], "captures": ["aldine_feed.jsonl#4"]},
        ],
    },
    {
        "story": "eastmoor-fire",
        "topic": "number of firefighters at the Eastmoor fire",
        "sides": [
            {"value": "about 80", "keywords": ["80 firefighters"],
             "captures": ["marrowick-ledger_eastmoor-fire.txt", "aldine_feed.jsonl#5"]},
            {"value": "120", "keywords": ["120 firefighters"],
             "captures": ["eastgate-review_haleward-shares.html", "crawl.warc.gz#2"]},
        ],
    },
]

UNIQUE: dict[str, list[str]] = {
    COURIER: ["600,000", "Rowan Petrakis", "1,900"],
    AEP: ["Percival", "Dana Whitlow", "radar log"],
    TRIBUNE: ["Ansel Dray", "fog horn", "Coastal Officers' Guild", "Odile Marchetti"],
    "aldine_feed.jsonl#1": ["give blood", "Marguerite Osei", "helpline"],
    "harbour-courier_greyline-suspended.txt": ["Bastian Krol", "Wren Castle", "diesel"],
    "valemont-tribune_petrakis-resigns.html": ["2017", "Aldine Maritime Group", "9 per cent"],
    "aldine_feed.jsonl#2": ["Fergus Lyle", "grocery"],
    "crawl.warc.gz#1": ["Orla Fitzmaurice", "bakery", "school bus"],
    "harbour-courier_radar-alarm.txt": ["two days before", "written approval", "200 metres"],
    "valemont-tribune_mab-report.html": ["38-page", "one of its eyes closed", "culture of pressure"],
    "aldine_feed.jsonl#3": ["new buoys", "restored"],
    "marrowick-ledger_lanterne-approved.txt": ["five-hour", "1926", "310 million"],
    "eastgate-review_haleward-tower.txt.gz": ["Merrow & Tate", "second riverside", "4.2 per cent"],
    "aldine_feed.jsonl#4": ["not binding", "tallest building"],
    "aldine-evening-post_depot-campaign.txt": ["86,000", "Desmond Achebe", "canteen"],
    "marrowick-ledger_eastmoor-fire.txt": ["timber", "2:30 a.m.", "Lanterne"],
    "eastgate-review_haleward-shares.html": ["6 per cent", "18 million", "insured"],
    "crawl.warc.gz#2": ["arson", "night watchman", "25 engines"],
    "aldine_feed.jsonl#5": ["air tests", "demolished"],
    "eastgate-review_sable-peak.txt": ["four regions", "substation", "3.1 per cent"],
    "granary-herald_chip-plant.html": ["Ferrand", "cannery", "market square"],
    "aldine_feed.jsonl#6": ["Greta Vasquez-Holm", "September"],
    "aldine-evening-post_sable-peak-wire.txt": ["fifty years", "between 2 and 3"],
    "granary-herald_water-rationing.html": ["1961", "a third less"],
    "crawl.warc.gz#3": ["tomato", "harvest", "Sable Peak"],
    "marrowick-ledger_tessaly-rules.txt": ["500 crowns", "kettle", "60,000"],
    "aldine_feed.jsonl#7": ["autumn rains"],
}

# (quote text as printed, with straight quotes; speaker -> captures that attribute it so)
QUOTES: list[dict[str, Any]] = [
    {"text": "We will not rest until we know exactly why the Orla Mae left the channel.",
     "speakers": {"Helena Strand": [COURIER, COASTLINE], "Tomas Quill": [AEP]}},
    {"text": "Coffee cups, bags, children, everything went forward at once,",
     "speakers": {"Dana Whitlow": [AEP]}},
    {"text": "a precaution, not a verdict",
     "speakers": {"Bastian Krol": ["harbour-courier_greyline-suspended.txt"]}},
    {"text": "so that the company can face the investigation without distraction",
     "speakers": {"Rowan Petrakis": ["valemont-tribune_petrakis-resigns.html"]}},
    {"text": "get Greyhaven moving again, safely",
     "speakers": {"Celia Brandt": ["valemont-tribune_petrakis-resigns.html"]}},
    {"text": "going too fast, with one of its eyes closed",
     "speakers": {"Odile Marchetti": ["valemont-tribune_mab-report.html"]}},
    {"text": "cannot house a growing population in buildings designed for 1926",
     "speakers": {"Ilse Varga": ["marrowick-ledger_lanterne-approved.txt"]}},
    {"text": "The Lanterne is the proof of concept.",
     "speakers": {"Corwin Hale": ["eastgate-review_haleward-tower.txt.gz"]}},
    {"text": "They have voted to knock down the last piece of old Marrowick",
     "speakers": {"Agnes Lowry": ["aldine_feed.jsonl#4"]}},
    {"text": "We will rebuild, and we will rebuild in Eastmoor,",
     "speakers": {"Corwin Hale": ["eastgate-review_haleward-shares.html"]}},
    {"text": "Two separate seats of fire is something we always look at very closely,",
     "speakers": {"Rosalind Achterberg": ["crawl.warc.gz#2"]}},
    {"text": "land, a trained workforce and a regional government that answers the phone",
     "speakers": {"Yara Solberg": ["eastgate-review_sable-peak.txt"]}},
    {"text": "the biggest private investment in this region in a generation",
     "speakers": {"Matthias Oduya": ["aldine_feed.jsonl#6"]}},
    {"text": "We are asking everyone to use a third less water than last summer,",
     "speakers": {"Ingrid Havel": ["granary-herald_water-rationing.html"]}},
    {"text": "Two days a week is enough to keep the trees alive, not to grow fruit,",
     "speakers": {"Lidia Navarre": ["crawl.warc.gz#3"]}},
]

# Relative and partial date expressions and what they mean, read against the true date.
DATE_EXPRESSIONS: list[dict[str, str]] = [
    {"capture": COURIER, "expression": "last month", "means": "2026-02",
     "about": "the Orla Mae's last safety inspection"},
    {"capture": TRIBUNE, "expression": "in January", "means": "2026-01",
     "about": "the Orla Mae's last safety inspection"},
    {"capture": "harbour-courier_greyline-suspended.txt", "expression": "four days after",
     "means": "2026-03-12", "about": "the grounding"},
    {"capture": "valemont-tribune_petrakis-resigns.html", "expression": "last Thursday",
     "means": "2026-03-12", "about": "the grounding"},
    {"capture": "harbour-courier_radar-alarm.txt", "expression": "last month",
     "means": "2026-03", "about": "the grounding"},
    {"capture": "valemont-tribune_mab-report.html", "expression": "March 12",
     "means": "2026-03-12", "about": "the grounding"},
    {"capture": "marrowick-ledger_eastmoor-fire.txt", "expression": "three days after",
     "means": "2026-04-06", "about": "the Lanterne vote"},
    {"capture": "granary-herald_water-rationing.html", "expression": "July 20",
     "means": "2026-07-20", "about": "night-time pressure cuts start"},
]

STORYLINES: list[dict[str, Any]] = [
    {"events": ["ferry-grounding", "greyline-licence", "ferry-report"],
     "note": "the grounding (Mar 12), the licence suspension and resignation (Mar 16-17), the "
     "preliminary report (Apr 14): three stories, one storyline"},
]

HARD_NEGATIVES: list[dict[str, Any]] = [
    {"events": ["lanterne-vote", "eastmoor-fire"],
     "note": "same city, same company (Haleward Holdings), same people (Ilse Varga, Corwin Hale), "
     "three days apart: two separate stories"},
    {"events": ["sable-peak-plant", "tessaly-rationing"],
     "note": "same valley, Sable Peak and Lidia Navarre appear in both: two separate stories"},
]
