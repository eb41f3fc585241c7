import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from articles import services
from articles.models import Article

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf"}
WAIT_POLL_SECONDS = 0.2


class Progress:
    """A one-line progress bar on stderr; silent when stderr is not a terminal unless forced."""

    def __init__(self, total: int, label: str, enabled: bool):
        self.total, self.label, self.enabled = total, label, enabled
        self.started = time.monotonic()

    def show(self, done: int, extra: str = "") -> None:
        if not self.enabled:
            return
        filled = int(30 * done / self.total) if self.total else 30
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        sys.stderr.write(
            f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} {rate:,.0f}/s {extra}   "
        )
        sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Import article files (or folders of them). Each new article is stored and queued for splitting, one task "
        "per article, so every running worker splits in parallel. Ends with a summary: imported, duplicates, failed "
        "(with reasons), skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders (searched recursively).")
        parser.add_argument("--user", help="Username recorded as the uploader (an editor).")
        parser.add_argument(
            "--batch",
            type=int,
            default=200,
            help="Files stored per transaction (default 200); a bad file fails alone, never its batch.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")
        parser.add_argument("--progress", action="store_true", help="Show the progress bar even when not on a tty.")
        parser.add_argument(
            "--wait",
            type=float,
            default=None,
            metavar="SECONDS",
            help="After importing, wait up to SECONDS for the workers to split the new articles, and report them.",
        )

    def handle(self, *args, paths, user, quiet, progress, wait, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        uploader = self._uploader(user)
        files, skipped = self._collect(paths)
        if not files:
            raise CommandError("No .txt, .html, .docx or .pdf files found in the given paths.")
        show_progress = not quiet and (progress or sys.stderr.isatty())
        imported_ids: list[int] = []
        duplicates = 0
        failures: list[str] = []
        bar = Progress(len(files), "import", show_progress)
        started = time.monotonic()
        for first in range(0, len(files), batch):
            readable: list[tuple[Path, bytes]] = []
            for path in files[first : first + batch]:
                try:
                    readable.append((path, path.read_bytes()))
                except OSError as error:
                    failures.append(f"{path}: cannot read ({error.strerror})")
            try:
                outcomes = services.articles_import(
                    uploaded_by=uploader, files=[(path.name, data) for path, data in readable]
                )
            except PermissionDenied as error:
                raise CommandError(f"{user} cannot upload articles: {error}") from error
            for (path, _), outcome in zip(readable, outcomes, strict=True):
                if outcome.error:
                    failures.append(f"{path}: {outcome.error}")
                elif outcome.created:
                    imported_ids.append(outcome.article_id)
                else:
                    duplicates += 1
            bar.show(min(first + batch, len(files)))
        bar.end()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Imported {len(imported_ids)}, duplicates {duplicates}, failed {len(failures)}, "
            f"skipped {len(skipped)} (not an article file) in {seconds:.1f}s."
        )
        for failure in failures:
            self.stdout.write(f"  failed: {failure}")
        for path in skipped[:20]:
            self.stdout.write(f"  skipped: {path}")
        if len(skipped) > 20:
            self.stdout.write(f"  ... and {len(skipped) - 20} more skipped")
        if wait is not None and imported_ids:
            self._wait_for_split(imported_ids, wait, show_progress)

    def _uploader(self, username: str | None):
        if not username:
            return None
        try:
            uploader = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        return uploader

    def _wait_for_split(self, article_ids: list[int], timeout: float, show_progress: bool) -> None:
        bar = Progress(len(article_ids), "split ", show_progress)
        started = time.monotonic()
        pending = Article.Status.QUEUED, Article.Status.SPLITTING
        while True:
            counts = dict(
                Article.objects.filter(pk__in=article_ids).order_by().values_list("status").annotate(n=Count("id"))
            )
            done = len(article_ids) - sum(counts.get(status, 0) for status in pending)
            bar.show(done)
            if done == len(article_ids) or time.monotonic() - started > timeout:
                break
            time.sleep(WAIT_POLL_SECONDS)
        bar.end()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Split {counts.get(Article.Status.SPLIT, 0)}, failed {counts.get(Article.Status.FAILED, 0)}, "
            f"still waiting {len(article_ids) - done} after {seconds:.1f}s."
        )
        for article_id, title, error in Article.objects.filter(
            pk__in=article_ids, status=Article.Status.FAILED
        ).values_list("pk", "title", "error")[:20]:
            self.stdout.write(f"  split failed: article {article_id} {title!r}: {error}")

    def _collect(self, paths: list[str]) -> tuple[list[Path], list[Path]]:
        found: list[Path] = []
        skipped: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
                    (found if candidate.suffix.lower() in SUFFIXES else skipped).append(candidate)
            elif path.is_file():
                found.append(path)
            else:
                raise CommandError(f"{raw}: no such file or folder.")
        return found, skipped
