from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_engine import facts as facts_module
from claim_engine.facts import extract_facts

PUBLISHED = date(2022, 5, 23)


def facts_of(text: str, published: date | None = PUBLISHED):
    return extract_facts(text, published=published)


def only(text: str, kind: str, published: date | None = PUBLISHED):
    found = [fact for fact in facts_of(text, published) if fact.type == kind]
    assert len(found) == 1, found
    return found[0]


def test_sensor_format_is_normalised_with_inch_unit_and_subject() -> None:
    fact = only("The phone uses a 1/1.1-inch sensor.", "sensor_format")
    assert (fact.value, fact.unit, fact.text, fact.subject) == ("1/1.1", "inch", "1/1.1-inch", "sensor")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It has a 50MP camera.", 50.0, "MP"),
        ("It has a 12 megapixels camera.", 12.0, "MP"),
        ("A 6.7-inch screen is fitted.", 6.7, "inch"),
        ("The lens is 24 mm wide.", 24.0, "mm"),
        ("It ships with 1 TB of storage.", 1000.0, "GB"),
    ],
)
def test_quantities_have_canonical_units_and_base_values(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)


def test_quantity_after_its_noun_takes_that_noun_as_subject() -> None:
    assert only("It has a big sensor at 50MP today.", "quantity").subject == "sensor"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("It cost $1.5 million.", 1_500_000.0, "USD"), ("It cost €20.", 20.0, "EUR"), ("It cost £3bn.", 3e9, "GBP")],
)
def test_money_is_in_base_units_with_currency_code(text: str, value: float, unit: str) -> None:
    fact = only(text, "money")
    assert (fact.value, fact.unit) == (value, unit)


def test_percent_is_a_fact_with_percent_unit() -> None:
    fact = only("Sales rose 25% last quarter.", "percent")
    assert (fact.value, fact.unit) == (25.0, "%")


@pytest.mark.parametrize(
    ("text", "value", "subject", "qualifier"),
    [
        ("Their five-year partnership with Acme ended.", 5.0, "partnership with Acme", None),
        ("It was in partnership with Acme for the last four years.", 4.0, "partnership with Acme", None),
        ("For over 100 years, Acme Optics has made lenses.", 100.0, "Acme Optics", "over"),
        ("The war lasted two decades.", 20.0, None, None),
    ],
)
def test_durations_are_years_with_subject_and_qualifier(text, value, subject, qualifier) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit, fact.subject, fact.qualifier) == (value, "year", subject, qualifier)


def test_hyphenated_rank_keeps_superlative_and_noun_phrase() -> None:
    fact = only("It is the world's third-largest smartphone manufacturer.", "rank")
    assert (fact.value, fact.subject, fact.qualifier) == (3, "smartphone manufacturer", "largest")


def test_numeric_ordinal_is_a_rank_of_the_following_noun() -> None:
    fact = only("The firm is in its 12th year of trading.", "rank")
    assert (fact.value, fact.subject) == (12, "year")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It shows seven lenses at the rear.", 7.0, "lens"),
        ("Twenty-five people came.", 25.0, "person"),
        ("About 1.5 million visitors came.", 1_500_000.0, "visitor"),
        ("Two companies signed.", 2.0, "company"),
    ],
)
def test_counts_read_digits_and_words_and_singularise_the_noun(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


def test_count_keeps_its_hedge() -> None:
    assert only("It shows as many as seven lenses.", "count").qualifier == "as many as"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It launched on 23 May 2022.", "2022-05-23", "day"),
        ("It launched on May 23, 2022.", "2022-05-23", "day"),
        ("It launched on 2022-05-23.", "2022-05-23", "day"),
        ("It launched in March 2022.", "2022-03", "month"),
        ("It will launch in July this year.", "2022-07", "month"),
        ("It will launch this July.", "2022-07", "month"),
        ("It will launch next July.", "2022-07", "month"),
        ("It will launch next March.", "2023-03", "month"),
        ("We wrote about it last December.", "2021-12", "month"),
        ("It launched in March.", "2022-03", "month"),
        ("It will launch in March.", "2023-03", "month"),
        ("It was founded in 1925.", "1925", "year"),
        ("It grew last year.", "2021", "year"),
    ],
)
def test_dates_absolute_and_relative_to_published(text: str, value: str, unit: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, unit)


def test_relative_date_without_published_date_has_no_value() -> None:
    assert only("It will launch next July.", "date", published=None).value is None


def test_date_names_the_event_it_belongs_to() -> None:
    assert only("The phone will be launched in July this year.", "date").subject == "launch"


def test_may_as_a_verb_is_not_a_date() -> None:
    assert not [fact for fact in facts_of("It may well be the first.") if fact.type == "date"]


def test_product_model_numbers_are_not_facts() -> None:
    text = "The Acme 12 Pro and the Xperia 1 IV use the Snapdragon 8+ Gen 1."
    assert facts_of(text) == []


def test_superlative_and_comparison_are_facts() -> None:
    kinds = {fact.type: fact.value for fact in facts_of("It is the largest and sells more than rivals.")}
    assert kinds == {"superlative": "largest", "comparison": "more"}


def test_fact_offsets_are_shifted_into_the_article() -> None:
    fact = only("It has a 50MP camera.", "quantity")
    shifted = extract_facts("It has a 50MP camera.", offset=100, published=PUBLISHED)[0]
    assert (shifted.start, shifted.end) == (fact.start + 100, fact.end + 100)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "five-year",
                "1/1.1-inch",
                "50MP",
                "$",
                "€3",
                "25%",
                "July",
                "next",
                "last",
                "this year",
                "third-largest",
                "12th",
                "seven",
                "lenses",
                "over",
                "100",
                "years",
                "Xperia",
                "1",
                "IV",
                "May",
                "2022",
                "-",
                ",",
                ".",
                " ",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_every_fact_span_slices_back_to_its_text(text: str) -> None:
    for fact in extract_facts(text, offset=0, published=PUBLISHED):
        assert text[fact.start : fact.end] == fact.text


# Pieces that start, end or break the facts' patterns, joined without spaces as often as with them, so that trigger
# words also turn up inside other words and next to digits and punctuation.
_SCAN_PIECES = [
    *["one", "One", "twenty", "Twenty-one", "dozen", "a dozen", "sofa", "someone", "often", "tenth", "Second"],
    *["largest", "most", "least", "than", "more", "year", "years", "Jan.", "Sept", "May", "March", "next"],
    *["1", "12", "2022", "1/2.3", "21st", "3,000", "4.5", "٣", "$", "US$", "£", "%", "per cent", "dollars", "MP"],
    *[" ", " ", " ", "-", ",", ".", "(", "\n", "’", "ſ", "_"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=40).map("".join))
def test_trying_patterns_only_at_trigger_positions_finds_what_a_full_scan_finds(text: str) -> None:
    starts = facts_module._Triggers(text).starts_per_reader()
    for (pattern, _), candidate_starts in zip(facts_module._READERS, starts, strict=True):
        full_scan = [match.span() for match in pattern.finditer(text)]
        assert [match.span() for match in facts_module._matches(pattern, text, candidate_starts)] == full_scan


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([piece for piece in _SCAN_PIECES if piece.isascii()]), max_size=40).map("".join))
def test_the_ascii_trigger_scan_finds_what_the_unicode_one_finds_in_ascii_text(text: str) -> None:
    def found(scan):
        return [(match.span(), match.group(1)) for match in scan.finditer(text)]

    assert found(facts_module._ASCII_TRIGGER) == found(facts_module._TRIGGER)
