"""Phrase grammars of the civic kinds (investments, council votes) and of aftermaths.

Same slots and rules as ``kinds``: a choice or an event-specific slot every few words.
"""

from __future__ import annotations

from typing import Any

ON_DAY = "[on {day}|on {day} morning|late on {day}|on {day} afternoon|earlier on {day}]"

CIVIC: dict[str, dict[str, Any]] = {
    "plant": {
        "n_range": (80, 2500), "m_range": (50, 4000),
        "roles": ["chief executive", "regional economy minister", "mayor", "union leader"],
        "thing": ["factory", "battery plant", "data centre", "distribution centre", "chip plant",
                  "brewery", "bottling plant", "research campus", "solar panel works", "steel mill"],
        "headline": [
            "{company} to [build|open|set up] {thing} in {place}",
            "{n} jobs: {thing} [coming to|heading for|planned for] {place}",
            "{place} [wins|lands|secures] {company} {thing}",
            "{company} [picks|chooses|settles on] {place} for [new|its new|planned] {thing}",
            "New {thing} [promises|to bring|means] {n} jobs [for|in] {place}",
            "{place} [celebrates|welcomes|cheers] {company} [investment|decision|{thing}]",
        ],
        "lead": [
            "{company} [will build|is to build|plans to open] {a_thing} [in|on the edge of|just "
            "outside] {place}, [creating|bringing|with] [about|around|some] {n} jobs, the "
            "[company|firm|group] said " + ON_DAY + ".",
            "{place} has been [chosen|picked|selected] as the [site|location|home] of a new {company} "
            "{thing} [that|which] will [employ|create jobs for|hire] {n} people, it was [announced|"
            "confirmed|made public] " + ON_DAY + ".",
            ("{a_thing} [employing|with|that will employ] {n} [people|staff|workers] will be [built|"
            "put up|opened] [on the edge of|near|in] {place}[, on land off {street}|], {company} "
            "[said|announced] {day}."),
            ("{company} [announced|confirmed|said] {day} that it would [open|build|put] {a_thing} "
            "[in|near|on the outskirts of] {place}, [with|bringing|creating] {n} [jobs|new jobs|posts]."),
            "The town of {place} will [get|receive|be home to] {a_thing} [worth|costing|valued at] "
            "{m} million crowns and {n} jobs, {company} [said|announced|confirmed] " + ON_DAY + ".",
            ("After [months|weeks|a year] of [speculation|rumours|talks], {company} [confirmed|"
            "announced|said] {day} that its [new|planned|next] {thing} [will be|is to be|would be] "
            "[in|built in|located in] {place}, [bringing|creating|with] {n} [jobs|posts]."),
            ("[About|Around|Some] {n} jobs are [coming to|heading for|promised to] {place} [after|"
            "now that] {company} [picked|chose] the town for {a_thing}[, the {role} said {day}|, "
            "it emerged {day}]."),
        ],
        "detail": [
            ("The [company|firm|group] said the [investment|project|total cost] would [total|reach|"
            "come to] [about|around|nearly] {m} million crowns[ over {k} years|]."),
            ("[Construction|Building work|Work on the site] is [expected|due|planned] to [start|"
            "begin] [next year|in {k} months|before {next_day} week is out], with [production|"
            "output|the first products] [from 2028|by 2029|within {k} years]."),
            ("The [regional government|{region} authorities|council] has [promised|pledged|agreed to "
            "pay for|offered] [new roads|a new road|a rail siding|a bus link] [and|as well as|plus] "
            "a [power connection|grid link|water main|sewer] [to|for|serving] the [site|{thing}|"
            "plot off {street}]."),
            ("[Local farmers|Some residents|Environmental groups] [raised questions|asked|voiced "
            "concern] about how much [water|land|power] the [site|{thing}|plant] [will use|would "
            "need|will take]."),
            ("The [company|firm] [looked at|considered|visited] [sites|{k} sites|locations] in "
            "[several regions|{k} regions|three countries] before [choosing|settling on|picking] "
            "{place}."),
            ("[Unions|The main union|Union leaders] [welcomed|praised|cautiously welcomed] the "
            "[announcement|news|decision] but [asked|pressed|called] for [guarantees|promises|a "
            "commitment] on [local hiring|wages|training]."),
            ("[Shares|The share price] [in|of] {company} [rose|climbed|gained] {pct} per cent [after "
            "the announcement|on the news|by the close]."),
            ("The [site|land|plot] off {street} was [previously|until {year}|once] used as "
            "[farmland|a quarry|an airfield|army barracks]."),
            ("{company}, [founded|set up|established] in {year}, [already employs|employs|has] "
            "[about|around|some] {m} people [across the {region}|in {k} countries|nationwide]."),
            ("[Estate agents|Landlords|Shopkeepers] in {place} [said|expected|predicted] the "
            "[plant|{thing}|news] would [push up|lift|raise] [rents|house prices|trade] [within a "
            "year|quickly|on {street}]."),
        ],
        "quote": [
            ("[This is|It is|Today brings] the [biggest|largest|most important] [investment|"
            "single investment|private investment] [in|this] [this town|{place}|the {region}] "
            "[has seen|] in [a generation|{k} decades|living memory][, and|. And] [we fought for "
            "it|it did not happen by chance|{company} knows it]."),
            ("We [chose|picked|came to] {place} [because of|for] its [people|workers|skills]"
            "[, and|. And] [because|since] [the {region}|the council|the town] [wanted us|made us "
            "welcome|moved quickly|answered every question]."),
            ("[Jobs are|New jobs are|Work is] [welcome|good news], but not at [any|every] "
            "[price|cost][, and|. And] [we will be|the union will be|our members will be] "
            "[watching|checking] [every contract|the wages|{company}] [closely|carefully|from day "
            "one]."),
            ("My [children|grandchildren|kids] [may not|might not|will not] [have to|need to] "
            "[leave|move away|go abroad] to find [work|a job][, and|. And] [that|this] [changes "
            "everything|matters more than anything|is what counts] [for {place}|for us|here]."),
        ],
    },
    "vote": {
        "n_range": (40, 900), "m_range": (100, 3000),
        "roles": ["mayor", "council leader", "planning chair", "campaign leader"],
        "thing": ["tower", "bypass", "stadium", "housing scheme", "port expansion",
                  "shopping centre", "tram line", "incinerator", "wind farm", "marina"],
        "headline": [
            "{place} council [approves|backs|passes] {thing}",
            "Council [says yes to|approves|backs] {place} {thing}",
            "[Green light|Go-ahead|Approval] for {company} {thing} in {place}",
            "{place} [votes for|backs|approves] {thing} after [long|bitter|heated] debate",
            "{thing} plan [passes|clears council|wins approval] in {place}",
            ("[Protesters|Campaigners|Opponents] [vow to fight|to challenge|reject] {place} {thing} "
            "[decision|vote]"),
        ],
        "lead": [
            "{place} council [voted|decided] " + ON_DAY + " to [approve|back] {a_thing} [proposed "
            "by|planned by|put forward by] {company}, after a [debate|meeting|session] that "
            "[lasted into the night|ran past {hour}|went on for {k} hours].",
            ("[Councillors|Council members] in {place} [approved|backed|voted for] the {thing} "
            "[on|late on] {day} by [a narrow majority|{k} votes|a wide margin][, with {n} homes "
            "included in the plan|]."),
            "The {thing} [planned|proposed] by {company} in {place} [won approval|was approved|got "
            "the go-ahead] " + ON_DAY + ", [despite|in spite of] [protests|a demonstration|chanting] "
            "[outside|in front of] the [council chamber|town hall].",
            ("After [months|a year|{k} months] of [argument|debate|wrangling], {place} council [gave "
            "the go-ahead to|approved|said yes to] the {thing}[ on {day}| late on {day}]."),
            "{a_thing} [that|which] [opponents|critics|campaigners] [said|warned|claimed] would "
            "[change|spoil|transform] {place} for ever was [approved|passed|backed] by the council "
            + ON_DAY + ".",
            "{place} will get its {thing}: the council [backed|approved|voted through] the "
            "[plan|scheme|proposal] " + ON_DAY + "[, ending a dispute that began in {year}|].",
            ("[By|With] [a narrow|a clear|a slim] majority, [councillors|the council] in {place} "
            "[approved|cleared] {company}'s {thing} {day}[, after {n} written objections|]."),
        ],
        "detail": [
            ("The [plan|scheme|project] [includes|provides for|comes with] {n} new [homes|flats|"
            "dwellings], [some|{pct} per cent|a share] of them at [affordable|below-market|social] "
            "rents."),
            ("The [developer|company|firm] [puts|estimates|sets] the [cost|price|budget] at "
            "[about|around|roughly] {m} million crowns."),
            ("[Campaigners|Opponents|Residents' groups] [said|announced|vowed] they would [ask for|"
            "seek|apply for] a [judicial review|legal review|court ruling] [of the decision|within "
            "{weeks} weeks|]."),
            ("More than {m} people had [signed|backed|put their names to] a [petition|letter|"
            "campaign] [against|opposing] the [plan|scheme|{thing}]."),
            ("[Work|Construction|Building] is [expected|due|planned] to [start|begin] [early next "
            "year|in {k} months|after the summer][, on land beside {street}|]."),
            ("The council's [planning officers|own experts|planners] had [recommended|advised|urged] "
            "[approval|a yes vote][ in a report published in {year}| {weeks} weeks ago|]."),
            ("[Several|{k}|A number of] councillors said they had [received|been sent|faced] "
            "[threats|abusive messages|hostile letters] [before|ahead of] the vote."),
            ("[Supporters|Business leaders|The chamber of commerce] said the [project|{thing}|scheme] "
            "would bring [much-needed|hundreds of|new] [jobs|visitors|investment] to [the area|"
            "{place}|the {region}]."),
            ("The [site|land|plot] on {street} has [stood empty|been derelict|been disputed] since "
            "{year}[, when the [old|last] [owner|factory] [left|closed]|]."),
            ("[Traffic|Noise|Parking] [was|had been] the [main|biggest|most common] [worry|complaint] "
            "[among|of] the {n} [people|residents] who [wrote to|objected to|lobbied] the council."),
        ],
        "quote": [
            ("We [cannot|can't] [house|look after] a [growing|changing] [town|{place}] in "
            "[buildings|homes] [designed|built|put up] [a century ago|before {year}][, and|. And] "
            "[everyone|every councillor|{company}] [knows|knew] it."),
            ("[They have|The council has|Councillors have] voted against the [people|families|"
            "residents] who [live here|live on {street}|actually live in {place}][, and|. And] "
            "[we will|people will|voters will] remember [that|it][ in {k} months|]."),
            ("[This|It] was a [fair|proper|thorough] [process|debate][, and|. And] the "
            "[decision|vote] [will|is going to] [stand|hold][, whatever {company}'s critics say|, "
            "however loud the protest|]."),
            ("[We will|We'll|Our lawyers will] see them in court[, and|. And] [we will win|we expect "
            "to win|we have the money to fight] [this|the case][ all the way|]."),
        ],
    },
}

AFTERMATH: dict[str, list[str]] = {
    "headline": [
        ("[Inquiry|Investigation|Review] [opens|begins|starts] into {place} {thing} [incident|"
        "disaster]"),
        "{company} [boss|chief|head] [resigns|quits|steps down] after {place} {thing} incident",
        ("[Report|Review|Findings] [blames|blame] [failures|mistakes|neglect] for {place} {thing} "
        "incident"),
        "{place} [counts the cost|takes stock|struggles on] a week after {thing} incident",
        "[Questions grow|Pressure mounts|Anger grows] over {company} after {place} {thing} incident",
        "{place} {thing} incident: [families|victims|survivors] [demand|want|seek] answers",
    ],
    "lead": [
        "An [official|independent|formal] [inquiry|investigation] into [last week's|the recent] "
        "{thing} incident in {place} [opened|began|got under way] " + ON_DAY + ".",
        ("The [head|chief executive|boss] of {company} [resigned|stepped down|quit] {day}, [days|"
        "a week|{k} days] after the {thing} incident in {place}."),
        ("A [preliminary|first|interim] report [published|released|made public] {day} [found|"
        "identified|pointed to] [a series of|several|{k}] failures behind the {thing} incident "
        "in {place}."),
        "[Residents|Families|Business owners] [of|in] {place} are still [counting the cost of|"
        "recovering from|dealing with] the {thing} incident, {company} [said|admitted|conceded] "
        + ON_DAY + ".",
        "[Families|Relatives|People] affected by the {thing} incident in {place} [met|confronted|"
        "sat down with] [officials|the {role}|managers] " + ON_DAY + " to [demand|seek|press for] "
        "answers from {company}.",
        ("[Pressure|Criticism|Scrutiny] [on|of] {company} [grew|mounted|increased] {day} as [new "
        "details|fresh evidence|further documents] [emerged|came out|surfaced] about the {thing} "
        "incident in {place}."),
        ("[Investigators|Inspectors|Officials] [returned to|went back to|revisited] {place} {day} "
        "[to examine|to look again at|to question staff about] the {thing} incident[, which "
        "{company} says it is still reviewing|]."),
    ],
    "detail": [
        ("The incident [left|saw] {n} people [injured|hurt|needing treatment][, {k} of whom remain "
        "at {hospital}|]."),
        ("The [regulator|inspectorate|safety authority] said it would [publish|release|issue] its "
        "[final|full] [findings|report] [within six months|by the end of the year|in {weeks} weeks]."),
        ("{company} said it had [already|since] [changed|tightened|reviewed] [some of its "
        "procedures|its safety rules|how shifts are staffed]."),
        ("[Families of those affected|Survivors|Relatives] have [formed|set up|launched] a [support "
        "group|campaign|fund][ that meets on {street}|]."),
        ("The [regional government|{region} authorities|council] [promised|pledged|offered] "
        "[compensation|financial help|a relief fund] [for|to] those affected."),
        ("A [memorial service|vigil|service of remembrance] is [planned|due|being organised] for "
        "[next month|{next_day}|the weekend] [at the church on {street}|in {place}|]."),
        ("[Lawyers|A law firm] [for|acting for] [{k} families|the injured|survivors] said they "
        "[were preparing|had filed|would bring] [claims|a lawsuit|legal action] against {company}."),
    ],
    "quote": [
        ("We owe the people of {place} the [full|whole|complete] truth[, and|. And] [we will|I "
        "intend to] [deliver it|get it for them|publish every page]."),
        ("Lessons must be learned[, and they must be learned|] [quickly|now|this time][, or|. Otherwise] [it will happen again|{place} will not be the "
        "last]."),
    ],
}
