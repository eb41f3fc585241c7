# Load the Celery app with Django so that @shared_task binds to it and delay_on_commit works in every process.
from factcheck.celery import app as celery_app

__all__ = ["celery_app"]
