from pathlib import Path

from django.core.management.base import BaseCommand

from articles import roles, services
from articles.models import Article

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"

# Demo passwords are printed by `make run` and written in the README: they protect nothing but a local demo.
DEMO_ACCOUNTS = [
    # username, password, role, staff, superuser
    ("editor", "editor-demo-pass", roles.EDITORS, False, False),
    ("reviewer", "reviewer-demo-pass", roles.REVIEWERS, False, False),
    ("admin", "admin-demo-pass", None, True, True),
]


# Where each demo article "appeared": outlets make the cross-article groups readable (who said what).
DEMO_SOURCES = {
    "01_kestrel_norrland.txt": {"outlet": "Harbour Times", "author": "Mira Okafor"},
    "02_lens_wars.txt": {"outlet": "Pocket Ledger", "author": "Sam Whitlow"},
    "03_vantor_tablet.txt": {"outlet": "Slate & Circuit", "author": "Ines Duarte"},
    "04_chip_shortage.txt": {"outlet": "Fabline Weekly", "author": "Tomas Berg"},
}


class Command(BaseCommand):
    help = "Create the demo accounts and load the demo articles (safe to run again)."

    def handle(self, *args, **options):
        accounts = {
            username: services.desk_user_ensure(
                username=username, password=password, role=role, staff=staff, superuser=superuser
            )
            for username, password, role, staff, superuser in DEMO_ACCOUNTS
        }
        editor = accounts["editor"]
        paths = sorted(DEMO_DIR.glob("*.txt"))
        results = [
            services.articles_upload(
                uploaded_by=editor, files=[(path.name, path.read_bytes())], metadata=DEMO_SOURCES.get(path.name)
            )[0]
            for path in paths
        ]
        created = sum(result.created for result in results)
        split = Article.objects.filter(pk__in=[r.article.pk for r in results], status=Article.Status.SPLIT).count()
        self.stdout.write(
            self.style.SUCCESS(f"Demo articles: {created} new, {len(results) - created} already there, {split} split.")
        )
        self.stdout.write("Demo accounts (username / password):")
        for username, password, role, _, superuser in DEMO_ACCOUNTS:
            what = "administrator (admin site)" if superuser else role
            token = services.api_token_ensure(user=accounts[username])
            self.stdout.write(f"  {username:9} / {password:20} {what:27} API token {token}")
