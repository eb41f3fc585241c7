from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Fact-checking desk"

    def ready(self):
        from articles.roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="articles.ensure_groups")
