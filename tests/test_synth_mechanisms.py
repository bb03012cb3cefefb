"""Each synth mechanism on small fictional stories (lexical similarity: fast and model-free)."""

from __future__ import annotations

from datetime import date

from newsfuse.records import Article, CopyGroup, Story, Synthesis
from newsfuse.synth import synthesize
from newsfuse.synth.dates import find_dates
from newsfuse.synth.slots import event_dates, quantities
from newsfuse.synth.speakers import article_quotes


def _story(*arts: tuple[str, str, str], groups: list[CopyGroup] | None = None) -> Synthesis:
    articles = [
        Article(id=i, doc_id=i, source=i, body=body, published=d, trusted_date=d)
        for i, d, body in arts
    ]
    story = Story(id="s", title="t", articles=[a.id for a in articles])
    return synthesize(story, articles, groups or [], use_embeddings=False)


FILLER_A = "The regional council met in emergency session to discuss shelters.\n\nVolunteers handed out blankets near the old market."
FILLER_B = "Schools in the valley stayed closed for a second day.\n\nThe weather service expects more rain on the coast."


def test_relative_dates_resolve_against_article_date() -> None:
    base = date(2031, 1, 15)  # a Wednesday
    got = {
        m.expression: m.display
        for m in find_dates(
            "The mayor said Monday that the pact, signed last month, was reviewed last week "
            "and on December 3, and will be debated at a forum from Sunday to Jan. 22.",
            base,
        )
    }
    assert got["Monday"] == "2031-01-13"
    assert got["last month"] == "2030-12"
    assert got["last week"] == "2031-01-06/2031-01-12"
    assert got["December 3"] == "2030-12-03"  # the closest December 3, not next year's
    assert got["Sunday"] == "2031-01-19"  # opens a range ending Jan. 22
    assert got["Jan. 22"] == "2031-01-22"
    assert [m.display for m in find_dates("The vote was held in November.", base)] == ["2030-11"]


def test_statement_dates_are_not_event_dates() -> None:
    events, speech = event_dates(
        "Ms Dorn said Monday that the dam failed last month.", date(2031, 5, 14)
    )
    assert [d.display for d in speech] == ["2031-05-12"]
    assert [d.display for d in events] == ["2031-04"]


def test_range_containment_is_not_a_conflict() -> None:
    s = _story(
        (
            "a",
            "2031-03-02",
            "At least 300 people were killed when the Varnhold dam collapsed on Sunday.\n\n"
            + FILLER_A,
        ),
        (
            "b",
            "2031-03-02",
            "Some 350 people were killed when the Varnhold dam collapsed on Sunday.\n\n" + FILLER_B,
        ),
    )
    assert s.conflicts == []
    q = quantities("At least 300 people were killed", [])[0]
    assert (q.low, q.high, q.unit) == (300, float("inf"), "people")


def test_number_conflict_found() -> None:
    s = _story(
        (
            "a",
            "2031-03-02",
            "Officials said 120 people were killed when the Varnhold dam collapsed on Sunday.\n\n"
            + FILLER_A,
        ),
        (
            "b",
            "2031-03-02",
            "Officials said 45 people were killed when the Varnhold dam collapsed on Sunday.\n\n"
            + FILLER_B,
        ),
    )
    assert len(s.conflicts) == 1
    sides = {side.value: side.sources for side in s.conflicts[0].sides}
    assert sides == {"120": ["a"], "45": ["b"]}
    support = {c.text[:20]: c.support for c in s.claims if "Varnhold" in c.text}
    assert "contradicts" in next(iter(support.values())).values()


def test_growing_toll_is_an_update_not_a_conflict() -> None:
    s = _story(
        (
            "a",
            "2031-03-02",
            "Rescuers said 40 people were killed when the Varnhold dam collapsed.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-03-04",
            "Rescuers said 112 people were killed when the Varnhold dam collapsed.\n\n" + FILLER_B,
        ),
    )
    assert s.conflicts == []


def test_date_conflict_after_resolution_and_agreement_without_one() -> None:
    clash = _story(
        (
            "a",
            "2031-05-10",
            "Trade minister Tovan Reel visited Qarsk last month to sign the grain accord.\n\n"
            + FILLER_A,
        ),
        (
            "b",
            "2031-05-11",
            "Trade minister Tovan Reel visited Qarsk in March to sign the grain accord.\n\n"
            + FILLER_B,
        ),
    )
    assert len(clash.conflicts) == 1
    values = sorted(side.value for side in clash.conflicts[0].sides)
    assert values == ["2031-03 (in March)", "2031-04 (last month)"]
    agree = _story(
        (
            "a",
            "2031-05-10",
            "Trade minister Tovan Reel visited Qarsk last month to sign the grain accord.\n\n"
            + FILLER_A,
        ),
        (
            "b",
            "2031-05-11",
            "Trade minister Tovan Reel visited Qarsk in April to sign the grain accord.\n\n"
            + FILLER_B,
        ),
    )
    assert agree.conflicts == []


def test_pronoun_speaker_resolution_and_role() -> None:
    sents = [
        "Harbour authority spokeswoman Mirela Quint said the port would reopen.",
        "Crews worked through the night.",
        'She added that officials expect "the repairs to take at least three more weeks of work."',
    ]
    quotes = article_quotes(sents)
    assert len(quotes) == 1
    _, q = quotes[0]
    assert q.speaker == "Mirela Quint"
    assert q.role == "Harbour authority spokeswoman"


def test_speaker_conflict_on_the_same_quote() -> None:
    s = _story(
        (
            "a",
            "2031-05-10",
            'Port chief Ivo Marek said the harbour would close. "We will not reopen until the '
            'breakwater is rebuilt from the ground up," Marek said.\n\n' + FILLER_A,
        ),
        (
            "b",
            "2031-05-10",
            'Mayor Lena Sorvik spoke to reporters. "We will not reopen until the breakwater is '
            'rebuilt from the ground up," Sorvik said.\n\n' + FILLER_B,
        ),
    )
    who = [c for c in s.conflicts if c.topic.startswith("who said")]
    assert len(who) == 1
    assert {side.value for side in who[0].sides} == {"Ivo Marek", "Lena Sorvik"}
    assert {q.speaker for q in s.quotes if "breakwater" in q.text} == {"Ivo Marek", "Lena Sorvik"}


def test_copies_count_once_and_unique_details_stay_with_their_source() -> None:
    body = (
        "Floodwater breached the levee at Orrin late on Tuesday, officials said.\n\n"
        "Hundreds of residents were moved to the sports hall overnight."
    )
    s = _story(
        ("orig", "2031-03-02", body),
        (
            "copy",
            "2031-03-02",
            body + "\n\nThe Orrin ferry service has been suspended until further notice.",
        ),
        (
            "other",
            "2031-03-02",
            (
                "Officials said floodwater breached the Orrin levee late Tuesday.\n\n"
                "A local brewery donated drinking water to the shelter at the fire station."
            ),
        ),
        groups=[CopyGroup(original="orig", members=["orig", "copy"])],
    )
    cited = {x for a in s.account for x in a.sources} | {x for c in s.claims for x in c.support}
    assert "copy" not in cited
    levee = next(a for a in s.account if "levee" in a.text)
    assert levee.sources == ["orig", "other"]
    assert any(
        "ferry" in t for t in s.unique["orig"]
    )  # the copy's extra paragraph, credited to its original
    assert any("brewery" in t for t in s.unique["other"])
    assert not any("levee" in t for texts in s.unique.values() for t in texts)


def test_negation_conflict_on_near_identical_sentences() -> None:
    s = _story(
        (
            "a",
            "2031-05-10",
            "The Qarsk harbour was closed to cargo ships on Friday.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-05-10",
            "The Qarsk harbour was not closed to cargo ships on Friday.\n\n" + FILLER_B,
        ),
    )
    assert len(s.conflicts) == 1
    assert {side.value: side.sources for side in s.conflicts[0].sides} == {
        "yes": ["a"],
        "no": ["b"],
    }
    assert not any("harbour" in a.text for a in s.account)  # disputed: not asserted


# --- Numbers must count the same thing (false-conflict patterns) ---------------------------


def test_counts_of_different_roles_are_not_a_conflict() -> None:
    # On board vs injured vs queued donors: three counts of people, none disputed.
    s = _story(
        (
            "a",
            "2031-06-01",
            "A river barge carrying 140 people capsized near the Tarvik lock on Monday, "
            "injuring 18 people, the canal authority said.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "Dozens of people queued at the Tarvik clinic to donate blood after the barge "
            "capsized with 140 people on board.\n\n"
            "Clinic staff said 25 people were injured when the barge capsized at the Tarvik lock.\n\n"
            + FILLER_B,
        ),
    )
    numbers = [c for c in s.conflicts if c.topic.startswith("how many")]
    assert len(numbers) == 1, [c.topic for c in numbers]
    assert {side.value for side in numbers[0].sides} == {"18", "25"}
    assert "hurt" in numbers[0].topic


def test_durations_of_different_kinds_are_not_a_conflict() -> None:
    # "for 19 years" (how long a career lasted) vs "in more than twenty years" (since when).
    s = _story(
        (
            "a",
            "2031-06-01",
            "The pilot of the Tarvik barge had worked the canal route for 19 years without "
            "an accident, colleagues said.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "The Tarvik barge accident was the worst on the canal route in more than twenty "
            "years, colleagues said.\n\n" + FILLER_B,
        ),
    )
    assert s.conflicts == []
    q = quantities("in more than twenty years", [])[0]
    assert (q.low, q.unit) == (20, "year")


def test_part_and_whole_are_not_a_conflict_but_two_parts_are() -> None:
    s = _story(
        (
            "a",
            "2031-06-01",
            "The Oskel Group has promised that 90 of the flats in the Brenn tower will be let at "
            "social rents.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "The Oskel Group says 110 of the 380 flats in the Brenn tower will be let at social "
            "rents.\n\n" + FILLER_B,
        ),
    )
    assert len(s.conflicts) == 1
    assert {side.value for side in s.conflicts[0].sides} == {"90", "110"}


def test_different_attributes_of_one_sum_are_not_a_conflict() -> None:
    # The total cost vs what was spent so far: both in crowns, different figures, no dispute.
    s = _story(
        (
            "a",
            "2031-06-01",
            "Oskel puts the cost of the Brenn tower at 250 million crowns.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "Oskel had spent about 30 million crowns on the Brenn tower site before the vote.\n\n"
            + FILLER_B,
        ),
    )
    assert s.conflicts == []


def test_figures_in_words_and_digits_are_one_side() -> None:
    s = _story(
        (
            "a",
            "2031-06-01",
            "Sixty people were hurt when the Tarvik barge capsized.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "Officials said 60 people were injured when the Tarvik barge capsized.\n\n" + FILLER_B,
        ),
        ("c", "2031-06-01", "In all, 35 people were injured when the Tarvik barge capsized.\n\n"),
    )
    assert len(s.conflicts) == 1
    sides = {side.value: side.sources for side in s.conflicts[0].sides}
    assert sides == {"35": ["c"], "60 (Sixty)": ["a", "b"]}


def test_specific_counted_noun_is_an_anchor() -> None:
    # Few shared words, but the same specific count ("firefighters") of the same fire.
    s = _story(
        (
            "a",
            "2031-06-01",
            "Chief Mara Vell said 150 firefighters had been at the scene at the height of the blaze.\n\n"
            + FILLER_A,
        ),
        ("b", "2031-06-01", "About 70 firefighters fought the blaze overnight.\n\n" + FILLER_B),
    )
    assert len(s.conflicts) == 1
    assert {side.value for side in s.conflicts[0].sides} == {"150", "about 70"}


def test_negation_of_another_predicate_is_not_a_conflict() -> None:
    s = _story(
        (
            "a",
            "2031-05-10",
            "Oskel's chief executive, Pieter Lund, did not comment on the ruling.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-05-10",
            "Oskel's chief executive, Pieter Lund, resigned on the day of the ruling.\n\n"
            + FILLER_B,
        ),
    )
    assert s.conflicts == []


# --- Speakers in real-like prose -------------------------------------------------------------


def test_speakers_behind_appositives_organisations_and_surnames() -> None:
    sents = [
        ('Transport Minister Hedda Rask, who flew to the lock in the afternoon, said: "We will '
        'find out exactly what happened here."'),
        ("The canal authority's director, Jonas Vey, said the closure was \"a precaution and "
        'nothing more" and could end soon.'),
        "The board named its finance director, Ulla Brek, as acting head.",
        'Brek said her first job was to "get the barges moving again, safely".',
        'Tove Lindqvist of Save the Canal said: "They have closed the last route we still use."',
        ('Premier Arvo Salm called the new lock "the biggest public works project in a generation" '
        "on Monday."),
    ]
    got = {q.text.split()[0]: q.speaker for _, q in article_quotes(sents)}
    assert got == {
        "We": "Hedda Rask",
        "a": "Jonas Vey",
        "get": "Ulla Brek",
        "They": "Tove Lindqvist",
        "the": "Arvo Salm",
    }


def test_aligned_sentence_adding_new_words_is_a_unique_detail() -> None:
    s = _story(
        (
            "a",
            "2031-06-01",
            "The Brenn council voted 7-4 on Monday to approve the Oskel tower.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "Brenn councillors approved the Oskel tower on Monday by seven votes to four, "
            "clearing the way for the region's tallest building.\n\n" + FILLER_B,
        ),
    )
    assert any("tallest" in t for t in s.unique.get("b", []))


def test_counts_of_another_occasion_are_not_a_conflict() -> None:
    # A plan ("will attend") and a past round ("drew") count the same noun on two occasions.
    s = _story(
        (
            "a",
            "2031-06-01",
            "The ministry said 120 delegates will attend the Brenn talks.\n\n" + FILLER_A,
        ),
        (
            "b",
            "2031-06-01",
            "Last year's round of Brenn talks drew only 30 delegates.\n\n" + FILLER_B,
        ),
    )
    assert s.conflicts == []
