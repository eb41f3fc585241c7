from django.core.management.base import BaseCommand, CommandError

from articles import services
from articles.models import Article


class Command(BaseCommand):
    help = "Split articles into claims again: by id, all failed ones, or all of them."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids.")
        parser.add_argument("--failed", action="store_true", help="Every article whose split failed.")
        parser.add_argument("--all", action="store_true", help="Every article (e.g. after an engine upgrade).")
        parser.add_argument("--now", action="store_true", help="Split here and now instead of queueing for workers.")

    def handle(self, *args, ids, failed, all, now, **options):
        queryset = Article.objects.all()
        if ids:
            queryset = queryset.filter(pk__in=ids)
        elif failed:
            queryset = queryset.filter(status=Article.Status.FAILED)
        elif not all:
            raise CommandError("Name article ids, or use --failed or --all.")
        article_ids = list(queryset.values_list("pk", flat=True))
        if now:
            services.articles_resplit(article_ids=article_ids, actor=None, enqueue=False)
            for article_id in article_ids:
                outcome = services.article_split(article_id=article_id)
                self.stdout.write(f"article {article_id}: {outcome}")
            return
        count = services.articles_resplit(article_ids=article_ids, actor=None)
        self.stdout.write(f"Queued {count} article(s) to be split again.")
