"""/health/ for a load balancer: 200 when the database answers (and, with a broker configured, the broker and at
least one worker), 503 otherwise, with the reason for each part."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy, and the reason is reported
        return False, f"unreachable: {error.__class__.__name__}"


def _check_broker_and_workers() -> tuple[dict, bool]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"broker": "embedded (tasks run in-process)", "workers": "embedded"}, True
    from factcheck.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return {"broker": f"unreachable: {error.__class__.__name__}", "workers": "unknown"}, False
    try:
        replies = app.control.inspect(timeout=1.0).ping() or {}
    except Exception as error:  # noqa: BLE001
        return {"broker": "ok", "workers": f"unknown: {error.__class__.__name__}"}, False
    return {"broker": "ok", "workers": sorted(replies)}, bool(replies)


@never_cache
def health(request):
    database_ok, database = _check_database()
    queue, queue_ok = _check_broker_and_workers()
    healthy = database_ok and queue_ok
    body = {"status": "ok" if healthy else "unavailable", "database": database, **queue}
    return JsonResponse(body, status=200 if healthy else 503)
