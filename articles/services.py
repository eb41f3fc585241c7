"""Every write of the desk. Admin actions, API views, browser views, commands and tasks call these functions and
nothing else changes state. Each function owns its transaction and validates before it saves.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, connection, connections, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

import claim_engine
from articles import bulk_insert, ingest, roles, selectors
from articles.models import Article, Claim, ClaimEvent, ClaimGroup, Evidence, ExportJob

logger = logging.getLogger(__name__)

REVIEW_STATUSES = frozenset(Claim.Status.values)
# Read once: ``Kind.values`` builds a new list on every access, and a split checks every claim it writes.
_CLAIM_KINDS = frozenset(Claim.Kind.values)


class ReviewConflict(Exception):
    """The claim changed since the reviewer loaded it; nothing was saved."""

    def __init__(self, claim: Claim):
        self.claim = claim
        reviewer = claim.reviewer.get_username() if claim.reviewer else "someone"
        super().__init__(
            f"This claim was changed by {reviewer} while you were looking at it: it is now "
            f"“{claim.get_status_display()}” (version {claim.version}). Reload to see their change."
        )


@dataclass(frozen=True)
class CreatedArticle:
    article: Article
    created: bool


# --- Articles -------------------------------------------------------------------------------------------------


def article_create(
    *, document: ingest.Document, uploaded_by: AbstractBaseUser | None, original: bytes = b""
) -> CreatedArticle:
    """Store one ingested document and enqueue its split; the same text uploaded again returns the stored article."""
    return articles_create(documents=[(document, original)], uploaded_by=uploaded_by)[0]


def articles_create(
    *, documents: Sequence[tuple[ingest.Document, bytes]], uploaded_by: AbstractBaseUser | None
) -> list[CreatedArticle]:
    """Store several documents all-or-nothing. Splits are enqueued only once the whole batch has committed."""
    _require_uploader(uploaded_by)
    with transaction.atomic():
        results = _articles_store(documents, uploaded_by)
    for result in results:
        if result.created:
            _enqueue_split(result.article.pk)
    return results


@dataclass(frozen=True)
class ImportedFile:
    """What became of one file of an import: a new article, a duplicate of a stored one, or an error to show."""

    name: str
    article_id: int | None = None
    created: bool = False
    error: str = ""


def articles_import(*, files: Sequence[tuple[str, bytes]], uploaded_by: AbstractBaseUser | None) -> list[ImportedFile]:
    """Store each readable file as an article, one transaction for the lot; unreadable files are reported, not fatal.

    Unlike ``articles_upload`` (a person's upload, all or nothing), a bulk import keeps every good file of a folder
    and says why each bad one was refused.
    """
    _require_uploader(uploaded_by)
    outcomes: dict[int, ImportedFile] = {}
    readable: list[tuple[int, ingest.Document, bytes]] = []
    for index, (name, data) in enumerate(files):
        try:
            document = ingest.document_from_upload(name, data, max_bytes=settings.UPLOAD_MAX_FILE_BYTES)
        except ingest.IngestError as error:
            outcomes[index] = ImportedFile(name, error=str(error))
        else:
            readable.append((index, document, data))
    with transaction.atomic():
        stored = _articles_store([(document, data) for _, document, data in readable], uploaded_by)
    for (index, _, _), result in zip(readable, stored, strict=True):
        outcomes[index] = ImportedFile(files[index][0], article_id=result.article.pk, created=result.created)
        if result.created:
            _enqueue_split(result.article.pk)
    return [outcomes[index] for index in range(len(files))]


def _require_uploader(uploaded_by: AbstractBaseUser | None) -> None:
    if uploaded_by is not None and not (roles.is_editor(uploaded_by) or uploaded_by.is_staff):
        raise PermissionDenied("Only editors can upload articles.")


def articles_upload(
    *,
    uploaded_by: AbstractBaseUser | None,
    files: Sequence[tuple[str, bytes]] = (),
    text: str | None = None,
    metadata: dict | None = None,
) -> list[CreatedArticle]:
    """Ingest uploaded files and/or pasted text and store them all, or none if any of them cannot be read.

    ``metadata`` (title, outlet, author, url, published) describes pasted text and fills in what a file does not
    say about itself.
    """
    metadata = {key: value for key, value in (metadata or {}).items() if value}
    documents: list[tuple[ingest.Document, bytes]] = []
    errors: list[str] = []
    for name, data in files:
        try:
            document = ingest.document_from_upload(name, data, max_bytes=settings.UPLOAD_MAX_FILE_BYTES)
        except ingest.IngestError as error:
            errors.append(str(error))
            continue
        missing = {key: value for key, value in metadata.items() if not getattr(document, key)}
        documents.append((dataclasses.replace(document, **missing), data))
    if text is not None:
        try:
            documents.append((ingest.document_from_text(text, **metadata), b""))
        except ingest.IngestError as error:
            errors.append(str(error))
    if errors:
        raise ValidationError(errors)
    if not documents:
        raise ValidationError("Nothing to upload: add a file or paste the article's text.")
    return articles_create(documents=documents, uploaded_by=uploaded_by)


def _articles_store(documents: Sequence[tuple[ingest.Document, bytes]], uploaded_by) -> list[CreatedArticle]:
    """Store documents whose text is not stored yet, inside the caller's transaction: one look-up for the
    duplicates and one INSERT for the rest, however many there are. A text repeated within the batch is stored once.
    """
    hashes = [ingest.content_hash(document.text) for document, _ in documents]
    stored = {
        article.content_hash: article
        for article in Article.objects.filter(content_hash__in=set(hashes)).defer("text", "original")
    }
    fresh: dict[str, Article] = {}
    for (document, original), content_hash in zip(documents, hashes, strict=True):
        if content_hash not in stored and content_hash not in fresh:
            fresh[content_hash] = _article_from_document(document, original, content_hash, uploaded_by)
    try:
        # A savepoint, so that losing a race with an identical concurrent upload does not poison the caller's batch.
        with transaction.atomic():
            Article.objects.bulk_create(fresh.values(), batch_size=500)
    except IntegrityError:
        return [_article_get_or_create(document, original, uploaded_by) for document, original in documents]
    results: list[CreatedArticle] = []
    for content_hash in hashes:
        if content_hash in fresh:
            stored[content_hash] = fresh.pop(content_hash)
            results.append(CreatedArticle(stored[content_hash], created=True))
        else:
            results.append(CreatedArticle(stored[content_hash], created=False))
    return results


def _article_get_or_create(document: ingest.Document, original: bytes, uploaded_by) -> CreatedArticle:
    content_hash = ingest.content_hash(document.text)
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        return CreatedArticle(existing, created=False)
    article = _article_from_document(document, original, content_hash, uploaded_by)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        return CreatedArticle(Article.objects.get(content_hash=content_hash), created=False)
    return CreatedArticle(article, created=True)


def _article_from_document(document: ingest.Document, original: bytes, content_hash: str, uploaded_by) -> Article:
    return Article(
        title=(document.title or _title_from_text(document.text))[:500],
        outlet=document.outlet[:200],
        author=document.author[:200],
        url=document.url[:2000],
        published=document.published,
        text=document.text,
        original=original,
        original_name=(document.filename or "")[:255],
        original_format=document.format,
        content_hash=content_hash,
        uploaded_by=uploaded_by,
    )


def _title_from_text(text: str) -> str:
    first_line = text.strip().split("\n", 1)[0]
    return first_line if len(first_line) <= 120 else first_line[:117].rsplit(" ", 1)[0] + "…"


def _enqueue_on_commit(task, object_id: int, *, what: str, recovery: str, if_unsent=None) -> None:
    """Send ``task(object_id)`` once the current transaction commits. A broker that is down must not undo what was
    stored, so a failed send is logged with ``recovery``, what brings the work back, and ``if_unsent()`` runs."""

    def send() -> None:
        try:
            task.delay(object_id)
        except Exception:
            logger.warning("Could not enqueue %s %s; %s", what, object_id, recovery, exc_info=True)
            if if_unsent is not None:
                if_unsent()

    transaction.on_commit(send)


def _enqueue_split(article_id: int) -> None:
    from articles.tasks import split_article_task

    _enqueue_on_commit(split_article_task, article_id, what="split of article", recovery="the sweeper will retry")


def articles_resplit(*, article_ids: Iterable[int], actor: AbstractBaseUser | None, enqueue: bool = True) -> int:
    """Queue articles to be split again (after an engine upgrade, or a failure). Verdicts of unchanged claims stay.

    With ``enqueue=False`` the caller splits them itself (``split_claims --now``).
    """
    if actor is not None and not (actor.is_staff or roles.is_editor(actor)):
        raise PermissionDenied("Only editors and staff can split articles again.")
    ids = list(article_ids)
    with transaction.atomic():
        changed = Article.objects.filter(pk__in=ids).update(
            status=Article.Status.QUEUED,
            error="",
            split_attempts=0,
            engine_version="",
            status_changed_at=timezone.now(),
        )
    if enqueue:
        for article_id in ids:
            _enqueue_split(article_id)
    return changed


def article_delete(*, article: Article, actor: AbstractBaseUser) -> None:
    if not roles.can_manage_article(actor, article):
        raise PermissionDenied("Only the editor who uploaded this article, or staff, can delete it.")
    article.delete()


def articles_requeue_stuck(*, now=None) -> list[int]:
    """Re-enqueue articles left queued or splitting past the deadline (lost broker message, dead worker).

    The database, not the broker, remembers what work is outstanding: a Redis restart without persistence loses
    every queued task, and this sweep puts them back.
    """
    now = now or timezone.now()
    deadline = now - settings.SPLIT_STUCK_AFTER
    with transaction.atomic():
        stuck = list(
            Article.objects.select_for_update(skip_locked=True)
            .filter(status__in=[Article.Status.QUEUED, Article.Status.SPLITTING], status_changed_at__lt=deadline)
            .values_list("pk", flat=True)[:500]
        )
        Article.objects.filter(pk__in=stuck).update(status=Article.Status.QUEUED, status_changed_at=now)
    for article_id in stuck:
        _enqueue_split(article_id)
    if stuck:
        logger.info("Re-enqueued %d stuck articles: %s", len(stuck), stuck)
    return stuck


# --- Splitting ------------------------------------------------------------------------------------------------


class SplitOutcome:
    SPLIT = "split"
    ALREADY_SPLIT = "already_split"
    BUSY = "busy"
    MISSING = "missing"
    FAILED = "failed"


def article_split(*, article_id: int) -> str:
    """Split an article into claims, exactly once however often the task is delivered.

    A committed attempt counter first (so that an article that kills its worker every time ends ``failed``), then
    one transaction that holds the article's row lock while it writes the claims: a concurrent second delivery
    finds the row locked and does nothing, a later one finds the article split with the same text and engine.
    """
    attempts = _split_attempt_start(article_id)
    if attempts is None:
        return (
            SplitOutcome.MISSING if not Article.objects.filter(pk=article_id).exists() else SplitOutcome.ALREADY_SPLIT
        )
    if attempts > settings.SPLIT_MAX_ATTEMPTS:
        _split_fail(article_id, f"Gave up after {attempts - 1} attempts that did not finish (the worker died).")
        return SplitOutcome.FAILED

    try:
        with transaction.atomic():
            article = _article_lock_for_split(article_id)
            if article is None:
                logger.info("Article %s was deleted before it could be split", article_id)
                return SplitOutcome.MISSING
            if article.status == Article.Status.SPLIT and article.engine_version == claim_engine.ENGINE_VERSION:
                return SplitOutcome.ALREADY_SPLIT
            try:
                found = claim_engine.extract_claims(article.text, published=article.published)
            except Exception as error:
                logger.exception("Claim engine failed on article %s", article_id)
                raise _PermanentSplitError(f"The claim engine could not read this text: {error}") from error
            _claims_replace(article, found)
            _article_mark_split(article_id)
    except OperationalError as error:
        if _is_lock_not_available(error):
            logger.info("Article %s is being split by another worker; this delivery does nothing", article_id)
            return SplitOutcome.BUSY
        raise
    except _PermanentSplitError as error:
        _split_fail(article_id, str(error))
        return SplitOutcome.FAILED
    _after_split(article_id)
    return SplitOutcome.SPLIT


class _PermanentSplitError(Exception):
    pass


# The columns a split reads: the uploaded original (a PDF can be megabytes) is not needed to split the text.
_SPLIT_COLUMNS = ("id", "text", "published", "status", "engine_version", "split_at")
_SELECT_FOR_SPLIT = "SELECT id, text, published, status, engine_version, split_at FROM articles_article WHERE id = %s"
# On PostgreSQL the same statement takes the row lock (NOWAIT: a second delivery of the task gives up at once
# instead of queueing behind the first) and lets this transaction's COMMIT return before its WAL reaches the disk.
_LOCK_FOR_SPLIT_POSTGRESQL = (
    "SELECT id, text, published, status, engine_version, split_at, set_config('synchronous_commit', 'off', true) "
    "FROM articles_article WHERE id = %s FOR UPDATE NOWAIT"
)


def _article_lock_for_split(article_id: int) -> Article | None:
    """The article, its row locked for this transaction, or None when it is gone.

    One raw statement rather than the ORM's, because a worker runs it for every article of a large import. A split
    is derived data, so its commit need not wait for the disk: if the server crashed in the moment before the flush,
    the article would be back to "splitting" with no claims and the sweeper would split it again. Verdicts, uploads
    and every other write keep the durable commit. SQLite, the embedded default, has one writer and no row locks.
    """
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_FOR_SPLIT_POSTGRESQL if _is_postgresql() else _SELECT_FOR_SPLIT, [article_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_SPLIT_COLUMNS, row, strict=False))
    for name in ("published", "split_at"):
        values[name] = Article._meta.get_field(name).to_python(values[name])
    return Article(**values)


def _article_mark_split(article_id: int) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET status = %s, error = '', engine_version = %s, split_at = %s, "
            "status_changed_at = %s WHERE id = %s",
            [Article.Status.SPLIT, claim_engine.ENGINE_VERSION, now, now, article_id],
        )


def _split_attempt_start(article_id: int) -> int | None:
    """Mark the article splitting and count the attempt, committed at once. None when there is nothing to do."""
    # One UPDATE ... RETURNING in autocommit: a single round trip, where the ORM would need four.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET status = %s, split_attempts = split_attempts + 1, "
            "status_changed_at = %s WHERE id = %s AND status <> %s AND NOT (status = %s AND engine_version = %s) "
            "RETURNING split_attempts",
            [
                Article.Status.SPLITTING,
                timezone.now(),
                article_id,
                Article.Status.FAILED,
                Article.Status.SPLIT,
                claim_engine.ENGINE_VERSION,
            ],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _split_fail(article_id: int, reason: str) -> None:
    with transaction.atomic():
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED, error=reason[:2000], status_changed_at=timezone.now()
        )


def split_mark_failed(*, article_id: int, reason: str) -> None:
    """Called by the task when it gives up (time limit, retries exhausted)."""
    _split_fail(article_id, reason)


def _is_lock_not_available(error: OperationalError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "55P03"  # lock_not_available


def _claims_replace(article: Article, found: Sequence[claim_engine.Claim]) -> None:
    """Write the engine's claims, keeping the row (and so the verdict and history) of every claim whose text is
    unchanged since the last split, and removing claims the new split no longer finds."""
    existing: dict[str, list[Claim]] = {}
    # Claims exist only once a split has committed, which sets split_at: a first split has nothing to look up.
    stored = Claim.objects.filter(article=article).order_by("position") if article.split_at else ()
    for claim in stored:
        existing.setdefault(claim.text, []).append(claim)

    kept: list[Claim] = []
    new: list[dict] = []
    for position, found_claim in enumerate(found):
        fields = {
            "position": position,
            "text": found_claim.text,
            "start": found_claim.start,
            "end": found_claim.end,
            "score": found_claim.score,
            "kind": found_claim.kind if found_claim.kind in _CLAIM_KINDS else Claim.Kind.OTHER,
            "facts": [fact.to_dict() for fact in found_claim.facts],
            "reasons": list(found_claim.reasons),
            "engine_version": claim_engine.ENGINE_VERSION,
        }
        same_text = existing.get(found_claim.text)
        if same_text:
            claim = same_text.pop(0)
            for name, value in fields.items():
                setattr(claim, name, value)
            kept.append(claim)
        else:
            new.append(fields)

    gone = [claim.pk for claims in existing.values() for claim in claims]
    if gone:
        Claim.objects.filter(pk__in=gone).delete()
    if kept:
        # Positions are unique per article: park kept rows on negative positions first so that reordering them
        # never collides with a neighbour's old position.
        Claim.objects.filter(pk__in=[claim.pk for claim in kept]).update(position=-F("position") - 1)
        Claim.objects.bulk_update(
            kept, ["position", "text", "start", "end", "score", "kind", "facts", "reasons", "engine_version"]
        )
    _claims_insert(article, new)


def _claims_insert(article: Article, new: list[dict]) -> None:
    """Insert the new claims of one split in one statement (COPY on PostgreSQL)."""
    if not new:
        return
    defaults = bulk_insert.unset_columns(Claim, ["article_id", *new[0]], now=timezone.now())
    columns = ["article_id", *new[0], *defaults]
    rest = tuple(defaults.values())
    bulk_insert.insert_rows(Claim, columns, [(article.pk, *fields.values(), *rest) for fields in new])


def _after_split(article_id: int) -> None:
    """Match the new claims against other articles' in the worker, once the split has committed."""
    from articles.tasks import match_article_task

    _enqueue_on_commit(
        match_article_task, article_id, what="matching of article", recovery="find_contradictions --rematch"
    )


# --- Reviewing ------------------------------------------------------------------------------------------------


def _require_reviewer(actor: AbstractBaseUser) -> None:
    if not (roles.is_reviewer(actor) or actor.is_superuser):
        raise PermissionDenied("Only reviewers can review claims.")


def _validate_status(status: str) -> None:
    if status not in REVIEW_STATUSES:
        raise ValidationError(f"Unknown verdict “{status}”; use one of: {', '.join(sorted(REVIEW_STATUSES))}.")


def claim_review(
    *,
    claim_id: int,
    actor: AbstractBaseUser,
    status: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Set a claim's verdict and/or note. With ``expected_version``, a claim changed meanwhile raises
    ``ReviewConflict`` and nothing is saved."""
    _require_reviewer(actor)
    if status is not None:
        _validate_status(status)
    with transaction.atomic():
        claim = Claim.objects.select_for_update(of=("self",)).select_related("reviewer").get(pk=claim_id)
        if expected_version is not None and claim.version != expected_version:
            raise ReviewConflict(claim)
        status_changes = status is not None and status != claim.status
        note_changes = note is not None and note != claim.note
        if not (status_changes or note_changes):
            return claim
        previous_status = claim.status
        now = timezone.now()
        if status_changes:
            claim.status = status
            claim.reviewer = actor if status != Claim.Status.UNREVIEWED else None
            claim.reviewed_at = now if status != Claim.Status.UNREVIEWED else None
        if note_changes:
            claim.note = note
        claim.version = claim.version + 1
        claim.save(update_fields=["status", "reviewer", "reviewed_at", "note", "version", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            actor=actor,
            action=ClaimEvent.Action.REVIEW if status_changes else ClaimEvent.Action.NOTE,
            from_status=previous_status,
            to_status=claim.status,
            note=claim.note if note_changes else "",
        )
    return claim


def _history_write(
    claims: Iterable[tuple[int, str]],
    *,
    actor: AbstractBaseUser,
    action: str,
    note: str,
    at,
    to_status: str | None = None,
) -> None:
    """One history row per ``(claim id, status before)``; ``to_status`` None means the verdict did not change."""
    ClaimEvent.objects.bulk_create(
        (
            ClaimEvent(
                claim_id=claim_id,
                actor=actor,
                action=action,
                from_status=previous,
                to_status=to_status or previous,
                note=note,
                created_at=at,
            )
            for claim_id, previous in claims
        ),
        batch_size=5000,
    )


def claims_review(*, claims: QuerySet[Claim], status: str, actor: AbstractBaseUser, note: str = "") -> int:
    """Set one verdict on many claims with set-based statements; all or nothing, one history row per change.

    Returns how many claims changed (claims that already had this verdict are left alone).
    """
    _require_reviewer(actor)
    _validate_status(status)
    now = timezone.now()
    reviewed = status != Claim.Status.UNREVIEWED
    with transaction.atomic():
        # Lock in primary-key order so that two bulk actions over overlapping sets cannot deadlock.
        to_lock = (
            claims.exclude(status=status).order_by("pk").select_for_update(of=("self",)).values_list("pk", "status")
        )
        if _is_postgresql():
            return _claims_review_set_based(
                to_lock=to_lock, claims=claims.exclude(status=status), status=status, actor=actor, note=note
            )
        locked = list(to_lock)
        if not locked:
            return 0
        ids = [pk for pk, _ in locked]
        update = {
            "status": status,
            "reviewer": actor if reviewed else None,
            "reviewed_at": now if reviewed else None,
            "version": F("version") + 1,
            "updated_at": now,
        }
        if note:
            update["note"] = note
        for chunk_start in range(0, len(ids), 10000):
            Claim.objects.filter(pk__in=ids[chunk_start : chunk_start + 10000]).update(**update)
        _history_write(locked, actor=actor, action=ClaimEvent.Action.REVIEW, note=note, at=now, to_status=status)
    return len(locked)


# --- Bulk verdicts at scale (PostgreSQL) ----------------------------------------------------------------------


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _claims_review_set_based(*, to_lock: QuerySet, claims: QuerySet, status: str, actor, note: str) -> int:
    """claims_review in two statements: lock the claims in pk order, then update them and write one history row
    per changed claim in the same statement.

    Nothing travels between Python and the database per claim: 100,000 claims cost about as much as a hand-written
    UPDATE and INSERT, where fetching the ids and creating 100,000 ClaimEvent objects cost three times as much.
    The time is taken once the locks are held, so history rows sort after every edit that got there first.
    """
    reviewed = status != Claim.Status.UNREVIEWED
    lock_sql, lock_params = to_lock.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({lock_sql}) AS locked", lock_params)  # noqa: S608 - compiled queryset
        if not cursor.fetchone()[0]:
            return 0
    now = timezone.now()
    locked_sql, locked_params = claims.order_by().values_list("pk", "status").query.sql_with_params()
    note_update = ", note = %s" if note else ""
    statement = f"""
        WITH target (id, status) AS ({locked_sql}),
        changed AS (
            UPDATE {Claim._meta.db_table} AS claim
               SET status = %s, reviewer_id = %s, reviewed_at = %s, version = claim.version + 1,
                   updated_at = %s{note_update}
              FROM target
             WHERE claim.id = target.id
         RETURNING claim.id, target.status AS previous
        )
        INSERT INTO {ClaimEvent._meta.db_table} (claim_id, actor_id, action, from_status, to_status, note, created_at)
        SELECT id, %s, %s, previous, %s, %s, %s FROM changed
    """  # noqa: S608 - table names are the models' own; every value is a bound parameter
    params = [
        *locked_params,
        status,
        actor.pk if reviewed else None,
        now if reviewed else None,
        now,
        *([note] if note else []),
        actor.pk,
        ClaimEvent.Action.REVIEW,
        status,
        note,
        now,
    ]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def claim_undo_review(*, claim_id: int, actor: AbstractBaseUser) -> Claim:
    """Put back the verdict the claim had before this reviewer's last verdict on it, as a new history row."""
    _require_reviewer(actor)
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        last = (
            ClaimEvent.objects.filter(claim=claim, action=ClaimEvent.Action.REVIEW, actor=actor)
            .order_by("-created_at", "-id")
            .first()
        )
        if last is None or last.to_status != claim.status:
            raise ValidationError("There is no verdict of yours on this claim to undo.")
        previous = claim.status
        claim.status = last.from_status or Claim.Status.UNREVIEWED
        earlier = (
            ClaimEvent.objects.filter(claim=claim, action__in=[ClaimEvent.Action.REVIEW, ClaimEvent.Action.UNDO])
            .exclude(pk=last.pk)
            .filter(to_status=claim.status)
            .order_by("-created_at", "-id")
            .first()
        )
        unreviewed = claim.status == Claim.Status.UNREVIEWED
        claim.reviewer = None if unreviewed else (earlier.actor if earlier else actor)
        claim.reviewed_at = None if unreviewed else (earlier.created_at if earlier else timezone.now())
        claim.version += 1
        claim.save(update_fields=["status", "reviewer", "reviewed_at", "version", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim, actor=actor, action=ClaimEvent.Action.UNDO, from_status=previous, to_status=claim.status
        )
    return claim


def evidence_add(*, claim_id: int, actor: AbstractBaseUser, url: str, note: str = "") -> Evidence:
    _require_reviewer(actor)
    evidence = Evidence(claim_id=claim_id, url=url.strip(), note=note.strip(), added_by=actor)
    evidence.full_clean(exclude=["claim"])
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        evidence.save()
        note = f"{evidence.url} {evidence.note}"
        _claim_touched(claim, actor=actor, action=ClaimEvent.Action.EVIDENCE_ADDED, note=note)
    return evidence


def evidence_remove(*, evidence_id: int, actor: AbstractBaseUser) -> None:
    _require_reviewer(actor)
    with transaction.atomic():
        evidence = Evidence.objects.select_related("claim").select_for_update(of=("self",)).get(pk=evidence_id)
        claim = evidence.claim
        evidence.delete()
        _claim_touched(claim, actor=actor, action=ClaimEvent.Action.EVIDENCE_REMOVED, note=evidence.url)


def _claim_touched(claim: Claim, *, actor: AbstractBaseUser, action: str, note: str) -> None:
    """A change beside the verdict (evidence): a new version, so open review forms see it, and a history row."""
    Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1, updated_at=timezone.now())
    ClaimEvent.objects.create(
        claim=claim, actor=actor, action=action, from_status=claim.status, to_status=claim.status, note=note.strip()
    )


# --- Assignment -----------------------------------------------------------------------------------------------


def _validate_assignment(actor: AbstractBaseUser, assignee: AbstractBaseUser | None) -> None:
    if not (actor.is_staff or roles.is_editor(actor)):
        raise PermissionDenied("Only editors can assign work to reviewers.")
    if assignee is not None and not (roles.is_reviewer(assignee) or assignee.is_superuser):
        raise ValidationError(f"{assignee.get_username()} is not a reviewer.")


def _assignment_note(assignee: AbstractBaseUser | None, what: str) -> str:
    return f"{what} assigned to {assignee.get_username()}" if assignee else f"{what} unassigned"


def claims_assign(*, claims: QuerySet[Claim], assignee: AbstractBaseUser | None, actor: AbstractBaseUser) -> int:
    """Assign claims to a reviewer (``None`` clears it), one history row per claim that changes.

    Assignment does not bump ``version``: it is not a change of the verdict, so a reviewer looking at the claim
    can still save theirs.
    """
    _validate_assignment(actor, assignee)
    assignee_id = assignee.pk if assignee else None
    note = _assignment_note(assignee, "Claim")
    with transaction.atomic():
        locked = list(
            claims.exclude(assigned_to_id=assignee_id)
            .order_by("pk")
            .select_for_update(of=("self",))
            .values_list("pk", "status")
        )
        if not locked:
            return 0
        now = timezone.now()
        Claim.objects.filter(pk__in=[pk for pk, _ in locked]).update(assigned_to_id=assignee_id, updated_at=now)
        _history_write(locked, actor=actor, action=ClaimEvent.Action.ASSIGN, note=note, at=now)
    return len(locked)


def article_assign(*, article: Article, assignee: AbstractBaseUser | None, actor: AbstractBaseUser) -> Article:
    """Assign a whole article to a reviewer; its claims show in their queue unless a claim names someone else."""
    _validate_assignment(actor, assignee)
    assignee_id = assignee.pk if assignee else None
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.assigned_to_id == assignee_id:
            return article
        article.assigned_to_id = assignee_id
        article.save(update_fields=["assigned_to", "updated_at"])
        now = timezone.now()
        note = _assignment_note(assignee, "Article")
        _history_write(
            article.claims.values_list("pk", "status"), actor=actor, action=ClaimEvent.Action.ASSIGN, note=note, at=now
        )
    return article


# --- People ---------------------------------------------------------------------------------------------------


def desk_user_ensure(
    *, username: str, password: str, role: str | None = None, staff: bool = False, superuser: bool = False
) -> AbstractBaseUser:
    """Create or reset a desk account (demo data, first-run setup) and put it in its role's group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    roles.ensure_groups()
    user_model = get_user_model()
    with transaction.atomic():
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_staff = staff or superuser
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        if role:
            user.groups.add(Group.objects.get(name=role))
    return user


def api_token_ensure(*, user: AbstractBaseUser) -> str:
    """The user's API token, created on first use."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return token.key


# --- Cross-article matching -----------------------------------------------------------------------------------


def article_match(*, article_id: int) -> int:
    """Group this article's claims with claims of other articles about the same fact; returns how many groups
    changed. Incremental (the article against what is stored) and idempotent (matching again writes nothing new).
    """
    from articles import matching
    from claim_engine import match

    with transaction.atomic():
        matching.serialise_lock()
        article = Article.objects.filter(pk=article_id, status=Article.Status.SPLIT).first()
        if article is None:
            logger.info("Article %s is gone or not split; nothing to match", article_id)
            return 0
        facts = matching.facts_of_article(article)
        matching.write_keys(article, facts)
        blocks = [block for claim_facts in facts.values() for fact in claim_facts for block in fact.blocks]
        found = matching.candidates(article, blocks)
        current = dict(Claim.objects.filter(article=article, group__isnull=False).values_list("pk", "group__key"))
        plans = match.plan_groups(
            article_id=article.pk,
            claims=facts,
            candidates=found,
            current=current,
            excluded=matching.exclusions([*facts, *(candidate.claim_id for candidate in found)]),
        )
        touched = matching.apply(plans)
        matching.refresh(touched)
    return len(touched)


def claim_group_confirm(*, group_id: int, actor: AbstractBaseUser, note: str = "") -> ClaimGroup:
    """A reviewer says the grouping is right; every member's history records it."""
    _require_reviewer(actor)
    with transaction.atomic():
        group = ClaimGroup.objects.select_for_update().get(pk=group_id)
        group.confirmed_by = actor
        group.confirmed_at = timezone.now()
        group.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
        _history_write(
            group.claims.values_list("pk", "status"),
            actor=actor,
            action=ClaimEvent.Action.GROUP,
            note=f"Confirmed the match “{group.subject}”. {note}".strip(),
            at=group.confirmed_at,
        )
    return group


def claim_group_break(*, claim_id: int, actor: AbstractBaseUser, note: str = "") -> Claim:
    """A reviewer takes a claim out of its group; later matching never puts it back in that group."""
    from articles import matching
    from articles.models import ClaimGroupExclusion

    _require_reviewer(actor)
    with transaction.atomic():
        matching.serialise_lock()
        claim = Claim.objects.select_for_update(of=("self",)).select_related("group").get(pk=claim_id)
        group = claim.group
        if group is None:
            raise ValidationError("This claim is not in a group.")
        ClaimGroupExclusion.objects.get_or_create(group_key=group.key, claim=claim, defaults={"actor": actor})
        claim.group = None
        claim.version += 1
        claim.save(update_fields=["group", "version", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            actor=actor,
            action=ClaimEvent.Action.GROUP,
            from_status=claim.status,
            to_status=claim.status,
            note=f"Removed from the match “{group.subject}”. {note}".strip(),
        )
        group.confirmed_by, group.confirmed_at = None, None
        group.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
        matching.refresh([group.pk])
    return claim


def claim_groups_review(*, group_ids: Iterable[int], status: str, actor: AbstractBaseUser, note: str = "") -> int:
    """One verdict for every claim of these groups (admin's bulk action, after its confirmation page)."""
    claims = Claim.objects.filter(group_id__in=list(group_ids))
    return claims_review(claims=claims, status=status, actor=actor, note=note)


# --- Background exports ---------------------------------------------------------------------------------------


EXPORT_NOT_QUEUED = "Could not queue the export: the task broker is unavailable. Request it again."


class ExportOutcome:
    DONE = "done"
    FINISHED_BEFORE = "finished_before"
    BUSY = "busy"
    MISSING = "missing"
    FAILED = "failed"


def export_job_request(*, actor: AbstractBaseUser, format: str, filters: dict | None, base_url: str = "") -> ExportJob:
    """Queue an export of the claims matching ``filters`` (the claims list's parameters) for a worker to write.

    The same people may ask as may stream an export, and the same format and filter values are accepted; nothing
    is stored when either is refused. ``base_url`` (the request's scheme and host) makes ClaimReview urls absolute.
    """
    from articles import exports
    from articles.tasks import export_claims_task

    if not roles.is_desk_member(actor):
        raise PermissionDenied("Only editors, reviewers and staff can export claims.")
    try:
        exports.require_format(format)
    except exports.ExportError as error:
        raise ValidationError(str(error)) from error
    cleaned = _export_filters_clean(filters)
    selectors.claims_matching(actor, cleaned)
    with transaction.atomic():
        job = ExportJob.objects.create(format=format, filters=cleaned, base_url=base_url[:500], requested_by=actor)
        # The requester learns at once that the broker is down instead of watching a queued job until the sweeper
        # (export_jobs_sweep) sends it again.
        _enqueue_on_commit(
            export_claims_task,
            job.pk,
            what="export job",
            recovery="marked failed",
            if_unsent=lambda: _export_job_fail(job.pk, EXPORT_NOT_QUEUED, attempt=0),
        )
    return job


def _export_filters_clean(filters: dict | None) -> dict[str, str]:
    """Filters as the query string would carry them: known names, one text value each."""
    if filters is None:
        return {}
    names = selectors.claim_filter_names()
    if not isinstance(filters, dict):
        raise ValidationError(f"filters must be an object of claim-list filters ({', '.join(names)}).")
    unknown = sorted(str(name) for name in filters if name not in names)
    if unknown:
        raise ValidationError(f"Unknown filter(s) {', '.join(unknown)}; the claims list filters by {', '.join(names)}.")
    cleaned = {}
    for name, value in filters.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError(f"Filter “{name}” takes one text or number value.")
        text = str(value)
        if "\x00" in text:
            raise ValidationError(f"Filter “{name}” contains a NUL character.")
        cleaned[name] = text
    return cleaned


def export_job_run(*, job_id: int) -> str:
    """Write the job's export file, once however often the task is delivered.

    A finished job (done, failed or expired) is left alone, and so is a running one whose worker showed progress
    within EXPORT_STUCK_AFTER: two workers never write one job. A running job silent for longer was started by a
    worker that died: it is written again from the start, into a temporary file renamed into place at the end. Any
    error marks the job failed with the reason.
    """
    from articles import export_files, exports

    attempt = _export_job_start(job_id)
    if attempt is None:
        status = ExportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        if status is None:
            return ExportOutcome.MISSING
        return ExportOutcome.BUSY if status == ExportJob.Status.RUNNING else ExportOutcome.FINISHED_BEFORE
    if attempt > settings.EXPORT_MAX_ATTEMPTS:
        reason = f"Gave up after {attempt - 1} attempts that did not finish (the worker died)."
        _export_job_fail(job_id, reason, attempt=attempt)
        return ExportOutcome.FAILED
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    file_name = export_files.job_file_name(job.pk, exports.FORMATS[job.format].extension)
    progress = _ExportProgress(job.pk)
    try:
        try:
            claims = selectors.claims_matching(job.requested_by, job.filters)
        except ValidationError as error:
            raise _PermanentExportError("The filters no longer apply: " + " ".join(error.messages)) from error
        expected = exports.exported_claims(claims, job.format).count()
        ExportJob.objects.filter(pk=job.pk).update(rows_expected=expected)
        stream = exports.export_stream(claims, job.format, base_url=job.base_url, on_progress=progress)
        # Closed on any error, which cancels the COPY, before the failure is recorded on the same connection.
        with contextlib.closing(stream):
            size = export_files.write_atomically(file_name, stream, attempt=attempt)
    except Exception as error:
        logger.exception("Export job %s failed", job_id)
        _export_job_fail(job_id, _export_failure_reason(error), attempt=attempt)
        return ExportOutcome.FAILED
    finally:
        progress.close()
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.DONE,
        rows_written=progress.rows,
        file_name=file_name,
        size_bytes=size,
        error="",
        finished_at=timezone.now(),
    )
    return ExportOutcome.DONE


class _PermanentExportError(Exception):
    pass


def _export_job_start(job_id: int) -> int | None:
    """Mark the job running and count the attempt, committed at once; None when it has finished (or is gone), or
    when another worker is on it."""
    now = timezone.now()
    startable = Q(status=ExportJob.Status.QUEUED) | Q(
        status=ExportJob.Status.RUNNING, heartbeat_at__lt=now - settings.EXPORT_STUCK_AFTER
    )
    with transaction.atomic():
        started = ExportJob.objects.filter(startable, pk=job_id).update(
            status=ExportJob.Status.RUNNING,
            attempts=F("attempts") + 1,
            rows_written=0,
            started_at=now,
            heartbeat_at=now,
        )
        if not started:
            return None
        return ExportJob.objects.filter(pk=job_id).values_list("attempts", flat=True).first()


def _export_job_fail(job_id: int, reason: str, *, attempt: int) -> None:
    """Mark the job failed, unless it is done or a later attempt has started: a delivery running beside a newer one
    (a worker thought dead) loses its temporary file to the newer one, and that must not fail the job."""
    finished = [ExportJob.Status.DONE, ExportJob.Status.EXPIRED]
    ExportJob.objects.filter(pk=job_id, attempts=attempt).exclude(status__in=finished).update(
        status=ExportJob.Status.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def _export_failure_reason(error: Exception) -> str:
    if isinstance(error, _PermanentExportError):
        return str(error)
    if isinstance(error, SoftTimeLimitExceeded):
        return "The export took longer than the time limit (CELERY_TASK_SOFT_TIME_LIMIT)."
    if isinstance(error, OSError):
        return f"Could not write the export file: {error.strerror or error}."
    detail = str(error).strip()
    return f"The export stopped: {detail}" if detail else f"The export stopped ({type(error).__name__})."


class _ExportProgress:
    """Records a running job's ``rows_written`` every EXPORT_PROGRESS_ROWS rows.

    On PostgreSQL the export's connection is inside COPY for the whole export and can run nothing else, so the
    updates go through a second connection, in a thread of their own. SQLite would lock on a second connection
    while the export reads, and has no such limit on one, so there they run inline.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.rows = 0
        self._recorded = 0
        self._thread = ThreadPoolExecutor(max_workers=1) if _is_postgresql() else None

    def __call__(self, rows: int) -> None:
        self.rows = rows
        if rows - self._recorded < settings.EXPORT_PROGRESS_ROWS:
            return
        self._recorded = rows
        if self._thread:
            self._thread.submit(self._record, rows)
        else:
            self._record(rows)

    def _record(self, rows: int) -> None:
        try:
            ExportJob.objects.filter(pk=self.job_id, status=ExportJob.Status.RUNNING).update(
                rows_written=rows, heartbeat_at=timezone.now()
            )
        except DatabaseError:
            logger.warning("Could not record the progress of export job %s", self.job_id, exc_info=True)

    def close(self) -> None:
        if self._thread:
            self._thread.submit(connections.close_all)
            self._thread.shutdown(wait=True)


@dataclass(frozen=True)
class ExportSweep:
    resent: list[int]
    expired: list[int]
    files_removed: list[str]


def export_jobs_sweep(*, now=None) -> ExportSweep:
    """Send again the export jobs whose message or worker was lost, and delete the files past keeping.

    - A queued or running job silent for EXPORT_STUCK_AFTER (no start, no progress) is queued and sent again; the
      attempt counter still ends a job that kills every worker it reaches.
    - A done job that finished more than EXPORT_KEEP_FOR ago is marked expired and its file deleted.
    - A file that no job claims (its job deleted, failed or expired, or a dead attempt's temporary file) is deleted
      once it is older than EXPORT_STUCK_AFTER, so a file being renamed into place is never taken from its job.
    """
    from articles import export_files
    from articles.tasks import export_claims_task

    now = now or timezone.now()
    silent_since = now - settings.EXPORT_STUCK_AFTER
    active = [ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]
    with transaction.atomic():
        lost = list(
            ExportJob.objects.select_for_update(skip_locked=True)
            .filter(status__in=active, heartbeat_at__lt=silent_since)
            .values_list("pk", flat=True)[:500]
        )
        # Back to queued, so the next delivery may start it; sent at most once per EXPORT_STUCK_AFTER.
        ExportJob.objects.filter(pk__in=lost).update(status=ExportJob.Status.QUEUED, heartbeat_at=now)
        for job_id in lost:
            _enqueue_on_commit(export_claims_task, job_id, what="export job", recovery="the next sweep sends it again")

    with transaction.atomic():
        expiring = list(
            ExportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ExportJob.Status.DONE, finished_at__lt=now - settings.EXPORT_KEEP_FOR)
            .values_list("pk", "file_name")[:1000]
        )
        ExportJob.objects.filter(pk__in=[pk for pk, _ in expiring]).update(
            status=ExportJob.Status.EXPIRED, file_name=""
        )
    removed = [file_name for _, file_name in expiring if export_files.remove(file_name)]

    claimed = set(ExportJob.objects.filter(status=ExportJob.Status.DONE).values_list("file_name", flat=True))
    writing = set(ExportJob.objects.filter(status__in=active).values_list("pk", flat=True))
    for stored in export_files.stored_files():
        if stored.modified >= silent_since:
            continue
        if stored.name in claimed or (stored.partial and stored.job_id in writing):
            continue
        if export_files.remove(stored.name):
            removed.append(stored.name)

    sweep = ExportSweep(resent=lost, expired=[pk for pk, _ in expiring], files_removed=removed)
    if lost or expiring or removed:
        logger.info("Export sweep: sent again %s, expired %s, removed %d file(s)", lost, sweep.expired, len(removed))
    return sweep
