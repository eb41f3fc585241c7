"""Admin at newsroom scale: changelists that never count a million rows, list filters that read small tables,
export actions that stream, and exports handed to a worker when they are too large to wait for.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import IntegerField, OuterRef, Subquery
from django.http import (
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    QueryDict,
    StreamingHttpResponse,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property

from articles import exports, services
from articles.models import Article, Claim, ExportJob

# Counting more rows than this costs more than a page is worth; a changelist shows "10000" pages-worth at most,
# while actions on "all matching" still act on every matching row (they use the queryset, not the count).
COUNT_CAP = 10_000
# Below this many rows an exact count is cheap, and small tables (tests, demos) get exact figures.
ESTIMATE_ABOVE = 100_000


class EstimatedCountPaginator(Paginator):
    """Paginates without a full-table COUNT: the planner's row estimate when unfiltered, a capped count otherwise."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if connection.vendor == "postgresql" and not queryset.query.where:
            estimate = _estimated_rows(queryset.model._meta.db_table)
            if estimate > ESTIMATE_ABOVE:
                return estimate
        return queryset.order_by().values("pk")[:COUNT_CAP].count()

    @cached_property
    def num_pages(self) -> int:
        # OFFSET reads every row it skips: page 10,000 of a million claims would take seconds. Past the cap, a
        # filter or a search is the way in, and the count shown stays the table's.
        return min(super().num_pages, max(1, -(-COUNT_CAP // self.per_page)))


def _estimated_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [table])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] and row[0] > 0 else 0


class ArticleOutletFilter(admin.SimpleListFilter):
    """Outlets listed from the articles table: Django's default would scan every claim for DISTINCT outlets."""

    title = "outlet"
    parameter_name = "article__outlet"
    max_outlets = 200

    def lookups(self, request, model_admin):
        outlets = (Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct())[
            : self.max_outlets
        ]
        return [(outlet, outlet) for outlet in outlets]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__outlet=self.value())
        return queryset


def export_response(claims, export_format: str, request) -> StreamingHttpResponse:
    stream = exports.export_stream(claims, export_format, base_url=request.build_absolute_uri("/"))
    response = StreamingHttpResponse(stream, content_type=exports.FORMATS[export_format].content_type)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(export_format, stamp)}"'
    return response


def export_action(export_format: str, label: str):
    """An admin action streaming the selected claims (or every claim matching the filter, with "select all")."""

    def action(modeladmin, request, queryset):
        return export_response(queryset, export_format, request)

    action.__name__ = f"export_{export_format}"
    return admin.action(description=f"Export selected claims as {label}", permissions=["view"])(action)


EXPORT_ACTIONS = [
    export_action("csv", "CSV"),
    export_action("ndjson", "NDJSON"),
    export_action("json", "JSON"),
    export_action("claimreview", "ClaimReview JSON-LD"),
]


class ExportMatchingMixin:
    """Adds ``<changelist>/export/?format=...&<the changelist's filters>``: every claim the changelist shows."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.export_matching_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        background = self.admin_site.admin_view(self.export_background_view)
        return [
            path("export/", view, name=name),
            path("export-background/", background, name=f"{name}_background"),
            *super().get_urls(),
        ]

    def export_matching_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        request.GET = request.GET.copy()
        export_format = request.GET.pop("format", ["csv"])[-1]
        if export_format not in exports.FORMATS:
            return HttpResponseBadRequest(f"Unknown format; use one of: {', '.join(sorted(exports.FORMATS))}.")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("These filters do not apply to claims.")
        return export_response(changelist.get_queryset(request), export_format, request)

    def export_background_view(self, request):
        """POST: queue an ExportJob of every claim the changelist shows, for a worker to write to a file."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = QueryDict(request.POST.get("query", ""))
        try:
            job = services.export_job_request(
                actor=request.user,
                format=request.POST.get("format", "csv"),
                filters=api_filters_from_changelist(query),
                base_url=request.build_absolute_uri("/"),
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            return HttpResponseRedirect(f"{changelist}?{query.urlencode()}" if query else changelist)
        job.refresh_from_db()  # without a broker the export has already run, in this request
        if job.status == job.Status.DONE:
            message = f"Export #{job.pk} ({job.format}) is ready: {job.rows_written} rows, downloadable below."
        else:
            message = f"Export #{job.pk} ({job.format}) is queued; a worker writes it, and this page links the file."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_exportjob_change", args=[job.pk]))

    def changelist_view(self, request, extra_context=None):
        query = request.GET.copy()
        extra_context = {
            **(extra_context or {}),
            "export_formats": [
                (name, f"export/?{_with_format(query, name)}") for name in ("csv", "ndjson", "json", "claimreview")
            ],
            "export_background_query": query.urlencode(),
            "export_background_formats": ExportJob.Format.choices,
        }
        return super().changelist_view(request, extra_context)


# The claim changelist's filter parameters and the claims list's (API) names for the same filters. A background
# export stores the API's, so that its file is the one GET /api/claims/export/ would stream.
CHANGELIST_TO_API_FILTERS = {
    "status__exact": "status",
    "kind__exact": "kind",
    "reviewer__id__exact": "reviewer",
    "article__outlet": "outlet",
    "article__id__exact": "article",
    "group__id__exact": "group",
    "q": "search",
}
# Display parameters: which page, which order, popups. They do not change which claims are exported.
CHANGELIST_DISPLAY_PARAMETERS = {"p", "o", "e", "_to_field", "_popup"}


def api_filters_from_changelist(query: QueryDict) -> dict[str, str]:
    """The API filters for a changelist's query string; ValidationError naming any filter that has none."""
    filters = {}
    unsupported = []
    for name, value in query.items():
        if name in CHANGELIST_DISPLAY_PARAMETERS:
            continue
        if name not in CHANGELIST_TO_API_FILTERS:
            unsupported.append(name)
            continue
        if name == "q" and len(value.split()) > 1:
            # The admin finds claims holding every word; the claims list's search finds the words as one phrase.
            raise ValidationError("A background export searches for one word or phrase: search for a single word.")
        filters[CHANGELIST_TO_API_FILTERS[name]] = value
    if unsupported:
        raise ValidationError(
            f"A background export cannot apply the filter(s) {', '.join(sorted(unsupported))}; "
            "use the Export all matching buttons, or remove them."
        )
    return filters


def _with_format(query, export_format: str) -> str:
    query = query.copy()
    query["format"] = export_format
    return query.urlencode()


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery: computed for the rows of one page, not aggregated over a whole join."""

    template = "(SELECT count(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def article_claim_counts(prefix: str = "", suffix: str = "_total_") -> dict:
    """Per-article claim counts (all, and per verdict) for article changelists, one page at a time."""
    claims = Claim.objects.filter(article=OuterRef("pk")).order_by().values("pk")
    counts = {f"{prefix}claim{suffix}": SubqueryCount(claims)}
    for status in ("verified", "disputed", "wrong", "unreviewed"):
        counts[f"{prefix}{status}{suffix}"] = SubqueryCount(claims.filter(status=status))
    return counts
