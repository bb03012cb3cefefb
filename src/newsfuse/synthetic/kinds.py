"""Phrase grammars for each kind of synthetic event (see ``grammar`` for the syntax).

Slots: {place} {region} {company} {official} {role} {official2} {role2} {thing}
{a_thing} (with its article) {n} {m} {k} {pct} {year} {weeks} {day} {next_day}
{street} {street2} {hour} {hospital} {place2}.

Every template puts a choice (or an event-specific slot) every few words, so that two
events of one kind rarely share a run of ten words, and each kind has more leads than
any event has writers, so that independent reports of one event open differently.
"""

from __future__ import annotations

from typing import Any

# Recurring pieces, spliced into templates with str.format before compiling.
SAID = "[officials said|the authorities said|officials confirmed|local officials said]"
ON_DAY = "[on {day}|early on {day}|late on {day}|on {day} morning|on {day} afternoon|on {day} evening]"
IN_PLACE = "[in|in the town of|in central|on the outskirts of|in the north of|in the south of] {place}"

KINDS: dict[str, dict[str, Any]] = {
    "fire": {
        "n_range": (2, 40), "m_range": (20, 150),
        "roles": ["fire chief", "mayor", "police spokesperson", "regional minister"],
        "thing": ["warehouse", "timber yard", "furniture depot", "bakery", "recycling plant",
                  "print works", "cold store", "paint factory", "tyre depot", "sawmill"],
        "headline": [
            "[Fire|Blaze|Flames] [destroys|guts|ravages] {thing} in {place}",
            "{n} [hurt|injured] as [blaze|fire] [tears through|sweeps through|engulfs] {place} {thing}",
            "[Crews|Firefighters] [battle|fight|tackle] [overnight|huge|major] [fire|blaze] at {company} {thing}",
            "[Smoke over|Smoke blankets|Smoke fills the sky over] {place} as {thing} [burns|goes up in flames]",
            "{place} {thing} [gutted|destroyed|wrecked] [by fire|in blaze]; {n} [hurt|injured|treated]",
            "[Blaze|Fire] at {company} [site|premises|{thing}] [injures|hurts] {n}",
        ],
        "lead": [
            "[A fire|A blaze|A large fire|Fire] [destroyed|gutted|ravaged|swept through] {a_thing} "
            "[owned by|belonging to|run by|operated by] {company} " + IN_PLACE + " " + ON_DAY + ", "
            "[injuring {n} people|leaving {n} people injured|and {n} people were hurt|and {n} people "
            "needed hospital treatment][, " + SAID + "|, according to the fire service|].",
            "{n} [people|workers and neighbours|people, including [two|three|several] firefighters,] "
            "[were hurt|were injured|needed treatment] " + ON_DAY + " [when|after] [fire|a blaze|flames] "
            "[swept through|broke out at|engulfed|took hold of] {a_thing} " + IN_PLACE + "[, the fire "
            "service said|, [according to|said] {hospital}|].",
            ("[Firefighters|Fire crews|Crews from across the {region}] [spent most of|worked through|"
            "battled for hours on] {day} [to put out|against|fighting] a [blaze|fire] at a {company} "
            "{thing} [{street}, in {place}|in {place}|near {street} in {place}] [that|which] [left|injured] "
            "{n} [people|people hurt|people, [officials|the authorities] said]."),
            ("[Thick|Black|Dense|Choking] smoke [hung over|drifted across|covered] {place} {day} "
            "[after|when] [a fire|a blaze|flames] [broke out|started|took hold] [at|in] {a_thing} "
            "[run by|owned by|of] {company} [shortly after|at about|just before] {hour}. {n} people "
            "[needed treatment|were taken to {hospital}|were hurt|were injured]."),
            "[The|A] {thing} on {street} [in|in central|in the old quarter of] {place} was "
            "[gutted|destroyed|reduced to a shell|burnt out] [by fire|in a blaze] " + ON_DAY + "[;|, and] "
            "{n} people were [taken to {hospital}|treated for smoke inhalation and burns|hurt|injured].",
            "[Emergency services|Fire crews|Police and firefighters] [in|from] {place} were "
            "[called|sent|summoned] to [a large|a major|a serious] [fire|blaze] at {a_thing} [on "
            "{street}|owned by {company}|near the town centre] " + ON_DAY + ". According to the "
            "[fire service|authorities|regional government], {n} [people|of them|people in all] were "
            "[injured|hurt|treated].",
            ("{company} [said|confirmed] {day} that {n} [people|workers|staff and visitors] were "
            "[hurt|injured] [when|after] [fire|a blaze] [destroyed|tore through|gutted] its {thing} "
            "[in|at|near] {place}[, [which|that] [had stood|had operated|had been in use] since {year}|]."),
        ],
        "detail": [
            ("[About|Around|Some|More than] {m} [firefighters|crew members|fire crews] [were sent|were "
            "called|went] to the [scene|site|fire][, and|; meanwhile] the roof [collapsed|fell in|gave "
            "way] [within two hours|after about {k} hours|shortly before {hour}]."),
            ("[Residents|People living nearby|Neighbours] [on {street} and {street2}|near {street}|in "
            "nearby streets] were [told|advised|asked] to keep [their|all] windows "
            "[and doors|] [closed|shut] [while the smoke|as the fumes] [spread|lingered|drifted "
            "over {place}]."),
            ("The [cause|origin] of the [fire|blaze] was [not immediately known|not yet clear|unknown "
            "[on {day}|that evening]], and [investigators|fire investigators|experts] [were expected|"
            "would arrive|are due] [on site|at the {thing}] [once the ruins had cooled|on "
            "{next_day}|within days]."),
            ("{company} said [nobody|no one|none of its {m} staff] had been [inside|working in] the "
            "{thing} when the [fire|blaze] [started|broke out][, [shortly after|at about] {hour}|]."),
            ("[Witnesses|Onlookers|People nearby] [described|spoke of|reported] flames [rising|shooting|"
            "leaping] [higher than|above] the [neighbouring|nearby|surrounding] [buildings|roofs|"
            "houses on {street}]."),
            ("The [fire service|brigade|regional fire service] said the [blaze|fire] was [under control|"
            "contained|out] by [early afternoon|{hour}|the evening][, [some|about|nearly] {k} hours "
            "[after|later]|]."),
            ("[Insurance|Loss] [assessors|adjusters|inspectors] [are expected|will|are due] to [visit|"
            "inspect|examine] the [site|ruins|{thing}] [later in the week|on {next_day}|in the coming "
            "days]."),
            ("[Electricity|Power|Gas] was [cut|switched off|shut off] to [several|{k}|a number of] "
            "[streets|homes on {street}|buildings] [as a precaution|for safety reasons|while crews "
            "worked]."),
            ("[Built|Opened|Put up] in {year}, the {thing} [had|was said to have] [no|only limited|"
            "outdated] [sprinklers|fire alarms|fire doors][, [according to|said] [a former employee|"
            "a council report|records seen by reporters]|]."),
            ("[Trains|Buses|Traffic] [through|around|near] {place} [were held up|were diverted|ran late] "
            "for [about|around|nearly] {k} hours[ while the smoke [cleared|drifted east|lingered]|]."),
        ],
        "quote": [
            ("[We were|We have been|{place} has been] [lucky|very lucky|fortunate] [that|] [this|"
            "the fire] [happened|broke out|started] [when|while] the {thing} was [nearly|almost|"
            "practically] empty[, and|. And] [I want to thank|I thank|thanks must go to] [the "
            "crews|every firefighter|the people of {place}]."),
            ("[The|Our|Those] crews [did everything they could|gave everything|worked without a "
            "break] [in very difficult conditions|in that heat|for {k} hours][, and|. And] "
            "[nobody|no one] [in {place}|on {street}|here] [should|will] [forget that|forget it|"
            "take that for granted]."),
            ("We will [find out|establish|get to the bottom of] what [caused|started] [this|the "
            "fire|it][, and|. But] we [will not|won't|are not going to] [rush to|jump to|leap to] "
            "[conclusions|judgement] [about {company}|about anyone|before the facts are in]."),
            ("[Nobody|No one|No worker] should [be working|have to work|be asked to work] in a "
            "[building|place|{thing}] that [burns like that|goes up like that|catches fire that "
            "fast][, not in {place}|, not in {year} and not now|, and {company} knows it]."),
        ],
    },
    "crash": {
        "n_range": (3, 60), "m_range": (20, 300),
        "roles": ["police spokesperson", "regional transport minister",
                  "chief executive of the operator", "mayor"],
        "thing": ["bus", "regional train", "ferry", "coach", "tram", "school bus",
                  "night train", "shuttle bus", "river boat", "freight train"],
        "headline": [
            "{n} [injured|hurt] as {thing} [crashes|derails|overturns] [near|outside] {place}",
            "{thing} [accident|crash|collision] [near|outside|in] {place} [leaves|injures] {n} [hurt|]",
            "[Investigation|Inquiry|Probe] [opened|launched|begins] after {place} {thing} [crash|accident]",
            "{place} {thing} [crash|accident]: [what we know|the latest|questions for {company}]",
            "[Passengers|Commuters|Travellers] [hurt|injured] in {place} {thing} [collision|crash]",
            "{company} {thing} [crash|accident] [injures|hurts] {n}",
        ],
        "lead": [
            "[A|The] {thing} [operated by|run by|belonging to] {company} [crashed|came off the road|"
            "left the tracks|collided with a lorry] [near|just outside|a few kilometres from] {place} "
            + ON_DAY + ", [injuring {n} passengers|leaving {n} people hurt|and {n} people were injured]"
            "[, [emergency services|the police|officials] said|].",
            "{n} [people|passengers|travellers] were [injured|hurt] " + ON_DAY + " when {a_thing} "
            "[left its route|lost control|hit a barrier|struck a bridge] [outside|near|on the way into] "
            "{place}[, [shortly after|at about] {hour}|].",
            ("[Rescue teams|Emergency crews|Firefighters and paramedics] [worked for hours|spent the "
            "night|laboured until {hour}] [on|into] {day} to [free|reach|bring out] [passengers|"
            "people|those trapped] [from|in] {a_thing} [that|which] [crashed|overturned|derailed] "
            "[close to|near|outside] {place}. {n} [people|of them] were [hurt|injured|taken to {hospital}]."),
            "[An investigation|An inquiry|A police investigation] has [begun|opened|started] into a "
            "{thing} [crash|accident] [near|outside|on the edge of] {place} " + ON_DAY + " in which "
            "{n} people were [injured|hurt][, {k} of them [seriously|badly]|].",
            ("[Passengers|People on board|Travellers] [on|aboard] a {company} {thing} [described|spoke "
            "of|recalled] [a sudden jolt|a loud bang|the screech of brakes] [before|just before] "
            "[the vehicle|it] [came to a stop|stopped|tipped over] [near|outside] {place} {day}; {n} "
            "[were injured|were hurt|needed treatment]."),
            ("[Services|Routes|Timetables] [around|through|near] {place} were [suspended|halted|cut] "
            "{day} [after|following] a {thing} [crash|accident|collision] [that|which] [injured|hurt] "
            "{n} [people|passengers][ near {street}|]."),
            "{company} [said|confirmed] " + ON_DAY + " that {n} [people|passengers|travellers] had been "
            "[hurt|injured] [when|after] [one of its {thing} services|a {thing} it operates] [crashed|was involved in a collision] "
            "[near|outside|at the edge of] {place}.",
        ],
        "detail": [
            ("[About|Around|Some|Nearly] {m} [passengers|people] were [on board|travelling|aboard] "
            "[at the time of the crash|when it happened|at the time][, [according to|said] the "
            "operator|]."),
            ("[Most|Many|The majority] of the [injured|wounded|hurt] had [cuts and bruises|minor "
            "injuries][; {k} were treated for broken bones|, [while|but] {k} were kept at {hospital}]."),
            ("The [operator|company|firm] said it had [suspended|halted|stopped] [services|trains|"
            "trips] on the [route|line] [while the cause was|until the causes were] "
            "[examined|established|investigated]."),
            ("[Weather|Road|Visibility] conditions [at the time|that {day}|at {hour}] were [poor|bad|"
            "difficult], with [heavy rain|fog|ice on the road] [and low visibility|and strong wind|]."),
            ("The [driver|operator's driver|crew member at the wheel|{thing}'s driver] [was|had "
            "been] [among those|one of those|one of the people|among the {n}] [taken to|treated at|"
            "brought to] {hospital}[, and was said to be|; they were] [in a stable condition|"
            "not badly hurt|recovering]."),
            ("[Replacement|Substitute] [buses have been|transport has been|services were] [arranged|"
            "laid on|organised] [for the rest of the week|until {next_day}|for at least {k} days]."),
            ("[Accident investigators|Safety inspectors|Investigators] from the [{region} safety board|"
            "regional safety board|transport authority] [arrived|reached the site|were on the scene] "
            "[in the afternoon|by {hour}|within hours]."),
            ("The [vehicle|{thing}] had [passed|cleared] its [most recent|latest|last] [inspection|"
            "safety check] [in {year}|{weeks} weeks ago|this year], the [operator|company] [said|added]."),
            ("[Part of|A stretch of|The road along] {street} [stayed|remained|was kept] [closed|shut] "
            "[until {hour}|overnight|into {next_day}] [while|as] [the wreck|the {thing}] was [removed|"
            "lifted|towed away]."),
            ("[Campaigners|Residents|Local councillors] [said|noted|pointed out] there had been {k} "
            "[accidents|near misses|crashes] on the [same|] [stretch|route|bend] since {year}."),
        ],
        "quote": [
            ("[Our|My|All our] [first|] thoughts are with the [passengers|injured|people hurt] "
            "[and their|and with their] [families|loved ones][, and|. And] we [will|shall] "
            "[support|help|stand by] [every one of them|them|each family] [for as long as it "
            "takes|however we can|in {place} and beyond]."),
            ("[We|I|My team] will not [rest|stop|give up] until we [know|understand|have "
            "established] [exactly|precisely|fully] what [went wrong|happened|failed] [on that "
            "{thing}|near {place}|on {day}]."),
            ("[Safety|The safety of this route|This stretch] has been [raised|flagged|brought up] "
            "with [the operator|{company}|the region] [many times|again and again|for years|since "
            "{year}][, and|. And] [nothing|too little|almost nothing] was [done|changed|fixed]."),
            ("[Everyone|Every passenger|Each person] [on board|on that {thing}] [owes a great deal|owes "
            "a lot|owes their life] to [the|those] [emergency crews|rescuers|paramedics] [who|that] "
            "[reached them|got there|came] [so quickly|within minutes|in the dark]."),
        ],
    },
    "flood": {
        "n_range": (40, 3000), "m_range": (30, 900),
        "roles": ["mayor", "water board chair", "regional minister", "emergency coordinator"],
        "thing": ["river", "reservoir", "canal", "estuary", "mill stream", "lake", "dyke", "brook"],
        "headline": [
            "[Floods|Floodwater|Rising water] [force|drives] {n} from their homes in {place}",
            "{place} {thing} [bursts its banks|overflows|breaks through]",
            "[Clean-up|Recovery|The big dry-out] begins [after|as] {place} [floods|flooding recedes]",
            "[Hundreds|{n}] [evacuated|moved out|rescued] as water [rises|climbs] in {place}",
            "{region} floods: {place} [worst hit|hardest hit|under water]",
            "[Emergency|State of emergency] declared in {place} [after|amid] [floods|flooding]",
        ],
        "lead": [
            "[Floodwater|Water|Flooding] from the {thing} [forced|drove] {n} [people|residents] "
            "[out of|from] their homes " + IN_PLACE + " " + ON_DAY + "[, " + SAID + "|].",
            "The {thing} at {place} [burst its banks|overflowed|broke through its defences] " + ON_DAY
            + " after [two|three|{k}] days of [heavy|torrential|steady] rain, [flooding|submerging|"
            "swamping] [streets|{street} and {street2}|the lower town] and [forcing|driving] {n} "
            "residents to [leave|flee|move out].",
            ("[Emergency services|Rescue teams|Soldiers and volunteers] [evacuated|moved|rescued] {n} "
            "people from [low-lying|riverside|lower] [parts|streets|districts] of {place} {day} as "
            "the {thing} [rose|climbed] to its highest [level|point] [in decades|since {year}|on record]."),
            ("[Parts|Large parts|Whole streets] of {place} were under water {day}. [Authorities|The "
            "council|Officials] said {n} people had been [moved|taken|brought] to [shelters|emergency "
            "shelters|school halls][ by {hour}|]."),
            "[A state of emergency|An emergency] was declared in {place} " + ON_DAY + " as the {thing} "
            "[flooded|swamped|poured into] the [town centre|old town|streets around {street}] and {n} "
            "people were [evacuated|moved out].",
            ("{n} [residents|people|families and pensioners] spent {day} night in [emergency shelters|"
            "sports halls|schools] after the {thing} [flooded|inundated|swamped] [much of|large parts "
            "of|the lower half of] {place}."),
            "[Boats|Rescue boats|Army trucks] [ferried|carried|took] {n} [people|residents] [to "
            "safety|to dry ground|out of {place}] " + ON_DAY + " [as|after] the {thing} [rose|spilled "
            "over|burst its banks][ at about {hour}|].",
        ],
        "detail": [
            ("[About|Around|Some|Roughly] {m} [homes|houses|properties] were [damaged|flooded], "
            "[according to|said] [an initial estimate by|a first count by] the [council|authorities]."),
            ("[Schools|All schools|Schools and nurseries] [in the area|in {place}|along the {thing}] "
            "[will stay|will remain|are to stay] [closed|shut] [until at least the end of the week|"
            "until {next_day}|for {k} days]."),
            ("[Farmers|Growers|Farm owners] [said|reported|warned] [large areas|{pct} per cent|much] "
            "of their [crops|fields|harvest] had been [lost|ruined|washed away]."),
            ("The [army|regional government|civil defence] [sent|provided|brought in] [trucks and "
            "boats|{k} boats|pumps and sandbags] to [help with|support] [evacuations|the rescue|the "
            "effort]."),
            ("[Forecasters|Meteorologists|The weather service] [expect|predict|warn of] [more rain|"
            "further rain|another {k} days of rain] [in the coming days|by {next_day}|this week]."),
            ("[Drinking water supplies|Tap water supplies|Water supplies] were [not affected|safe|unaffected], the "
            "[water company|utility|council] said[, but|; however] [gas|power] was [cut|off] in {k} "
            "streets."),
            ("[Volunteers|Neighbours|Firefighters] [filled|stacked|carried] [sandbags|bags of sand] "
            "[outside|near|behind] the [fire station|town hall|school on {street}] [through the night|"
            "until {hour}|all day]."),
            ("The [main road|road|bridge] [into|out of|across] [town|{place}|the {thing}] "
            "[remained|stayed|was still] [closed|shut|impassable] [because of|due to] the "
            "[water|flooding|debris]."),
            ("[The last|The previous|{place}'s last] [major|serious|big|comparable] flood [in {place}|"
            "there|] [was in|came in|hit in] {year}[, when|; then] the [water|river|flood] [reached|"
            "rose to|covered] [the steps of the town hall|{street}|the market square|the church "
            "door|{street2}]."),
            ("[Insurers|Loss adjusters|The council] [estimated|put] the [damage|cost] at [around|about|"
            "up to] {m} million crowns[ so far|]."),
        ],
        "quote": [
            ("[We have not|I have never|Nobody here has] seen [water|flooding|a {thing}] like this "
            "[in living memory|since {year}|in my lifetime][, and|. And] [I have lived in {place}|"
            "I have worked here|my family has farmed here] [all my life|for decades|since {year}]."),
            ("[Please|I beg people to|Everyone must] [stay away from|keep off|avoid] the [river "
            "banks|{thing}|water] [until we say|until we tell you|until {next_day} at least] "
            "[it is|that it is] [safe|safe again][, however long that takes|. Please|]."),
            ("[Our|My|The] [priority|only priority|first job] [tonight|today|right now] is [to get|"
            "getting] [everyone|every family|all those people] [to a dry bed|somewhere dry and "
            "warm|into shelter][ before {hour}|]."),
            ("The [defences|flood walls|barriers] [held|stood] [where|wherever] [they|the {region}] "
            "had [repaired|rebuilt|maintained] them[, and|. They] [failed|gave way|broke] "
            "[where|wherever] [it|they] had not[, and|. And] [that|this] is [no accident|a lesson "
            "for {region}|on record since {year}]."),
        ],
    },
}

# Plant and vote are in a second module only to keep each file readable.
from .kinds_civic import CIVIC

KINDS.update(CIVIC)
