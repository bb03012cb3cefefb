"""Sentence templates for each kind of synthetic event.

Placeholders: {place} {region} {company} {official} {role} {day} {n} {m} {thing}.
Each kind has enough leads and details that every writer covering one event can be
given its own sentences: independent reports must not share text by accident.
"""

from __future__ import annotations

from typing import Any

GENERIC_DETAILS = [
    "Local officials said more information would be released on {next_day}.",
    "The regional government said it was following events closely.",
    "It was the second such incident in the {region} this year, according to local records.",
    "Opposition politicians called for an independent review.",
    "Residents gathered near the site throughout the day, waiting for news.",
    "{company} said in a statement that it was cooperating fully with the authorities.",
    "Police closed several roads around the area until the evening.",
    "A public meeting has been called for {next_day} evening in the town hall.",
]

KINDS: dict[str, dict[str, Any]] = {
    "fire": {
        "n_range": (2, 40), "m_range": (20, 150),
        "roles": "fire chief|mayor|police spokesperson|regional minister".split("|"),
        "thing": ["warehouse", "timber yard", "furniture depot", "bakery", "recycling plant"],
        "headline": [
            "Fire destroys {thing} in {place}", "{n} hurt as blaze tears through {place} {thing}",
            "Crews fight overnight fire at {company} {thing}",
            "Smoke over {place} as {thing} burns",
            "{place} {thing} gutted by fire", "Blaze at {company} site injures {n}",
        ],
        "lead": [
            "A fire destroyed a {thing} owned by {company} in {place} on {day}, injuring {n} "
            "people, officials said.",
            "{n} people were hurt on {day} when fire swept through a {thing} in {place}, the fire "
            "service said.",
            "Firefighters spent most of {day} fighting a blaze at a {company} {thing} in {place} "
            "that left {n} people injured.",
            "Thick smoke hung over {place} on {day} after a fire broke out at a {thing} run by "
            "{company}. {n} people needed treatment.",
            "A {thing} in the centre of {place} was gutted by fire on {day}; {n} people were taken "
            "to hospital.",
            "Emergency services in {place} were called to a large fire at a {thing} on {day}. "
            "According to the fire service, {n} people were injured.",
        ],
        "detail": [
            "About {m} firefighters were sent to the scene, and the roof collapsed within two "
            "hours.",
            "Residents nearby were told to keep their windows and doors closed because of the "
            "smoke.",
            "The cause of the fire was not immediately known, and investigators were expected on "
            "site "
            "once the ruins had cooled.",
            "{company} said nobody had been inside the {thing} when the fire started.",
            "Witnesses described flames rising higher than the neighbouring buildings.",
            "The fire service said the blaze was under control by early afternoon.",
            "Insurance assessors are expected to visit the site later in the week.",
            "Electricity was cut to several streets as a precaution.",
        ],
        "quote": [
            "We were lucky this happened when the building was nearly empty.",
            "The crews did everything they could in very difficult conditions.",
            "We will find out what caused this, and we will not rush to conclusions.",
            "Nobody should be working in a building that burns like that.",
        ],
    },
    "crash": {
        "n_range": (3, 60), "m_range": (20, 300),
        "roles": ["police spokesperson", "regional transport minister",
                  "chief executive of the operator", "mayor"],
        "thing": ["bus", "regional train", "ferry", "coach", "tram"],
        "headline": [
            "{n} injured as {thing} crashes near {place}",
            "{thing} accident near {place} leaves {n} hurt",
            "Investigation opened after {place} {thing} crash",
            "{place} {thing} crash: what we know",
            "Passengers hurt in {place} {thing} collision", "{company} {thing} crash injures {n}",
        ],
        "lead": [
            "A {thing} operated by {company} crashed near {place} on {day}, injuring {n} "
            "passengers, "
            "emergency services said.",
            "{n} people were injured on {day} when a {thing} left its route outside {place}.",
            "Rescue teams worked for hours on {day} to free passengers from a {thing} that crashed "
            "close to {place}. {n} people were hurt.",
            "An investigation has begun into a {thing} crash near {place} on {day} in which {n} "
            "people were injured.",
            "Passengers on a {company} {thing} described a sudden jolt before the vehicle came to "
            "a "
            "stop near {place} on {day}; {n} were injured.",
            "Services around {place} were suspended on {day} after a {thing} crash that injured "
            "{n} "
            "people.",
        ],
        "detail": [
            "About {m} passengers were on board at the time of the crash.",
            "Most of the injured had cuts and bruises; several were treated for broken bones.",
            "The operator said it had suspended services on the route while the cause was "
            "examined.",
            "Weather conditions at the time were poor, with heavy rain and low visibility.",
            "The driver was among those taken to hospital, and was said to be in a stable "
            "condition.",
            "Replacement transport has been arranged for the rest of the week.",
            "Accident investigators from the regional safety board arrived in the afternoon.",
            "The vehicle had passed its most recent inspection, the operator said.",
        ],
        "quote": [
            "Our first thoughts are with the passengers and their families.",
            "We will not rest until we know exactly what went wrong.",
            "Safety on this route has been raised with the operator many times.",
            "Everyone on board owes a great deal to the emergency crews.",
        ],
    },
    "flood": {
        "n_range": (40, 3000), "m_range": (30, 900),
        "roles": "mayor|water board chair|regional minister|emergency coordinator".split("|"),
        "thing": ["river", "reservoir", "canal", "estuary"],
        "headline": [
            "Floods force {n} from their homes in {place}", "{place} {thing} bursts its banks",
            "Clean-up begins after {place} floods", "Hundreds evacuated as water rises in {place}",
            "{region} floods: {place} worst hit", "Emergency declared in {place} after floods",
        ],
        "lead": [
            "Floodwater from the {thing} forced {n} people out of their homes in {place} on {day}, "
            "officials said.",
            "The {thing} at {place} burst its banks on {day} after two days of heavy rain, "
            "flooding "
            "streets and forcing {n} residents to leave.",
            "Emergency services evacuated {n} people from low-lying parts of {place} on {day} as "
            "the "
            "{thing} rose to its highest level in decades.",
            "Parts of {place} were under water on {day}. Authorities said {n} people had been "
            "moved "
            "to shelters.",
            "A state of emergency was declared in {place} on {day} as the {thing} flooded the town "
            "centre and {n} people were evacuated.",
            "{n} residents spent {day} night in emergency shelters after the {thing} flooded much "
            "of "
            "{place}.",
        ],
        "detail": [
            "About {m} homes were damaged, according to an initial estimate by the council.",
            "Schools in the area will stay closed until at least the end of the week.",
            "Farmers said large areas of crops had been lost.",
            "The army sent trucks and boats to help with evacuations.",
            "Forecasters expect more rain in the coming days.",
            "Drinking water supplies were not affected, the water company said.",
            "Volunteers filled sandbags outside the fire station through the night.",
            "The main road into town remained closed because of the water.",
        ],
        "quote": [
            "We have not seen water like this in living memory.",
            "Please stay away from the river banks until we say it is safe.",
            "Our priority tonight is to get everyone to a dry bed.",
            "The defences held where they had been repaired, and failed where they had not.",
        ],
    },
    "plant": {
        "n_range": (80, 2500), "m_range": (50, 4000),
        "roles": "chief executive|regional economy minister|mayor|union leader".split("|"),
        "thing": ["factory", "battery plant", "data centre", "distribution centre", "chip plant"],
        "headline": [
            "{company} to build {thing} in {place}", "{n} jobs: {thing} coming to {place}",
            "{place} wins {company} {thing}", "{company} picks {place} for new {thing}",
            "New {thing} promises {n} jobs for {place}", "{place} celebrates {company} investment",
        ],
        "lead": [
            "{company} will build a {thing} in {place}, creating about {n} jobs, the company said "
            "on "
            "{day}.",
            "{place} has been chosen as the site of a new {company} {thing} that will employ {n} "
            "people, it was announced on {day}.",
            "A {thing} employing {n} people will be built on the edge of {place}, {company} said "
            "on "
            "{day}.",
            "{company} announced on {day} that it would open a {thing} in {place}, with {n} jobs.",
            "The town of {place} will get a {thing} worth {m} million crowns and {n} jobs, "
            "{company} said on {day}.",
            "After months of speculation, {company} confirmed on {day} that its new {thing} will "
            "be "
            "in {place}, bringing {n} jobs.",
        ],
        "detail": [
            "The company said the investment would total about {m} million crowns.",
            "Construction is expected to start next year, with production from 2028.",
            "The regional government has promised new roads and a power connection to the site.",
            "Local farmers raised questions about how much water the site will use.",
            "The company looked at sites in several regions before choosing {place}.",
            "Unions welcomed the announcement but asked for guarantees on local hiring.",
            "Shares in {company} rose after the announcement.",
            "The site was previously used as farmland.",
        ],
        "quote": [
            "This is the biggest investment in this town in a generation.",
            "We chose {place} because of its people.",
            "Jobs are welcome, but not at any price.",
            "My children may not have to leave to find work.",
        ],
    },
    "vote": {
        "n_range": (40, 900), "m_range": (100, 3000),
        "roles": "mayor|council leader|planning chair|campaign leader".split("|"),
        "thing": ["tower", "bypass", "stadium", "housing scheme", "port expansion"],
        "headline": [
            "{place} council approves {thing}", "Council says yes to {place} {thing}",
            "Green light for {company} {thing} in {place}",
            "{place} votes for {thing} after long debate",
            "{thing} plan passes in {place}", "Protesters vow to fight {place} {thing} decision",
        ],
        "lead": [
            "{place} council voted on {day} to approve a {thing} proposed by {company}, after a "
            "debate that lasted into the night.",
            "Councillors in {place} approved the {thing} on {day} by a narrow majority.",
            "The {thing} planned by {company} in {place} won approval on {day}, despite protests "
            "outside the council chamber.",
            "After months of argument, {place} council gave the go-ahead to the {thing} on {day}.",
            "A {company} {thing} that opponents said would change {place} for ever was approved by "
            "the council on {day}.",
            "{place} will get its {thing}: the council backed the plan on {day}.",
        ],
        "detail": [
            "The plan includes {n} new homes, some of them at affordable rents.",
            "The developer puts the cost at about {m} million crowns.",
            "Campaigners said they would ask for a judicial review of the decision.",
            "More than {m} people had signed a petition against the plan.",
            "Work is expected to start early next year.",
            "The council's planning officers had recommended approval.",
            "Several councillors said they had received threats before the vote.",
            "Supporters said the project would bring much-needed jobs to the area.",
        ],
        "quote": [
            "We cannot house a growing town in buildings designed a century ago.",
            "They have voted against the people who live here.",
            "This was a fair process and the decision will stand.",
            "We will see them in court.",
        ],
    },
}

AFTERMATH = {
    "headline": [
        "Inquiry opens into {place} {thing} incident",
        "{company} boss resigns after {place} {thing} incident",
        "Report blames failures for {place} {thing} incident",
        "{place} counts the cost a week after {thing} incident",
        "Questions grow over {company} after {place} {thing} incident",
        "{place} {thing} incident: families demand answers",
    ],
    "lead": [
        "An official inquiry into last week's {thing} incident in {place} opened on {day}.",
        "The head of {company} resigned on {day}, days after the {thing} incident in {place}.",
        "A preliminary report published on {day} found a series of failures behind the {thing} "
        "incident in {place}.",
        "Residents of {place} are still counting the cost of the {thing} incident, {company} said "
        "on {day}.",
        "Families affected by the {thing} incident in {place} met officials on {day} to demand "
        "answers from {company}.",
        "Pressure on {company} grew on {day} as new details emerged about the {thing} incident "
        "in {place}.",
    ],
    "detail": [
        "The incident left {n} people injured.",
        "The regulator said it would publish its final findings within six months.",
        "{company} said it had already changed some of its procedures.",
        "Families of those affected have formed a support group.",
        "The regional government promised compensation for those affected.",
        "A memorial service is planned for next month.",
    ],
    "quote": [
        "We owe the people of {place} the full truth.",
        "Lessons must be learned, and they must be learned quickly.",
    ],
}
