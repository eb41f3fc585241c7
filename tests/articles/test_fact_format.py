import pytest

from articles.templatetags.fact_format import fact_amount


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
