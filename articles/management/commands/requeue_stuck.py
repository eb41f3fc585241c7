from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = "Re-enqueue articles stuck in queued/splitting past the deadline (what celery beat runs every minute)."

    def handle(self, *args, **options):
        ids = services.articles_requeue_stuck()
        self.stdout.write(f"Re-enqueued {len(ids)} article(s).")
