"""Phrase grammars shared by every kind: generic details, witnesses, quote attributions.

Same syntax and rule as ``kinds``: a choice or an event-specific slot every few words,
so that these sentences, which any event may use, do not become shared boilerplate.
"""

from __future__ import annotations

GENERIC_DETAILS = [
    ("[Local officials|The council|The {role}'s office|A council spokesperson] [said|promised|"
    "told reporters] [more information|further details|an update|a fuller account] would "
    "[be released|be published|be given|follow|come] [on {next_day}|by {next_day} evening|at a "
    "briefing on {next_day}|at {hour} on {next_day}|before {next_day} noon]."),
    ("The [regional government|{region} administration|regional authority|interior ministry] "
    "[said|stated|told reporters] [it was|that it was|it had been] [following events|"
    "monitoring the situation|watching developments|keeping watch|in touch with {place}] "
    "[closely|carefully|from {place2}|all day|since {hour}][ and had sent {k} officials| and "
    "had offered help|]."),
    ("It was the [second|third|{k}th] such [incident|event|case] in the {region} [this year|since "
    "{year}|in {weeks} weeks], according to [local records|council figures|the regional register]."),
    ("[Opposition|Local|Several] [politicians|councillors|campaigners] [called for|demanded|asked "
    "for] an [independent|outside|urgent] [review|inquiry|investigation][ before {next_day}|]."),
    ("[Residents|Onlookers|Neighbours] [gathered|waited|stood] [near|outside|around] the "
    "[site|scene|cordon] on {street} [throughout the day|until {hour}|for hours], [waiting for|"
    "hoping for|asking for] [news|information]."),
    ("{company} said [in a statement|in a brief statement|on its website|through a "
    "spokesperson|in an email] [on {day}|that evening|late on {day}|] [that it was|it was|that "
    "its staff were|its managers were] [cooperating fully|working closely|in contact|sharing "
    "information|talking] with [the|local|regional] [authorities|police|investigators|"
    "officials][ and had [set up|opened] a [helpline|hotline]|]."),
    ("[Police|Officers|Traffic police] [closed|shut|sealed off] [several|{k}|a number of] "
    "[roads|streets|junctions] [around|near] {street} [until the evening|until {hour}|for "
    "most of the day]."),
    ("A [public|residents'|community] meeting has been [called|arranged|set] for {next_day} "
    "[evening|night] [in the town hall|at the school on {street2}|in the {place} library]."),
    ("[Staff|Volunteers|Workers] at the [library|sports hall|community centre] on {street2} "
    "[handed out|served|offered] [hot drinks|tea and soup|blankets] [to those waiting|to "
    "families|late into the night]."),
    ("The [mayor|{role}|regional minister] [is expected|was due|plans] to [visit|tour|see] the "
    "[site|area|town] [on {next_day}|later in the week|within days]."),
    ("[A collection|A fundraising page|An appeal] for [those affected|the families|the town] had "
    "[raised|collected|brought in] {m} thousand crowns by [the evening|{hour}|{next_day}]."),
    ("[Records|Documents|Minutes] [seen by reporters|published in {year}|from the council] "
    "[show|suggest|indicate] that [concerns|warnings|complaints] were [raised|made] {k} years "
    "[ago|earlier|before]."),
]

WITNESS_LINES = [
    ("“I [heard|smelled|felt] it [before I saw it|first|from my kitchen],” said {w}, {age}, "
    "who [lives|works] [nearby|on {street}|a few doors away|across the road]."),
    ("{w}, {age}, a [local shopkeeper|café owner|taxi driver|retired teacher], said [the street|"
    "{street}|the area] had been “[completely|utterly] [chaotic|mad|unreal]” [for hours|all "
    "{day}|since {hour}]."),
    ("“[Nobody|No one] [told|said] [us|a word to us|anything to us] [until|before] [the "
    "afternoon|{hour}|it was dark|{next_day}],” [said|says] {w}, {age}"
    "[, who was [waiting|standing] [outside|by the cordon]|]."),
    ("{w}, who has [lived|worked|run a shop] in {place} for {years} years, said [she|he] had "
    "[never|not once] [seen|known|witnessed] [anything like it|such a thing|a day like this]"
    "[ on {street}| in all that time|]."),
    ("“We [just|only|simply] [want|need] to [know|hear|find out] what [happens next|comes next|"
    "is going on|they plan to do],” [said|says] {w}, {age}, [outside the town hall|at the "
    "cordon|by the school gates|on {street}]."),
    ("“My [mother|father|neighbour|son] [was|could have been] [there|inside|on that street],” "
    "{w}, {age}, [said|told reporters|said quietly]."),
    ("[Standing|Waiting] [on|at the end of] {street}, {w}, {age}, said [people|everyone] were "
    "“[frightened|angry|exhausted] and [confused|waiting|tired]”."),
]

# Attribution of the event's quote; one form per writer (see events._write_articles).
QUOTE_FORMS = [
    "{name}, the {role}, [said|said on {day}|told a news conference]: “{quote}”",
    "“{inline}” said {name}, the {role}[, on {day}|, in {place}|].",
    ("[Speaking to reporters|Speaking outside the town hall|Speaking in {place}], {name}, the "
    "{role}, said: “{quote}”"),
    "“{inline}” {name}, the {role}, told [reporters|journalists|a briefing][ on {day}|].",
    "In a [statement|written statement|short statement], the {role}, {name}, said: “{quote}”",
    ("“{quote}” [Those were the words of|So said] {name}, the {role}, [later in the day|that "
    "evening|on {day}]."),
]

# A second sentence that some speakers add to the event's quote: it makes one event's
# quote differ from another's of the same kind even when their openings coincide.
QUOTE_TAILS = [
    ("[I|We] [will|shall] [say more|have more to say|give more details] [on {next_day}|once we "
    "know more|when the facts are clear]."),
    ("[The people of|Everyone in|Families across] {place} [deserve|are owed|need] [answers|"
    "honesty|the truth] [from us|from all of us|now]."),
    ("[This is|It is] [a hard|a difficult|a dark] [day|week|time] for [{place}|the {region}|"
    "everyone here][, but|. But] [we|the town] [will|can] [get through it|recover|come back]."),
    ("[Nobody|No one] [here|in this town] [should|will] [have to|be left to] [face this|deal "
    "with this|carry this] alone."),
    ("[I have|We have] [asked|told|instructed] [my staff|the council|our teams] to [report|"
    "come back] to me [by {next_day}|within {k} days|this week]."),
    ("[Since|Ever since] {year} [we have|I have] [warned|said|argued] that [this|something "
    "like this] [could|would] happen."),
    ("[My|Our] [door|office] is open to [anyone|every family|every resident] [on {street}|in "
    "{place}|who was affected]."),
]
