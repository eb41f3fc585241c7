"""Log-in and API-write throttles, production settings, and /health/ for a load balancer."""

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from tests.conftest import REPO, make_user


def _login(client: Client, username: str, password: str, url: str = "/login/"):
    return client.post(url, {"username": username, "password": password})


def test_failed_logins_are_throttled_per_username_even_for_the_right_password(db, settings):
    make_user("reviewer", "target")
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert _login(client, "target", "wrong-guess").status_code == 200
    response = _login(client, "target", "test-pass-123")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttle_on_one_username_leaves_other_accounts_alone(db, settings):
    make_user("reviewer", "target")
    make_user("editor", "bystander")
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, "target", "wrong-guess")
    assert _login(client, "bystander", "test-pass-123").status_code == 302


def test_spraying_many_usernames_from_one_address_is_throttled(db, settings):
    make_user("editor", "sprayed")
    client = Client()
    for index in range(settings.LOGIN_FAILURE_LIMIT * 4):
        _login(client, f"nobody-{index}", "guess")
    assert _login(client, "sprayed", "test-pass-123").status_code == 429


def test_admin_login_is_throttled_too(db, settings):
    make_user("superuser", "root")
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, "root", "wrong-guess", url="/admin/login/")
    response = _login(client, "root", "test-pass-123", url="/admin/login/")
    assert response.status_code == 200  # the admin re-renders its form; the user is not logged in
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_api_writes_are_throttled_and_reads_are_not(split_article, sample_text, reviewer, monkeypatch):
    from articles.api.throttles import WriteRateThrottle

    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", {"writes": "3/minute"})
    claim = split_article(sample_text).claims.first()
    client = Client()
    client.force_login(reviewer)
    statuses = [
        client.patch(f"/api/claims/{claim.pk}/", {"note": f"n{i}"}, content_type="application/json").status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert client.get(f"/api/claims/{claim.pk}/").status_code == 200
    claim.refresh_from_db()
    assert claim.note == "n2"


# --- Production settings ---------------------------------------------------------------------------------------


def _manage(*args: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests allow sync ORM calls under Playwright's loop in this process; a deployment never does.
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check_at_warning_level():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_fails_on_a_weak_secret_key():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY="short", ALLOWED_HOSTS="x.org"
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_production_cookies_and_transport_are_hardened():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000,"
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, s.DEBUG]))"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == '[true, true, true, true, true, true, "DENY", false]', result.stderr[-2000:]


# --- /health/ ------------------------------------------------------------------------------------------------------


def test_health_is_503_when_no_worker_answers(db, settings):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs CELERY_BROKER_URL (the embedded mode has no broker)")
    from tests.conftest import purge_broker

    purge_broker()
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "ok"
    assert response.json()["workers"] == []
