import sys

from django.core.management.base import BaseCommand, CommandError

from articles import exports
from articles.api.filters import ClaimFilter
from articles.models import Claim

# Command-line option -> the claims list filter it sets (the same names as the API's query parameters).
FILTER_OPTIONS = {
    "status": "status",
    "kind": "kind",
    "article": "article",
    "reviewer": "reviewer",
    "group": "group",
    "outlet": "outlet",
    "min_score": "min_score",
    "search": "search",
}


class Command(BaseCommand):
    help = (
        "Stream claims with their article, verdict, reviewer, note, evidence and facts to stdout (or --output), "
        "with the same filters as the API's claims list: manage.py export_claims --format csv --status wrong > f.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", default="csv", choices=sorted(exports.FORMATS), dest="export_format")
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")
        parser.add_argument("--base-url", default="http://localhost:8000", help="Site address for ClaimReview urls.")
        parser.add_argument("--status", choices=Claim.Status.values)
        parser.add_argument("--kind", choices=Claim.Kind.values)
        parser.add_argument("--article", type=int, help="Article id.")
        parser.add_argument("--reviewer", type=int, help="Reviewer's user id.")
        parser.add_argument("--group", type=int, help="Claim group id.")
        parser.add_argument("--outlet", help="Exact outlet name.")
        parser.add_argument("--min-score", type=float, help="Lowest check-worthiness score.")
        parser.add_argument("--search", help="Claim text contains.")

    def handle(self, *args, export_format, output, base_url, **options):
        data = {name: options[option] for option, name in FILTER_OPTIONS.items() if options.get(option) is not None}
        filterset = ClaimFilter(data, queryset=Claim.objects.all())
        if not filterset.is_valid():
            problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
            raise CommandError(f"Invalid filter: {problems}")
        stream = exports.export_stream(filterset.qs, export_format, base_url=base_url)
        if output:
            try:
                with open(output, "wb") as target:
                    self._write(stream, target)
            except OSError as error:
                raise CommandError(f"{output}: cannot write ({error.strerror})") from error
        else:
            self._write(stream, sys.stdout.buffer)

    def _write(self, stream, target) -> None:
        try:
            for piece in stream:
                target.write(piece)
            target.flush()
        except BrokenPipeError:
            # `export_claims | head` closes the pipe early; that is the reader's choice, not an error.
            stream.close()
