"""Each metadata reader on small fictional strings."""

from __future__ import annotations

from datetime import date

from newsfuse.extract import meta as M
from newsfuse.extract.dates import check_published, date_line_kind, find_dates
from newsfuse.extract.features import contained_repeats, line_info


def test_find_dates_formats() -> None:
    cases = {
        "Posted: 2021-03-07 09:12:00": "2021-03-07",
        "Last Updated : Mar 07 2021 | 9:12 PM IST": "2021-03-07",
        "March 7, 2021 / 9:12 AM": "2021-03-07",
        "Sun 7 Mar 2021 09.12 GMT": "2021-03-07",
        "Published 27/03/2021": "2021-03-27",
        "Sept. 17, 2021": "2021-09-17",
    }
    for text, iso in cases.items():
        assert [f.iso for f in find_dates(text)] == [iso], text
    assert find_dates("Published 03/04/2021") == []  # day/month order unknown: not guessed
    assert find_dates("The plant employs 2021 people on Sept. 17") == []


def test_date_line_kinds() -> None:
    assert date_line_kind("First Published: Mar 07 2021 | 7:36 AM IST") == "published"
    assert date_line_kind("Updated March 8, 2021") == "updated"
    assert date_line_kind("March 7, 2021") == "plain"
    long = "The council voted on March 7, 2021 to close the bridge after engineers found cracks in two of its main supports and warned of collapse."
    assert date_line_kind(long) is None


def test_dateline_and_wire_prefixes() -> None:
    assert M.parse_dateline("LISBURN (AP) \u2014 The mayor said") == ("Lisburn", "AP")
    assert M.parse_dateline("PORT ELLIS, March 3 (Reuters) - Shares fell") == ("Port Ellis", "Reuters")
    assert M.parse_dateline("OSLO, Oct. 2 (UPI) -- A court ruled") == ("Oslo", "UPI")
    assert M.parse_dateline("KESTREL BAY\u2014Officials said on Monday") == ("Kestrel Bay", None)
    assert M.parse_dateline("Brightmoor: Officials said on Monday") == ("Brightmoor", None)
    assert M.parse_dateline("The council said on Monday") == (None, None)


def test_wire_credit_lines() -> None:
    assert M.wire_line("Reuters") == ("Reuters", None)
    assert M.wire_line("AP Lisburn") == ("AP", "Lisburn")
    assert M.wire_line("With AFP") == ("AFP", None)
    assert M.wire_line("The council met on Monday") == (None, None)
    assert M.licensed_from("Featured article licensed from") == (True, None)
    assert M.trailer_wire(["Reporting by Ann Lee; Editing by Bo Kim"]) == "Reuters"


def test_bylines() -> None:
    assert M.parse_byline("By Jane Q Doe and John Roe") == (["Jane Q. Doe", "John Roe"], None)
    assert M.parse_byline("By ANN LEE, Associated Press") == (["Ann Lee"], "Associated Press")
    assert M.parse_byline("By Ann Lee, Staff Reporter") == (["Ann Lee"], None)
    assert M.parse_byline("By The Harbour Times Mar 05, 2021 (GMT+09:00)") == ([], "The Harbour Times")
    assert M.parse_byline("Write to Ann Lee at ann.lee@example.com") == (["Ann Lee"], None)


def test_title_suffix_and_outlet_votes() -> None:
    assert M.strip_site_suffix("Bridge to close for repairs | Harbour Times") == ("Bridge to close for repairs", "Harbour Times")
    assert M.strip_site_suffix("Bridge to close for repairs -Kestrel Finance") == ("Bridge to close for repairs", "Kestrel Finance")
    assert M.strip_site_suffix("Bridge to close - but not for long") == ("Bridge to close - but not for long", None)
    furniture = [("ad", "*Subscribe to Kestrel Ledger digital and save"), ("ad", "Kestrel Ledger Epaper"), ("nav", "Sport")]
    votes = M.outlet_votes(furniture, "The bridge closed on Monday.")
    assert M.best_outlet(votes) == "Kestrel Ledger"
    assert M.best_outlet({"World": 2}) is None


def test_language_guess() -> None:
    assert M.language("The council said that the bridge would close for repairs and that the work was needed. " * 3) == "en"
    assert M.language("Der Rat sagte, dass die Br\u00fccke nicht mit dem Verkehr auf der Stra\u00dfe zu tun hat und sich schlie\u00dft. " * 3) == "de"
    assert M.language("too short") is None


def test_line_labels() -> None:
    assert line_info(1, "Photo: Ann Lee/Harbour Times").label == "caption"
    assert line_info(1, "Sign up for our weekly newsletter and get the best stories in your inbox.").label == "ad"
    assert line_info(1, "Home > News > World").label == "nav"
    assert line_info(1, "World News // 3 hours ago").label == "date"
    assert line_info(1, "Ann Lee contributed to this report.").barrier
    assert line_info(1, "Related").barrier
    body = line_info(1, "The council said on Monday that the bridge would close for at least two months while engineers repair it.")
    assert body.label is None and body.weight > 10
    assert line_info(1, "Council weighs bridge closure").weight < 0


def test_date_check() -> None:
    page = date(2024, 4, 11)
    assert "dateline" in (check_published(page, "", "OSLO, Sept. 5 (UPI) -- A court ruled", 60) or "")
    assert check_published(date(2023, 9, 5), "", "OSLO, Sept. 5 (UPI) -- A court ruled", 60) is None
    assert "after page date" in (check_published(date(2020, 1, 1), "The vote on March 3, 2021 passed.", "", 60) or "")
    assert check_published(date(2021, 3, 10), "The vote on March 3, 2021 passed.", "", 60) is None


def test_contained_repeats() -> None:
    lines = ["The bridge will close on Monday for repairs. Engineers found cracks.", "The bridge will close on Monday for repairs.", "Other text here that is long enough."]
    assert contained_repeats(lines) == {1}
    assert contained_repeats(["Same line with six words here.", "Same line with six words here."]) == {1}
