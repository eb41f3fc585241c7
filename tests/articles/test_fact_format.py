import pytest

from articles.templatetags.fact_format import fact_amount, fact_reading


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (48000000.0, "48,000,000"),
        (0.4, "0.4"),
        (3.08, "3.08"),
        (33.3333, "33.3333"),
        (1.6e9, "1,600,000,000"),
        (7, "7"),
        ("2022-07", "2022-07"),
        ("1/1.1", "1/1.1"),
        (None, None),
    ],
)
def test_fact_amounts_read_with_separators_and_without_trailing_zeros(value, shown) -> None:
    assert fact_amount(value) == shown


@pytest.mark.parametrize(
    ("fact", "shown"),
    [
        ({"value": 48000000.0, "unit": "USD"}, "48,000,000 USD"),
        ({"value": 7235.0, "unit": "second"}, "2:00:35"),
        ({"value": 171.0, "unit": "second per km"}, "2:51 per km"),
        ({"value": 34.0, "unit": "second"}, "34 second"),
        ({"value": "2027-H2", "unit": "half"}, "2027-H2"),
        ({"value": "2022-07", "unit": "month"}, "2022-07"),
        ({"value": 3.0, "unit": None}, "3"),
        ({"value": 100.0, "unit": "year", "qualifier": "over"}, "over 100 year"),
        ({"value": "2050", "unit": "year", "qualifier": "by"}, "by 2050"),
        ({"value": "19", "unit": "century"}, "20th century"),
        ({"value": "20", "unit": "century"}, "21st century"),
    ],
)
def test_a_fact_reads_with_its_unit_and_a_time_taken_as_a_clock(fact, shown) -> None:
    assert fact_reading(fact) == shown
