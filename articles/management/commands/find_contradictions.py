import json

from django.core.management.base import BaseCommand

from articles import selectors, services
from articles.models import Article, ClaimGroup


class Command(BaseCommand):
    help = "Print every contradiction between articles (a group of claims whose facts disagree), with its claims."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="One JSON document: a list of contradictions.")
        parser.add_argument("--all", action="store_true", help="Every group, agreeing ones too.")
        parser.add_argument(
            "--rematch", action="store_true", help="Match every split article first (after an engine upgrade)."
        )

    def handle(self, *args, **options):
        if options["rematch"]:
            for article_id in (
                Article.objects.filter(status=Article.Status.SPLIT).order_by("pk").values_list("pk", flat=True)
            ):
                services.article_match(article_id=article_id)
        groups = ClaimGroup.objects.filter(size__gt=0).order_by("-is_contradiction", "pk")
        if not options["all"]:
            groups = groups.filter(is_contradiction=True)
        groups = list(groups)
        claims: dict[int, list] = {}
        for claim in selectors.group_claims([group.pk for group in groups]):
            claims.setdefault(claim.group_id, []).append(claim)
        rows = [_row(group, claims.get(group.pk, [])) for group in groups]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No contradictions.")
        for row in rows:
            self.stdout.write(("CONTRADICTION " if row["contradiction"] else "agree ") + row["explanation"])
            for claim in row["claims"]:
                self.stdout.write(f"  [{claim['outlet'] or claim['title']}, {claim['published']}] {claim['text']}")


def _row(group: ClaimGroup, claims) -> dict:
    return {
        "group": group.pk,
        "key": group.key,
        "kind": group.fact_type,
        "label": group.subject,
        "contradiction": group.is_contradiction,
        "explanation": group.explanation,
        "article_count": group.article_count,
        "claims": [
            {
                "id": claim.pk,
                "article": claim.article_id,
                "title": claim.article.title,
                "outlet": claim.article.outlet,
                "published": claim.article.published.isoformat() if claim.article.published else None,
                "text": claim.text,
                "status": claim.status,
            }
            for claim in claims
        ],
    }
