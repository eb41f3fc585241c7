import os
import resource

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def apply_memory_limit(megabytes: int | None = None) -> int | None:
    """Cap this process's address space, so that one pathological document raises MemoryError in its own task
    (the article ends failed with a reason) instead of swapping the machine or waking the OOM killer."""
    if megabytes is None:
        megabytes = int(os.environ.get("WORKER_MAX_MEMORY_MB", "0") or 0)
    if megabytes <= 0:
        return None
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit


@worker_process_init.connect
def _limit_pool_child_memory(**kwargs) -> None:
    apply_memory_limit()


@task_prerun.connect
@task_postrun.connect
def _close_unusable_connections(sender=None, **kwargs) -> None:
    """Between two tasks, close the database connections Django would close between two requests: broken ones (a
    restarted server) and those past CONN_MAX_AGE. The rest are reused (see CELERY_DB_REUSE_MAX in settings)."""
    if sender is None or getattr(sender.request, "is_eager", False):
        return  # in-process tasks run inside a web request, whose connection Django manages
    from django.db import close_old_connections

    close_old_connections()
