"""Admin for staff: every action calls a service, so admin changes obey the same rules and history as the app."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import roles, services
from articles.admin_scale import (
    EXPORT_ACTIONS,
    ArticleOutletFilter,
    EstimatedCountPaginator,
    ExportMatchingMixin,
    article_claim_counts,
)
from articles.models import Article, Claim, ClaimEvent, ClaimGroup, Evidence, ExportJob
from articles.reasons import MODEL_PREFIX, reasons_in_words
from articles.templatetags.fact_format import fact_reading


def _count_column(annotation: str, label: str):
    """A changelist column showing one of the claim counts that ``article_claim_counts`` annotates."""

    def column(modeladmin, article):
        return getattr(article, annotation)

    return admin.display(description=label, ordering=annotation)(column)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "published",
        "status",
        "claim_total",
        "verified_total",
        "disputed_total",
        "wrong_total",
        "unreviewed_total",
        "created_at",
    ]
    list_filter = ["status", "outlet", "published"]
    search_fields = ["title", "outlet", "author"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_hash",
        "status",
        "error",
        "split_attempts",
        "engine_version",
        "split_at",
        "status_changed_at",
        "uploaded_by",
        "original_name",
        "original_format",
        "created_at",
        "updated_at",
        "text",
    ]
    fields = ["title", "outlet", "author", "url", "published", "assigned_to", *readonly_fields]
    actions = ["split_again"]
    list_select_related = ["uploaded_by"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_queryset(self, request):
        # Correlated counts: a GROUP BY over the claims join would count every claim of the table for each page.
        return super().get_queryset(request).defer("original").annotate(**article_claim_counts())

    claim_total = _count_column("claim_total_", "claims")
    verified_total = _count_column("verified_total_", "verified")
    disputed_total = _count_column("disputed_total_", "disputed")
    wrong_total = _count_column("wrong_total_", "wrong")
    unreviewed_total = _count_column("unreviewed_total_", "unreviewed")

    def has_add_permission(self, request):
        # Articles come in through upload (browser, API, command) so that they are ingested and split.
        return False

    @admin.action(description="Split selected articles again", permissions=["change"])
    def split_again(self, request, queryset):
        count = services.articles_resplit(article_ids=queryset.values_list("pk", flat=True), actor=request.user)
        self.message_user(request, f"{count} article(s) queued to be split again.", messages.SUCCESS)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["url", "note", "added_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    fields = ["created_at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


def _review_action(status: str, label: str):
    def action(modeladmin, request, queryset):
        try:
            changed = services.claims_review(claims=queryset, status=status, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return
        unchanged = queryset.count() - changed
        message = f"Marked {changed} claim(s) {label}."
        if unchanged:
            message += f" {unchanged} already were."
        modeladmin.message_user(request, message, messages.SUCCESS)

    action.__name__ = f"mark_{status}"
    return admin.action(description=f"Mark selected claims {label}", permissions=["change"])(action)


class ClaimReviewForm(forms.ModelForm):
    """A reviewer's verdict and note on one claim, carrying the version they saw so a concurrent change is caught."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        fields = ["status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        current = Claim.objects.select_related("reviewer").get(pk=self.instance.pk)
        if cleaned.get("version") not in (None, current.version):
            raise forms.ValidationError(str(services.ReviewConflict(current)))
        return cleaned


@admin.register(Claim)
class ClaimAdmin(ExportMatchingMixin, admin.ModelAdmin):
    list_display = ["short_text", "article", "score", "kind", "status", "reviewer", "reviewed_at"]
    list_filter = ["status", "kind", "reviewer", ArticleOutletFilter]
    # icontains on PostgreSQL is served by the trigram index claim_text_trgm_idx (migration claim_search_trgm).
    search_fields = ["text"]
    paginator = EstimatedCountPaginator
    list_select_related = ["article", "reviewer"]
    raw_id_fields = ["article", "group"]
    show_full_result_count = False
    list_per_page = 100
    readonly_fields = [
        "article",
        "position",
        "text",
        "start",
        "end",
        "score",
        "kind",
        "facts_listed",
        "reasons_listed",
        "engine_version",
        "reviewer",
        "reviewed_at",
        "group",
    ]
    form = ClaimReviewForm
    inlines = [EvidenceInline, ClaimEventInline]
    actions = [
        _review_action(Claim.Status.VERIFIED, "verified"),
        _review_action(Claim.Status.DISPUTED, "disputed"),
        _review_action(Claim.Status.WRONG, "wrong"),
        _review_action(Claim.Status.NOT_A_CLAIM, "not a claim"),
        _review_action(Claim.Status.UNREVIEWED, "unreviewed"),
        *EXPORT_ACTIONS,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__text", "article__original")

    @admin.display(description="Facts")
    def facts_listed(self, obj):
        """One line per fact, as on the review page: "rate 8.2 per 100,000 people · offence “412 offences …”"."""
        if not obj.facts:
            return "-"
        lines = (
            (
                fact.get("type"),
                fact_reading(fact),
                f" · {fact['subject']}" if fact.get("subject") else "",
                fact.get("text", ""),
            )
            for fact in obj.facts
        )
        return format_html_join("", "<div><code>{}</code> <strong>{}</strong>{} “{}”</div>", lines)

    @admin.display(description="Reasons")
    def reasons_listed(self, obj):
        """The model's own score, then one reason per line in the review page's words."""
        model = next(
            (reason.removeprefix(MODEL_PREFIX) for reason in obj.reasons if reason.startswith(MODEL_PREFIX)), None
        )
        lines = [f"model score {model} before facts" if model else None, *reasons_in_words(obj.reasons)]
        if not any(lines):
            return "-"
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines if line))

    def get_readonly_fields(self, request, obj=None):
        if roles.is_reviewer(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, "status", "note"]

    def save_model(self, request, obj, form, change):
        """The verdict goes through the review service (history row, version check), never ``obj.save()``."""
        if "status" not in form.cleaned_data:
            return
        try:
            services.claim_review(
                claim_id=obj.pk,
                actor=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ReviewConflict as conflict:
            # Lost a race that started after the form was validated: say so instead of reporting success.
            request.claim_review_conflict = str(conflict)

    def response_change(self, request, obj):
        conflict = getattr(request, "claim_review_conflict", None)
        if conflict:
            self.message_user(request, conflict, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim):
        return claim.text if len(claim.text) <= 120 else claim.text[:117] + "…"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Readable by staff, writable by nobody: the rows are written by services alone."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdmin):
    """The history is append-only."""

    list_display = ["created_at", "claim", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "to_status"]
    list_select_related = ["claim", "actor"]
    show_full_result_count = False
    # Newest first along the primary key: ordering by created_at would sort the whole history for every page.
    ordering = ["-id"]
    paginator = EstimatedCountPaginator


# --- Cross-article groups -------------------------------------------------------------------------------------


class GroupReviewedFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [
            ("no", "Unreviewed (not confirmed)"),
            ("yes", "Confirmed by a reviewer"),
            ("pending", "Has unreviewed claims"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(unreviewed_count__gt=0)
        return queryset


class GroupSizeFilter(admin.SimpleListFilter):
    title = "size"
    parameter_name = "size"
    BUCKETS = {"2": (2, 2), "3-5": (3, 5), "6+": (6, None)}

    def lookups(self, request, model_admin):
        return [(key, f"{key} claims") for key in self.BUCKETS]

    def queryset(self, request, queryset):
        if self.value() not in self.BUCKETS:
            return queryset
        low, high = self.BUCKETS[self.value()]
        queryset = queryset.filter(size__gte=low)
        return queryset if high is None else queryset.filter(size__lte=high)


class ClaimInGroupInline(admin.TabularInline):
    model = Claim
    fields = ["text", "article", "status", "reviewer"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "reviewer").defer("article__text")


@admin.register(ClaimGroup)
class ClaimGroupAdmin(admin.ModelAdmin):
    list_display = ["subject", "fact_type", "is_contradiction", "size", "article_count", "explanation", "confirmed_by"]
    list_filter = ["is_contradiction", GroupReviewedFilter, GroupSizeFilter, "fact_type"]
    search_fields = ["subject", "key", "explanation"]
    readonly_fields = [
        "key",
        "fact_type",
        "concept",
        "subject",
        "unit",
        "is_contradiction",
        "explanation",
        "size",
        "article_count",
        "confirmed_by",
        "confirmed_at",
    ]
    inlines = [ClaimInGroupInline]
    actions = ["apply_verdict"]
    ordering = ["-is_contradiction", "-updated_at"]

    def get_queryset(self, request):
        unreviewed = Count("claims", filter=Q(claims__status=Claim.Status.UNREVIEWED))
        return super().get_queryset(request).select_related("confirmed_by").annotate(unreviewed_count=unreviewed)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Apply a verdict to every claim in the selected groups", permissions=["change"])
    def apply_verdict(self, request, queryset):
        """A confirmation page first (how many claims, which verdict); only the confirmed POST changes anything."""
        from django.template.response import TemplateResponse

        statuses = [(value, label) for value, label in Claim.Status.choices if value != Claim.Status.UNREVIEWED]
        status = request.POST.get("verdict", "")
        if request.POST.get("confirmed") == "yes" and status:
            try:
                changed = services.claim_groups_review(
                    group_ids=queryset.values_list("pk", flat=True),
                    status=status,
                    actor=request.user,
                    note=request.POST.get("note", ""),
                )
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                return None
            self.message_user(request, f"Marked {changed} claim(s) “{status}”.", messages.SUCCESS)
            return None
        groups = list(queryset.annotate(member_total=Count("claims")))
        context = {
            **self.admin_site.each_context(request),
            "title": "Apply a verdict to whole groups",
            "groups": groups,
            "claim_total": sum(group.member_total for group in groups),
            "statuses": statuses,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/claimgroup/apply_verdict.html", context)


# --- Background exports -------------------------------------------------------------------------------------------


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    """Read-only: jobs are created through the export service (the claim list's background button, the API)."""

    list_display = ["id", "requested_by", "format", "status", "progress", "size_bytes", "created_at", "download"]
    list_filter = ["status", "format"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "format",
        "filters",
        "requested_by",
        "status",
        "progress",
        "rows_written",
        "rows_expected",
        "attempts",
        "error",
        "file_name",
        "size_bytes",
        "created_at",
        "started_at",
        "finished_at",
        "download",
    ]
    fields = readonly_fields

    @admin.display(description="progress")
    def progress(self, job):
        if job.rows_expected is None:
            return f"{job.rows_written:,} rows"
        return f"{job.rows_written:,} of {job.rows_expected:,} rows"

    @admin.display(description="file")
    def download(self, job):
        if job.status != ExportJob.Status.DONE:
            return "—"
        return format_html('<a href="{}">Download</a>', reverse("export-download", args=[job.pk]))
