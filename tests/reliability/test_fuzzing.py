"""Fuzzing: schemathesis against the OpenAPI schema for each role, and Hypothesis properties for ingest and CSV."""

import contextlib
import csv
import io

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from articles import exports, ingest
from tests.conftest import SAMPLE_TEXT, make_user

FUZZ_ROLES = ("anonymous", "editor", "reviewer", "staff", "superuser")


@pytest.fixture
def api_schema(db):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from factcheck.wsgi import application

    # Called straight through WSGI, each request would close the test's connection and its transaction with it,
    # as Django's own test client prevents in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def role_tokens(db):
    """One API token per role, and an article with claims so that some generated ids exist."""
    from rest_framework.authtoken.models import Token

    from articles import services

    tokens = {"anonymous": None}
    for role in FUZZ_ROLES[1:]:
        tokens[role] = Token.objects.get_or_create(user=make_user(role, f"fuzz-{role}"))[0].key
    article = services.article_create(
        document=ingest.document_from_text(SAMPLE_TEXT), uploaded_by=make_user("editor", "fuzz-editor")
    ).article
    services.article_split(article_id=article.pk)
    return tokens


def test_api_never_answers_5xx_or_off_schema_for_any_role(api_schema, role_tokens):
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            for role in FUZZ_ROLES:
                token = role_tokens[role]
                headers = {"Authorization": f"Token {token}"} if token else {}
                response = case.call(headers=headers)
                assert response.status_code < 500, (role, case.method, case.formatted_path, response.text[:500])
                # ignored_auth swaps in forged credentials (the role matrix covers authentication instead);
                # positive_data_acceptance cannot know "file or text, not both", which OpenAPI cannot express.
                case.validate_response(
                    response, headers=headers, excluded_checks=[ignored_auth, positive_data_acceptance]
                )

        check()
        checked.append(operation.label)
    assert len(checked) >= 8, checked


@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "a.html", "a.htm", "a.docx", "a.pdf", "a", "a.md"]))
@settings(max_examples=300, deadline=None)
def test_ingest_of_any_bytes_is_a_document_or_a_clear_error(data, name):
    try:
        document = ingest.document_from_upload(name, data)
    except ingest.IngestError as error:
        assert str(error).strip()
        assert error.filename == name or name in str(error)
    else:
        assert document.text.strip()
        assert "\x00" not in document.text


@given(
    st.builds(
        lambda head, body: head + body,
        st.sampled_from(b"PK\x03\x04 %PDF- <html> \xef\xbb\xbf".split()),
        st.binary(max_size=2048),
    )
)
@settings(max_examples=200, deadline=None)
def test_ingest_of_bytes_that_look_like_a_known_format_never_crashes(data):
    for name in ("x.docx", "x.pdf", "x.html", "x.txt"):
        with contextlib.suppress(ingest.IngestError):
            ingest.document_from_upload(name, data)


TEXT_CELLS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://e.org")', " =1"]
)


CELL_VALUES = TEXT_CELLS | st.integers() | st.floats(allow_nan=False) | st.none() | st.lists(TEXT_CELLS, max_size=3)


@given(st.lists(st.fixed_dictionaries(dict.fromkeys(exports.EXPORT_FIELDS, CELL_VALUES)), max_size=8))
@settings(max_examples=200, deadline=None)
def test_no_exported_csv_cell_starts_a_formula(rows):
    output = b"".join(exports.write_csv(iter(rows))).decode("utf-8-sig")
    for record in list(csv.reader(io.StringIO(output)))[1:]:
        for cell in record:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _is_number(cell), repr(cell)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
