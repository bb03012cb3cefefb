"""More of the fictional demo corpus: Greyhaven islanders, Marrowick and the Tessaly valley.

See ``corpus_text.py`` for the article dict format. Everything here is invented.
"""

from __future__ import annotations

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "crawl.warc.gz#1", "event": "greyline-licence",
        "outlet": "Meridian Online", "format": "warc", "wire": None,
        "title": "Greyhaven islanders count the cost as ferries stay in port",
        "claimed": "2026-03-17", "true": "2026-03-17",
        "byline": ["Tobias Wren"], "byline_text": "By Tobias Wren", "dateline": None,
        "paras": [
            "On Greyhaven Island the school bus runs half empty and the bakery has stopped making "
            "bread rolls. Since the regulator suspended Greyline Ferries' licence on Monday, the "
            "island's 1,900 residents have had no regular link to the mainland.",
            "Greyline's chief executive, Rowan Petrakis, resigned on Monday night. The company's "
            "interim head, Celia Brandt, promised islanders a “full service within weeks”.",
            "“We are not angry with the crews. We are angry that nobody asked us what we need,” "
            "said Orla Fitzmaurice, who chairs the island council. The Orla Mae was named after "
            "her grandmother.",
            "The chartered ferry Kittiwake is due to make its first crossing on Wednesday morning. "
            "Islanders with medical appointments in Port Aldine will be given priority.",
        ],
        "url": "https://meridian.example/coast/greyhaven-counts-the-cost",
    },
    # ---------------------------------------------------------------- lanterne-vote
    {
        "id": "marrowick-ledger_lanterne-approved.txt", "event": "lanterne-vote",
        "outlet": "Marrowick Daily Ledger", "format": "txt", "wire": None,
        "title": "Council says yes to 38-storey Lanterne tower after five-hour debate",
        "claimed": "2026-04-07", "true": "2026-04-07",
        "byline": ["Hollis Brandvold"], "byline_text": "By Hollis Brandvold, City Hall reporter",
        "dateline": None,
        "paras": [
            "Marrowick city council voted 7-4 late on Monday to approve the Lanterne, a 38-storey "
            "tower of 410 flats on the old tram depot site beside the Marrow river, after a "
            "five-hour debate watched by more than 200 residents.",
            "Mayor Ilse Varga, who backed the project from the start, said the city “cannot house "
            "a growing population in buildings designed for 1926”.",
            "The developer, Haleward Holdings, has promised that 120 of the flats will be let at "
            "affordable rents. Its founder, Corwin Hale, sat in the front row and shook hands with "
            "councillors after the vote.",
            "Campaigners from Save the Depot, who want the brick tram sheds turned into a market "
            "hall, booed as the result was read. Their leader, Agnes Lowry, said the group would "
            "ask for a judicial review.",
            "Work is expected to start early next year. Haleward puts the cost at 310 million "
            "crowns.",
        ],
        "caption": (2, "An artist's impression of the Lanterne tower. Credit: Haleward Holdings"),
        "url": "https://marrowickledger.example/city-hall/council-yes-lanterne-tower",
    },
    {
        "id": "eastgate-review_haleward-tower.txt.gz", "event": "lanterne-vote",
        "outlet": "Eastgate Business Review", "format": "txt.gz", "wire": None,
        "title": "Haleward wins Lanterne approval, eyes second riverside scheme",
        "claimed": "2026-04-07", "true": "2026-04-07",
        "byline": ["Oskar Vennberg"], "byline_text": "By Oskar Vennberg", "dateline": None,
        "paras": [
            "Haleward Holdings has cleared the last political hurdle for its Lanterne tower in "
            "Marrowick, and its founder says a second riverside project could follow within "
            "two years.",
            "“The Lanterne is the proof of concept. There is room for two more on that bend of "
            "the river,” Corwin Hale told the Review after the council's 7-4 vote on Monday night.",
            "Analysts at Merrow & Tate said the approval removes the main risk from Haleward's "
            "books. The company had spent about 40 million crowns on the site before the vote.",
            "Haleward shares closed up 4.2 per cent on Tuesday on the Valemont exchange.",
        ],
        "url": "https://eastgatereview.example/property/haleward-lanterne-approval",
    },
    {
        "id": "aldine_feed.jsonl#4", "event": "lanterne-vote",
        "outlet": "Meridian Online", "format": "jsonl", "wire": None,
        "title": "Marrowick approves Lanterne tower despite depot protest",
        "claimed": "2026-04-06", "true": "2026-04-06",
        "byline": ["Tobias Wren"], "byline_text": None, "dateline": None, "html": True,
        "paras": [
            "Councillors in Marrowick approved the Lanterne tower on Monday evening by seven votes "
            "to four, clearing the way for the city's tallest building.",
            "The developer, Haleward Holdings, says 150 of the 410 flats will be affordable homes. "
            "Opponents say the figure is not binding.",
            "Agnes Lowry of Save the Depot said: “They have voted to knock down the last piece of "
            "old Marrowick that ordinary people still use.”",
        ],
        "url": "https://meridian.example/cities/marrowick-approves-lanterne",
    },
    {
        "id": "aldine-evening-post_depot-campaign.txt", "event": "lanterne-vote",
        "outlet": "Aldine Evening Post", "format": "txt", "wire": None,
        "title": "Depot campaigners vow to fight on after Lanterne vote",
        "claimed": "2026-04-07", "true": "2026-04-07",
        "byline": ["Ruth Okafor"], "byline_text": "By Ruth Okafor", "dateline": None,
        "paras": [
            "The campaign to save Marrowick's old tram depot will go to court, its organisers said "
            "on Tuesday, a day after the city council approved a tower on the site.",
            "Save the Depot has raised 86,000 crowns from about 1,400 donors for a judicial review "
            "of the council's decision, said its leader, Agnes Lowry, a retired tram driver.",
            "“My father fixed trams in those sheds. We are not giving them up for a car park and "
            "a glass tower,” Lowry said at a meeting in the depot's old canteen.",
            "The council's planning chair, Desmond Achebe, said the vote had followed every rule "
            "and that he was confident it would stand.",
        ],
        "url": "https://aldinepost.example/region/depot-campaigners-fight-on",
    },
    # ---------------------------------------------------------------- eastmoor-fire (same people, same week)
    {
        "id": "marrowick-ledger_eastmoor-fire.txt", "event": "eastmoor-fire",
        "outlet": "Marrowick Daily Ledger", "format": "txt", "wire": None,
        "title": "Huge fire destroys Haleward warehouse in Eastmoor",
        "claimed": "2026-04-09", "true": "2026-04-09",
        "byline": ["Hollis Brandvold"], "byline_text": "By Hollis Brandvold", "dateline": None,
        "paras": [
            "A fire destroyed a Haleward Holdings warehouse in Marrowick's Eastmoor industrial "
            "district early on Thursday, sending a column of black smoke over the east of the "
            "city.",
            "The fire broke out at about 2:30 a.m. in the building on Kiln Street, which stored "
            "timber, insulation and kitchen units. About 80 firefighters fought the blaze, and the "
            "roof collapsed shortly before 5 a.m.",
            "Two firefighters were treated for smoke inhalation. Nobody was inside the warehouse "
            "when the fire started, the company said.",
            "Mayor Ilse Varga visited the scene at dawn and thanked the crews. Residents within a "
            "kilometre were told to keep windows and doors closed.",
            "The fire came three days after the city council approved Haleward's Lanterne tower. "
            "Police said it was too early to say what caused it.",
        ],
        "caption": (1, "Smoke over Kiln Street on Thursday morning. PHOTO: Marrowick Daily Ledger"),
        "url": "https://marrowickledger.example/news/fire-destroys-haleward-warehouse",
        "related": ["Council says yes to 38-storey Lanterne tower after five-hour debate"],
    },
    {
        "id": "eastgate-review_haleward-shares.html", "event": "eastmoor-fire",
        "outlet": "Eastgate Business Review", "format": "html", "wire": None,
        "title": "Haleward shares slip after Eastmoor warehouse blaze",
        "claimed": "2026-04-09", "true": "2026-04-09",
        "byline": ["Oskar Vennberg"], "byline_text": "By Oskar Vennberg", "dateline": None,
        "paras": [
            "Shares in Haleward Holdings fell 6 per cent on Thursday after fire destroyed one of "
            "its warehouses in Marrowick's Eastmoor district.",
            "The company said the building and its contents, worth about 18 million crowns, were "
            "fully insured and that deliveries to its building sites would be delayed by up to a "
            "month.",
            "“We will rebuild, and we will rebuild in Eastmoor,” founder Corwin Hale said in a "
            "statement.",
            "Fire chief Rosalind Achterberg said 120 firefighters had been at the scene at the "
            "height of the blaze.",
        ],
        "url": "https://eastgatereview.example/markets/haleward-shares-warehouse-blaze",
    },
    {
        "id": "crawl.warc.gz#2", "event": "eastmoor-fire",
        "outlet": "Meridian Online", "format": "warc", "wire": None,
        "title": "Eastmoor fire: arson not ruled out, says fire chief",
        "claimed": "2026-04-09", "true": "2026-04-09",
        "byline": ["Tobias Wren"], "byline_text": "By Tobias Wren", "dateline": None,
        "paras": [
            "Investigators have not ruled out arson in the fire that destroyed a warehouse in "
            "Marrowick's Eastmoor district on Thursday, fire chief Rosalind Achterberg said.",
            "“Two separate seats of fire is something we always look at very closely,” Achterberg "
            "said at the scene on Kiln Street. She said 120 firefighters and 25 engines had been "
            "needed to bring the fire under control.",
            "The warehouse belongs to Haleward Holdings. Its founder, Corwin Hale, arrived at the "
            "scene mid-morning and spoke briefly with Mayor Ilse Varga.",
            "A night watchman at a neighbouring yard said he had seen a van leave Kiln Street "
            "shortly before the alarm was raised.",
        ],
        "url": "https://meridian.example/cities/eastmoor-fire-arson-not-ruled-out",
    },
    {
        "id": "aldine_feed.jsonl#5", "event": "eastmoor-fire",
        "outlet": "Tidewater Radio News", "format": "jsonl", "wire": None,
        "title": "Eastmoor residents allowed to open windows again after warehouse fire",
        "claimed": None, "true": "2026-04-10",
        "byline": [], "byline_text": None, "dateline": None,
        "paras": [
            "Residents near the burnt-out warehouse in Marrowick's Eastmoor district can open "
            "their "
            "windows again, the city's environmental health service said on Friday, after air "
            "tests found smoke levels back to normal.",
            "The fire, which started early on Thursday, was fought by about 80 firefighters. The "
            "site on Kiln Street will be demolished next week.",
        ],
        "url": "https://tidewater.example/news/eastmoor-windows-open",
    },
]

ARTICLES += [
    # ---------------------------------------------------------------- sable-peak-plant
    {
        "id": "eastgate-review_sable-peak.txt", "event": "sable-peak-plant",
        "outlet": "Eastgate Business Review", "format": "txt", "wire": None,
        "title": "Sable Peak picks Tessaly Falls for 2.4bn-crown packaging plant",
        "claimed": "2026-05-20", "true": "2026-05-20",
        "byline": ["Oskar Vennberg"], "byline_text": "By Oskar Vennberg", "dateline": None,
        "paras": [
            "Sable Peak Semiconductors will build a 2.4 billion-crown chip packaging plant on "
            "former orchard land north of Tessaly Falls, the Valemont-based company said on "
            "Wednesday, creating about 1,200 jobs when it opens in 2028.",
            "Chief executive Yara Solberg said the valley offered “land, a trained workforce and a "
            "regional government that answers the phone”. The company looked at sites in four "
            "regions before choosing Tessaly.",
            "The regional government will contribute 300 million crowns towards roads and a new "
            "substation, Premier Matthias Oduya said.",
            "Sable Peak shares rose 3.1 per cent. The company has not said how much water the "
            "plant will use.",
        ],
        "url": "https://eastgatereview.example/tech/sable-peak-tessaly-falls-plant",
    },
    {
        "id": "granary-herald_chip-plant.html", "event": "sable-peak-plant",
        "outlet": "The Granary Herald", "format": "html", "wire": None,
        "title": "1,200 jobs: chip plant coming to the old Ferrand orchards",
        "claimed": "2026-05-20", "true": "2026-05-20",
        "byline": ["Wilma Ostrander"], "byline_text": "By Wilma Ostrander", "dateline": None,
        "paras": [
            "The old Ferrand orchards on the Corran road will become the site of a chip packaging "
            "plant employing about 1,200 people, Sable Peak Semiconductors announced on Wednesday.",
            "For Tessaly Falls, a town of 14,000 that lost its cannery in 2019, the news was met "
            "with cheers in the market square, where the announcement was shown on a big screen.",
            "“My son moved to Valemont for work. Maybe now he can come home,” said Benedikt "
            "Ferrand, 71, whose family sold the orchards last year.",
            "Some farmers were more cautious. Lidia Navarre, who grows apricots near Lake Corran, "
            "asked where the plant's water would come from in a valley that has had three dry "
            "springs in a row.",
        ],
        "url": "https://granaryherald.example/local/chip-plant-ferrand-orchards",
    },
    {
        "id": "aldine_feed.jsonl#6", "event": "sable-peak-plant",
        "outlet": "Valemont Tribune", "format": "jsonl", "wire": None,
        "title": "Premier hails Sable Peak plant as 'biggest investment in a generation'",
        "claimed": "2026-05-21", "true": "2026-05-21",
        "byline": ["Sunniva Rask"], "byline_text": None, "dateline": None,
        "paras": [
            "Premier Matthias Oduya called Sable Peak Semiconductors' new plant at Tessaly Falls "
            "“the biggest private investment in this region in a generation” on Thursday, a day "
            "after the company announced it.",
            "Opposition leader Greta Vasquez-Holm said the 300 million crowns of public money "
            "promised for roads and power should have come with a written guarantee on jobs.",
            "Sable Peak said construction would start in September and that most jobs would go to "
            "people already living in the valley.",
        ],
        "url": None,
    },
    {
        "id": "aldine-evening-post_sable-peak-wire.txt", "event": "sable-peak-plant",
        "outlet": "Aldine Evening Post", "format": "txt", "wire": "NWS",
        "title": "Chipmaker to build plant in Tessaly valley",
        "claimed": "2026-05-20", "true": "2026-05-20",
        "byline": [], "byline_text": "Norland Wire Service", "dateline": "TESSALY FALLS",
        "paras": [
            "TESSALY FALLS (NWS) — Sable Peak Semiconductors said on Wednesday it would build a "
            "plant near Tessaly Falls to assemble and test computer chips, its first factory "
            "outside the Valemont area.",
            "The plant is due to open in 2028 and employ about 1,200 people. The company did not "
            "give a figure for the total investment, which analysts estimated at between 2 and 3 "
            "billion crowns.",
            "Regional Premier Matthias Oduya said the plant would “put Tessaly on the map for the "
            "next fifty years”.",
        ],
        "credit": "(Reporting by Joel Fenwick; editing by Anna Petrov)",
        "url": "https://aldinepost.example/business/chipmaker-tessaly-valley",
    },
    # ---------------------------------------------------------------- tessaly-rationing
    {
        "id": "granary-herald_water-rationing.html", "event": "tessaly-rationing",
        "outlet": "The Granary Herald", "format": "html", "wire": None,
        "title": "Hosepipe ban and night-time pressure cuts as Lake Corran shrinks",
        "claimed": "2026-07-14", "true": "2026-07-14",
        "byline": ["Wilma Ostrander"], "byline_text": "By Wilma Ostrander", "dateline": None,
        "paras": [
            "Homes and farms across the Tessaly valley will have their water rationed from Monday, "
            "the Tessaly Valley Water Board decided on Tuesday, with Lake Corran at 18 per cent of "
            "its capacity.",
            "A hosepipe ban takes effect immediately. From July 20, mains pressure will be cut "
            "between 11 p.m. and 5 a.m. every night.",
            "Board chair Ingrid Havel said the spring had been the driest since records began in "
            "1961. “We are asking everyone to use a third less water than last summer,” she said.",
            "Farmers will be allowed to irrigate on two days a week, on a rota by district.",
        ],
        "caption": (1, "Lake Corran's exposed shoreline near the old pumping station. Credit: The Granary Herald"),
        "url": "https://granaryherald.example/local/hosepipe-ban-lake-corran",
    },
    {
        "id": "crawl.warc.gz#3", "event": "tessaly-rationing",
        "outlet": "Meridian Online", "format": "warc", "wire": None,
        "title": "Tessaly farmers fear for harvest as rationing begins",
        "claimed": "2026-07-14", "true": "2026-07-14",
        "byline": ["Tobias Wren"], "byline_text": "By Tobias Wren", "dateline": None,
        "paras": [
            "Apricot and tomato growers in the Tessaly valley say water rationing announced on "
            "Tuesday could cost them a third of this year's harvest.",
            "“Two days a week is enough to keep the trees alive, not to grow fruit,” said Lidia "
            "Navarre, whose orchard sits a few hundred metres from the shrinking Lake Corran.",
            "The valley water board says the lake is at 18 per cent. Residents must stop using "
            "hosepipes at once, and night-time pressure cuts start next week.",
            "Sable Peak Semiconductors, which is building a chip plant at Tessaly Falls, said the "
            "plant would not draw any water from the lake before 2028 and would recycle most of "
            "what it uses.",
        ],
        "url": "https://meridian.example/regions/tessaly-farmers-rationing",
    },
    {
        "id": "marrowick-ledger_tessaly-rules.txt", "event": "tessaly-rationing",
        "outlet": "Marrowick Daily Ledger", "format": "txt", "wire": None,
        "title": "Tessaly water rationing: what you can and cannot do",
        "claimed": "2026-07-15", "true": "2026-07-15",
        "byline": ["Hollis Brandvold"], "byline_text": "By Hollis Brandvold", "dateline": None,
        "paras": [
            "Marrowick is not affected by the rationing announced in the Tessaly valley on "
            "Tuesday, but about 60,000 people who live or work in the valley are. Here is what "
            "the new rules mean.",
            "No hosepipes, sprinklers or car washing with mains water, starting now. Watering cans "
            "are allowed.",
            "From Monday, July 20, water pressure will drop overnight. Fill a kettle before bed.",
            "Farms may irrigate twice a week. The water board will publish the rota for each "
            "district on its website.",
            "Fines for breaking the hosepipe ban start at 500 crowns.",
        ],
        "url": "https://marrowickledger.example/explainers/tessaly-water-rationing-rules",
    },
    {
        "id": "aldine_feed.jsonl#7", "event": "tessaly-rationing",
        "outlet": "Tidewater Radio News", "format": "jsonl", "wire": None,
        "title": "Water rationing for Tessaly valley",
        "claimed": "2026-07-14", "true": "2026-07-14",
        "byline": [], "byline_text": None, "dateline": None,
        "paras": [
            "The Tessaly Valley Water Board has brought in a hosepipe ban and says night-time "
            "pressure cuts will follow next week. Lake Corran, which supplies most of the valley, "
            "is down to 18 per cent.",
            "Board chair Ingrid Havel told Tidewater Radio the measures could last until the "
            "autumn rains.",
        ],
        "url": "https://tidewater.example/news/tessaly-water-rationing",
    },
]
