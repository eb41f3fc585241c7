from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Send again background exports whose message or worker was lost, and delete export files past "
        "EXPORT_KEEP_DAYS (what celery beat runs every EXPORT_SWEEP_INTERVAL_SECONDS)."
    )

    def handle(self, *args, **options):
        sweep = services.export_jobs_sweep()
        self.stdout.write(
            f"Sent again {len(sweep.resent)} export job(s), expired {len(sweep.expired)}, "
            f"removed {len(sweep.files_removed)} file(s)."
        )
