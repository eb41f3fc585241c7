import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles import services

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf"}


class Command(BaseCommand):
    help = "Import article files (or folders of them); each is stored and queued for splitting."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders (searched recursively).")
        parser.add_argument("--user", help="Username recorded as the uploader (an editor).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, paths, user, quiet, **options):
        uploader = None
        if user:
            try:
                uploader = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user named {user!r}.") from error
        files = self._collect(paths)
        if not files:
            raise CommandError("No .txt, .html, .docx or .pdf files found in the given paths.")
        imported = duplicates = 0
        failures: list[str] = []
        show_progress = not quiet and sys.stderr.isatty()
        for number, path in enumerate(files, 1):
            try:
                result = services.articles_upload(uploaded_by=uploader, files=[(path.name, path.read_bytes())])[0]
            except ValidationError as error:
                failures.append(" ".join(error.messages))
            except OSError as error:
                failures.append(f"{path}: cannot read ({error.strerror})")
            else:
                if result.created:
                    imported += 1
                else:
                    duplicates += 1
            if show_progress:
                done = int(30 * number / len(files))
                sys.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {number}/{len(files)}")
                sys.stderr.flush()
        if show_progress:
            sys.stderr.write("\n")
        self.stdout.write(f"Imported {imported}, duplicates {duplicates}, failed {len(failures)}.")
        for failure in failures:
            self.stdout.write(f"  failed: {failure}")

    def _collect(self, paths: list[str]) -> list[Path]:
        found: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
            elif path.is_file():
                found.append(path)
            else:
                raise CommandError(f"{raw}: no such file or folder.")
        return found
