import django_filters

from articles.models import Article, Claim


class ArticleFilter(django_filters.FilterSet):
    published_after = django_filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published", lookup_expr="lte")
    search = django_filters.CharFilter(method="filter_search", label="Title, outlet or author contains")

    class Meta:
        model = Article
        fields = ["status", "outlet"]

    def filter_search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(outlet__icontains=value) | Q(author__icontains=value))


class ClaimFilter(django_filters.FilterSet):
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    search = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="Claim text contains")
    reviewer = django_filters.NumberFilter(field_name="reviewer_id")
    article = django_filters.NumberFilter(field_name="article_id")
    outlet = django_filters.CharFilter(field_name="article__outlet")

    class Meta:
        model = Claim
        fields = ["article", "status", "kind", "reviewer", "group"]
