"""The editorial domain: articles, the claims split from them, their history and evidence.

Models hold data and its constraints only; every change goes through ``articles.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SPLITTING = "splitting", "Splitting"
        SPLIT = "split", "Split"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField()
    original = models.BinaryField(blank=True, editable=False)
    original_name = models.CharField(max_length=255, blank=True)
    original_format = models.CharField(max_length=10, blank=True)
    content_hash = models.CharField(max_length=64, unique=True)

    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    error = models.TextField(blank=True)
    split_attempts = models.PositiveSmallIntegerField(default=0)
    engine_version = models.CharField(max_length=20, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    split_at = models.DateTimeField(null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploaded_articles"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="article_status_idx"),
            models.Index(fields=["-created_at", "-id"], name="article_created_idx"),
            models.Index(fields=["outlet"], name="article_outlet_idx"),
            models.Index(fields=["published"], name="article_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ClaimGroup(models.Model):
    """Claims from different articles about the same fact (same subject, same kind of value)."""

    key = models.CharField(max_length=300, unique=True)
    fact_type = models.CharField(max_length=30)
    subject = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    is_contradiction = models.BooleanField(default=False)
    explanation = models.TextField(blank=True)
    # Cross-article matching (articles.matching): what the facts measure, how many claims and articles say it,
    # and the reviewer who confirmed the grouping.
    concept = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    article_count = models.PositiveIntegerField(default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="confirmed_groups"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["is_contradiction", "-updated_at"], name="group_contradiction_idx"),
            models.Index(fields=["-size"], name="group_size_idx"),
        ]

    def __str__(self) -> str:
        return self.subject or self.key


class Claim(models.Model):
    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        VERIFIED = "verified", "Verified"
        DISPUTED = "disputed", "Disputed"
        WRONG = "wrong", "Wrong"
        NOT_A_CLAIM = "not_a_claim", "Not a claim"

    class Kind(models.TextChoices):
        QUANTITY = "quantity", "Quantity"
        COMPARISON = "comparison", "Comparison or rank"
        PREDICTION = "prediction", "Prediction"
        CAUSATION = "causation", "Correlation or causation"
        RULE = "rule", "Laws or rules"
        ATTRIBUTION = "attribution", "Attribution or quote"
        EVENT = "event", "Event"
        PERSONAL = "personal", "Personal experience"
        OTHER = "other", "Other"

    # Indexes that a composite index below already leads with are left out: every split writes ~25 claims, and
    # each index is written for each of them.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims", db_index=False)
    position = models.IntegerField()
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    score = models.FloatField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    facts = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    engine_version = models.CharField(max_length=20, blank=True)

    status = models.CharField(max_length=12, choices=Status, default=Status.UNREVIEWED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_claims",
        db_index=False,  # claim_reviewer_idx
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    # Optimistic locking: every saved change increments it; a save that names an older version is a conflict.
    version = models.PositiveIntegerField(default=1)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    group = models.ForeignKey(ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="claim_unique_position"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="claim_span_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "-score", "id"], name="claim_queue_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
            models.Index(fields=["reviewer"], name="claim_reviewer_idx"),
            models.Index(fields=["-score"], name="claim_score_idx"),
            models.Index(fields=["reviewed_at"], name="claim_reviewed_at_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ClaimEvent(models.Model):
    """Append-only history: one row for every change of a claim's verdict, note, evidence or grouping."""

    class Action(models.TextChoices):
        REVIEW = "review", "Verdict"
        NOTE = "note", "Note"
        EVIDENCE_ADDED = "evidence_added", "Evidence added"
        EVIDENCE_REMOVED = "evidence_removed", "Evidence removed"
        UNDO = "undo", "Undo"
        GROUP = "group", "Grouping"
        ASSIGN = "assign", "Assignment"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events", db_index=False)  # event_claim_idx
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="claim_events"
    )
    action = models.CharField(max_length=20, choices=Action, default=Action.REVIEW)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="event_claim_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.from_status} -> {self.to_status}"


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.url


# --- Cross-article matching -----------------------------------------------------------------------------------


class ClaimMatchKey(models.Model):
    """One blocking key of one fact of a claim (``duration|time|partnership|huawei``), written after a split.

    Matching a new article is one indexed ``key IN (...)`` lookup here; ``fact`` holds the engine's
    ``MatchFact`` so that candidates are compared without re-reading their articles.
    """

    key = models.CharField(max_length=300)
    # match_key_unique leads with the claim: no index of its own.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_keys", db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    fact_index = models.PositiveSmallIntegerField()
    fact_type = models.CharField(max_length=30)
    fact = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "fact_index", "key"], name="match_key_unique"),
        ]
        indexes = [
            models.Index(fields=["key", "article"], name="match_key_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class ClaimGroupExclusion(models.Model):
    """A match a reviewer broke: this claim is never put in the group with this key again."""

    group_key = models.CharField(max_length=300)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="group_exclusions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group_key", "claim"], name="group_exclusion_unique")]

    def __str__(self) -> str:
        return f"{self.claim_id} not in {self.group_key}"


# --- Background exports -------------------------------------------------------------------------------------------


class ExportJob(models.Model):
    """An export written to a file by a worker (queue ``export``), for exports too large to wait for in a browser.

    The file holds the same bytes as ``GET /api/claims/export/`` with the same format and filters.
    """

    class Format(models.TextChoices):
        # The formats of ``articles.exports.FORMATS`` (a test keeps the two in step).
        CSV = "csv", "CSV"
        NDJSON = "ndjson", "NDJSON"
        JSON = "json", "JSON"
        CLAIMREVIEW = "claimreview", "ClaimReview JSON-LD"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        # Done, and its file deleted once EXPORT_KEEP_FOR had passed.
        EXPIRED = "expired", "Expired"

    format = models.CharField(max_length=12, choices=Format)
    # The claims list's filter parameters as given (``{"status": "wrong", "min_score": "0.8"}``), applied again by
    # the worker through the same FilterSet.
    filters = models.JSONField(default=dict, blank=True)
    # Scheme and host of the request, for the absolute ClaimReview urls the streamed export writes.
    base_url = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")

    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    rows_written = models.PositiveBigIntegerField(default=0)
    rows_expected = models.PositiveBigIntegerField(null=True, blank=True)
    # Relative to settings.EXPORTS_DIR; set once the finished file is in place.
    file_name = models.CharField(max_length=255, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign that someone is on the job: queued, started, progress recorded. A queued or running job silent
    # for EXPORT_STUCK_AFTER has lost its message or its worker, and the sweeper sends it again.
    heartbeat_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            # "My exports", newest first, as the API pages them.
            models.Index(fields=["requested_by", "-id"], name="exportjob_requester_idx"),
            models.Index(fields=["status", "created_at"], name="exportjob_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Export #{self.pk} ({self.format}, {self.status})"
