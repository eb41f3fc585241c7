"""Hostile and broken uploads: a clear 4xx naming the problem, bounded time and memory, never a 500."""

import socket
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.articles import fixtures_ingest as fx
from tests.conftest import SAMPLE_TEXT


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def _upload(client, name: str, data: bytes):
    return client.post("/api/articles/", {"file": [SimpleUploadedFile(name, data)]})


# --- Size and count limits -------------------------------------------------------------------------------------


class _UnreadableBody:
    """A request body that fails the test if the server starts reading it."""

    def read(self, *args):
        raise AssertionError("the body of an oversize request was read")

    readline = read


@pytest.mark.parametrize(("url", "wants_json"), [("/api/articles/", True), ("/upload/", False)])
def test_oversize_request_is_refused_from_its_content_length_without_reading_the_body(
    editor_client, settings, url, wants_json
):
    length = settings.UPLOAD_MAX_REQUEST_BYTES + 1
    response = editor_client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": _UnreadableBody()},
    )
    assert response.status_code == 413
    message = response.json()["detail"] if wants_json else response.content.decode()
    assert "too large" in message


def test_live_server_answers_413_while_the_client_is_still_sending(live_server, settings):
    """Only the headers and the first kilobyte go out; the answer must come without the other 60 MB."""
    host, port = live_server.url.removeprefix("http://").split(":")
    declared = settings.UPLOAD_MAX_REQUEST_BYTES + 10 * 1024 * 1024
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            (
                f"POST /api/articles/ HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {declared}\r\n\r\n"
            ).encode()
            + b"x" * 1024
        )
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


def test_too_many_files_is_a_clear_400_in_the_api(editor_client, settings):
    from articles.models import Article

    files = [SimpleUploadedFile(f"a{index}.txt", f"Text {index}.\n\nIt is {index} km.".encode()) for index in range(30)]
    response = editor_client.post("/api/articles/", {"file": files})
    assert response.status_code == 400
    assert "Too many files" in response.json()["detail"] or "At most" in str(response.json())
    assert Article.objects.count() == 0


def test_too_many_files_is_a_clear_400_in_the_upload_form(editor_client, settings):
    from articles.models import Article

    files = [SimpleUploadedFile(f"b{index}.txt", f"Text {index}.\n\nIt is {index} m.".encode()) for index in range(30)]
    response = editor_client.post("/upload/", {"files": files})
    assert response.status_code == 400
    assert f"at most {settings.UPLOAD_MAX_FILES}" in response.content.decode().lower()
    assert Article.objects.count() == 0


def test_one_file_over_the_per_file_limit_is_refused_by_name(editor_client, settings):
    settings.UPLOAD_MAX_FILE_BYTES = 64 * 1024
    response = _upload(editor_client, "huge.txt", b"The span is 5 km long. " * 5000)
    assert response.status_code == 400
    assert "huge.txt" in str(response.json())


def test_json_text_over_the_data_limit_is_refused(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
    body = '{"text": "' + "The span is 5 km long. " * 20000 + '"}'
    response = editor_client.post("/api/articles/", body, content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


# --- Wrong types, corrupt and hostile documents ----------------------------------------------------------------

HOSTILE = {
    "html named .pdf": ("report.pdf", b"<html><body><script>alert(1)</script>Hello</body></html>"),
    "truncated pdf": ("broken.pdf", fx.make_pdf([["The tower is 300 m tall."]])[:200]),
    "corrupt docx": ("broken.docx", b"PK\x03\x04" + b"\x00garbage" * 100),
    "docx that is not a zip": ("plain.docx", b"just some text pretending to be a docx"),
    "zip bomb docx": ("bomb.docx", fx.make_zip_bomb_docx(200)),
    "docx lying about its size": (
        "liar.docx",
        fx.with_declared_size(fx.make_zip_bomb_docx(60), "word/document.xml", 1000),
    ),
    "docx with thousands of parts": ("parts.docx", fx.make_many_entries_docx(3000)),
    "xml entity bomb docx": ("laughs.docx", fx.make_docx(body_xml=fx.BILLION_LAUGHS_XML)),
    "executable": ("tool.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40),
    "empty file": ("empty.txt", b""),
    "unknown extension": ("notes.exe", b"MZ\x90\x00" + b"\x00" * 500),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_upload_is_a_clear_400_in_bounded_time_and_memory(editor_client, case):
    from articles.models import Article

    name, data = HOSTILE[case]
    tracemalloc.start()
    started = time.process_time()
    try:
        response = _upload(editor_client, name, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    cpu = time.process_time() - started
    assert response.status_code == 400, (case, response.content[:300])
    body = str(response.json())
    assert name in body or "empty" in body, body
    assert Article.objects.count() == 0
    # Budgets, not timings: a bomb that inflated would need hundreds of MB and tens of seconds.
    assert peak < 64 * 1024 * 1024, f"{case}: peak {peak / 1e6:.0f} MB"
    assert cpu < 10, f"{case}: {cpu:.1f} s of CPU"


def test_very_long_line_becomes_an_article_or_a_clear_error_in_bounded_time(editor_client):
    data = ("The plant makes 40 tonnes a day and " * 60000).encode()  # ~2 MB on one line
    started = time.process_time()
    response = _upload(editor_client, "oneline.txt", data)
    assert response.status_code in (200, 201, 400), response.content[:300]
    assert response.json()
    assert time.process_time() - started < 15


def test_latin1_text_is_decoded_not_mangled(editor_client):
    from articles.models import Article

    text = "Café Zürich\n\nDer Umsatz stieg 2023 um 12 % auf 4,5 Millionen Franken, sagte Müller."
    response = _upload(editor_client, "latin1.txt", text.encode("latin-1"))
    assert response.status_code == 201, response.content[:300]
    assert "Müller" in Article.objects.get().text


def test_undecodable_bytes_are_refused_clearly(editor_client):
    response = _upload(editor_client, "noise.txt", bytes(range(256)) * 64)
    assert response.status_code == 400
    assert "noise.txt" in str(response.json())


def test_form_upload_of_a_hostile_file_shows_the_error_on_the_page(editor_client):
    response = editor_client.post("/upload/", {"files": [SimpleUploadedFile("bomb.docx", fx.make_zip_bomb_docx(100))]})
    assert response.status_code in (200, 400)
    assert "bomb.docx" in response.content.decode()


def test_split_worker_time_on_a_huge_text_is_bounded_by_the_task_limits(settings):
    """The engine's input is capped at ingest; every task has soft and hard time limits."""
    from articles.tasks import split_article_task

    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert split_article_task.acks_late and split_article_task.reject_on_worker_lost
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT


def test_double_submitted_upload_gives_one_article(editor_client):
    from articles.models import Article

    first = editor_client.post("/api/articles/", {"text": SAMPLE_TEXT}, content_type="application/json")
    second = editor_client.post("/api/articles/", {"text": SAMPLE_TEXT}, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()[0]["id"] == second.json()[0]["id"]
    assert Article.objects.count() == 1


def test_worker_pool_child_address_space_is_capped_from_the_environment():
    """WORKER_MAX_MEMORY_MB caps each pool child: a runaway allocation is a MemoryError in one task, not an OOM."""
    import subprocess
    import sys

    script = (
        "import resource, factcheck.celery as c; c._limit_pool_child_memory(); "
        "print(resource.getrlimit(resource.RLIMIT_AS)[0]);"
        "\ntry:\n    bytearray(900 * 1024 * 1024)\nexcept MemoryError:\n    print('refused')"
    )
    env = {**__import__("os").environ, "WORKER_MAX_MEMORY_MB": "600", "DEBUG": "1"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [str(600 * 1024 * 1024), "refused"], result.stderr[-2000:]
