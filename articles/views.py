"""The browser review workspace. Views read through selectors and write through services.

The article page is one request with a fixed number of queries however many claims the article has; everything a
reviewer does afterwards (move between claims, give a verdict, undo, add evidence, note) swaps only the claim panel
through htmx. Those fragment views answer a plain (non-htmx) POST with a redirect back to the article, so the forms
work without JavaScript too.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from articles import roles, selectors, services
from articles.forms import (
    AssignForm,
    ClaimAssignForm,
    EvidenceForm,
    NoteForm,
    QueueFilterForm,
    ReviewForm,
    UploadForm,
)
from articles.models import Article, Claim, ClaimEvent
from articles.reasons import reasons_in_words

QUEUE_PAGE_SIZE = 50


def _require_desk(user) -> None:
    if not roles.is_desk_member(user):
        raise PermissionDenied("Ask an administrator to add you to the Editors or Reviewers group.")


def _can_assign(user) -> bool:
    return user.is_staff or roles.is_editor(user)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Article list and upload ----------------------------------------------------------------------------------


@login_required
def article_list(request):
    _require_desk(request.user)
    articles = list(
        selectors.articles_with_counts(selectors.articles_for_user(request.user)).select_related("assigned_to")[:200]
    )
    for article in articles:
        article.reviewed_count = article.claim_count - article.unreviewed_count
        article.cleared = (
            article.status == Article.Status.SPLIT and article.claim_count and not article.unreviewed_count
        )
    return render(
        request,
        "articles/article_list.html",
        {"articles": articles, "can_upload": roles.is_editor(request.user) or request.user.is_staff},
    )


@login_required
def article_upload(request):
    if not (roles.is_editor(request.user) or request.user.is_staff):
        raise PermissionDenied("Only editors can upload articles.")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = [(upload.name, upload.read()) for upload in data["files"]]
        text = data["text"] if data["text"].strip() else None
        metadata = {key: data[key] for key in ("title", "outlet", "author", "url", "published")}
        try:
            results = services.articles_upload(uploaded_by=request.user, files=files, text=text, metadata=metadata)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            if len(files) + (text is not None) > 1:
                form.add_error(None, "Nothing from this upload was stored: fix or leave out the files named above.")
        else:
            created = sum(result.created for result in results)
            existing = len(results) - created
            message = f"{created} article(s) uploaded and queued for splitting."
            if existing:
                message += f" {existing} already existed and were not uploaded again."
            messages.success(request, message)
            if len(results) == 1:
                return redirect("articles:detail", pk=results[0].article.pk)
            return redirect("articles:list")
    return render(request, "articles/upload.html", {"form": form})


# --- The article page -----------------------------------------------------------------------------------------


def _highlighted_text(text: str, claims) -> str:
    """The article text with each claim wrapped in a <mark>; every piece of the text is escaped."""
    parts = []
    cursor = 0
    for claim in sorted(claims, key=lambda claim: claim.start):
        if claim.start < cursor:
            continue
        parts.append(escape(text[cursor : claim.start]))
        parts.append(
            format_html(
                '<mark id="claim-{}" class="claim {}" data-claim="{}" title="{}">{}</mark>',
                claim.pk,
                claim.status,
                claim.pk,
                claim.get_status_display(),
                text[claim.start : claim.end],
            )
        )
        cursor = claim.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped pieces above


def _progress(claims) -> dict:
    total = len(claims)
    reviewed = sum(claim.status != Claim.Status.UNREVIEWED for claim in claims)
    return {
        "total": total,
        "reviewed": reviewed,
        "percent": round(100 * reviewed / total) if total else 0,
        "cleared": bool(total) and reviewed == total,
    }


def _focus(claims: list[Claim], requested: str | None) -> Claim | None:
    """The claim named in the URL, else the first one still waiting for a verdict, else the first."""
    if requested and requested.isdigit():
        for claim in claims:
            if claim.pk == int(requested):
                return claim
    return next((claim for claim in claims if claim.status == Claim.Status.UNREVIEWED), claims[0] if claims else None)


def _article_context(request, article: Article) -> dict:
    claims = list(article.claims.all())
    focused = _focus(claims, request.GET.get("claim"))
    context = {
        "article": article,
        "claims": claims,
        "highlighted": _highlighted_text(article.text, claims),
        "progress": _progress(claims),
        "can_review": roles.is_reviewer(request.user),
        "can_assign": _can_assign(request.user),
        "being_split": article.status in (Article.Status.QUEUED, Article.Status.SPLITTING),
    }
    if focused is not None:
        context.update(_panel_context(request, focused))
    if context["can_assign"]:
        context["assign_form"] = AssignForm(
            initial={"assignee": article.assigned_to_id}, reviewers=selectors.desk_reviewers()
        )
    return context


def _article_queryset(request):
    claims = Claim.objects.select_related("reviewer", "group").order_by("position")
    return (
        selectors.articles_for_user(request.user)
        .select_related("assigned_to")
        .prefetch_related(Prefetch("claims", queryset=claims))
    )


def _render_article(request, pk, template: str):
    _require_desk(request.user)
    article = get_object_or_404(_article_queryset(request), pk=pk)
    return render(request, template, _article_context(request, article))


@login_required
@require_GET
def article_detail(request, pk):
    return _render_article(request, pk, "articles/article_detail.html")


@login_required
@require_GET
def article_progress(request, pk):
    """Polled while the article is being split: the progress until it is split, then the whole workspace."""
    return _render_article(request, pk, "articles/_article_body.html")


@login_required
@require_POST
def article_assign(request, pk):
    _require_desk(request.user)
    article = get_object_or_404(selectors.articles_for_user(request.user), pk=pk)
    form = AssignForm(request.POST, reviewers=selectors.desk_reviewers())
    message, status = "", 200
    if form.is_valid():
        try:
            article = services.article_assign(
                article=article, assignee=form.cleaned_data["assignee"], actor=request.user
            )
        except ValidationError as error:
            message, status = " ".join(error.messages), 400
        else:
            assignee = article.assigned_to
            message = f"Assigned to {assignee.get_username()}." if assignee else "Unassigned."
    else:
        message, status = "Choose a reviewer from the list.", 400
    if not _is_htmx(request):
        (messages.success if status == 200 else messages.error)(request, message)
        return redirect("articles:detail", pk=pk)
    form = AssignForm(initial={"assignee": article.assigned_to_id}, reviewers=selectors.desk_reviewers())
    context = {"article": article, "assign_form": form, "assign_message": message, "assign_ok": status == 200}
    return render(request, "articles/_assign_article.html", context, status=status)


# --- The claim panel and what a reviewer does in it -----------------------------------------------------------


def _panel_context(request, claim: Claim) -> dict:
    return {
        "claim": claim,
        # The model's own number is the score shown beside the claim already.
        "reasons": reasons_in_words(claim.reasons),
        "history": list(selectors.claim_history(claim)),
        "evidence": list(selectors.claim_evidence(claim)),
        "group_members": selectors.group_members_for_panel(claim),
        "can_review": roles.is_reviewer(request.user),
        "verdicts": VERDICTS,
    }


# (status, label, key) for the verdict buttons, in the order they are shown.
VERDICTS = [
    (Claim.Status.VERIFIED, "Verified", "v"),
    (Claim.Status.DISPUTED, "Disputed", "d"),
    (Claim.Status.WRONG, "Wrong", "w"),
    (Claim.Status.NOT_A_CLAIM, "Not a claim", "n"),
]


def _panel(request, claim: Claim, *, status: int = 200, changed: str = "", changed_claim: Claim | None = None, **extra):
    """The claim panel fragment; ``changed`` names what happened to ``changed_claim`` (by default the claim shown),
    sent to the page as an htmx event so that it recolours the claim's highlight and the progress."""
    if not _is_htmx(request):
        url = reverse("articles:detail", args=[claim.article_id])
        return redirect(f"{url}?claim={claim.pk}")
    response = render(request, "articles/_claim_panel.html", {**_panel_context(request, claim), **extra}, status=status)
    if changed:
        changed_claim = changed_claim or claim
        event = {
            "id": changed_claim.pk,
            "status": changed_claim.status,
            "label": changed_claim.get_status_display(),
            "action": changed,
        }
        response["HX-Trigger"] = json.dumps({"claimChanged": event})
    return response


def _claims(request):
    return (
        selectors.claims_for_user(request.user)
        .select_related("reviewer", "group", "article")
        .defer("article__text", "article__original")
    )


def _claim_for(request, pk) -> Claim:
    _require_desk(request.user)
    return get_object_or_404(_claims(request), pk=pk)


def _conflict_message(claim: Claim) -> str:
    last = claim.events.select_related("actor").order_by("-created_at", "-id").first()
    who = (last.actor.get_username() if last and last.actor else None) or "Someone"
    if last is None or last.action in (ClaimEvent.Action.REVIEW, ClaimEvent.Action.UNDO):
        what = f"set this claim to {claim.get_status_display()}"
    else:
        what = f"changed this claim ({last.get_action_display().lower()}); it is {claim.get_status_display()}"
    return f"{who} {what} while you were looking; your change was not saved."


def _save_review(request, claim: Claim, **changes):
    """(the saved claim, None), or (the claim, the panel that says why nothing was saved)."""
    try:
        return services.claim_review(claim_id=claim.pk, actor=request.user, **changes), None
    except services.ReviewConflict as conflict:
        current = _claim_for(request, conflict.claim.pk)
        # The page recolours the claim with what is really there now.
        refused = _panel(request, current, status=409, changed="conflict", conflict=_conflict_message(current))
        return current, refused
    except PermissionDenied as error:
        return claim, _panel(request, claim, status=403, error=str(error))


@login_required
@require_GET
def claim_panel(request, pk):
    return _panel(request, _claim_for(request, pk))


@login_required
@require_POST
def claim_review(request, pk):
    """Give a verdict. With ``next`` (another claim of the same article) a successful save answers with the next
    claim's panel, so a reviewer moves on in one round trip; a conflict always answers with this claim."""
    claim = _claim_for(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["status"]:
        return _panel(request, claim, status=400, error="Choose a verdict.")
    claim, refused = _save_review(
        request, claim, status=form.cleaned_data["status"], expected_version=form.cleaned_data["version"]
    )
    if refused:
        return refused
    flash = f"Marked “{claim.get_status_display()}”. Press u to undo."
    next_id = request.POST.get("next", "")
    if next_id.isdigit() and int(next_id) != claim.pk:
        following = _claims(request).filter(pk=int(next_id), article_id=claim.article_id).first()
        if following is not None:
            return _panel(request, following, changed="review", changed_claim=claim, flash=flash)
    return _panel(request, claim, changed="review", flash=flash)


@login_required
@require_POST
def claim_note(request, pk):
    claim = _claim_for(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _panel(request, claim, status=400, error="A note can be at most 10,000 characters.")
    claim, refused = _save_review(
        request, claim, note=form.cleaned_data["note"], expected_version=form.cleaned_data["version"]
    )
    if refused:
        return refused
    return _panel(request, _claim_for(request, claim.pk), changed="note", flash="Note saved.")


@login_required
@require_POST
def claim_undo(request, pk):
    claim = _claim_for(request, pk)
    try:
        claim = services.claim_undo_review(claim_id=claim.pk, actor=request.user)
    except ValidationError as error:
        return _panel(request, claim, status=400, error=" ".join(error.messages))
    except PermissionDenied as error:
        return _panel(request, claim, status=403, error=str(error))
    flash = f"Undone: the claim is “{claim.get_status_display()}” again."
    return _panel(request, _claim_for(request, claim.pk), changed="undo", flash=flash)


@login_required
@require_POST
def claim_add_evidence(request, pk):
    claim = _claim_for(request, pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        return _panel(request, claim, status=400, evidence_form=form, error="Enter a full link, starting https://")
    try:
        services.evidence_add(claim_id=claim.pk, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _panel(request, claim, status=400, evidence_form=form, error=" ".join(error.messages))
    except PermissionDenied as error:
        return _panel(request, claim, status=403, error=str(error))
    return _panel(request, _claim_for(request, claim.pk), changed="evidence", flash="Evidence added.")


# --- Queue ----------------------------------------------------------------------------------------------------


@login_required
def queue(request):
    _require_desk(request.user)
    form = QueueFilterForm(request.GET or None, outlets=selectors.queue_outlets(request.user))
    filters = form.filters() if request.GET else QueueFilterForm(outlets=[]).filters()
    claims = selectors.review_queue(request.user, **filters)
    page = Paginator(claims, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    can_assign = _can_assign(request.user)
    filtered_article = None
    if filters["article_id"]:
        filtered_article = selectors.articles_for_user(request.user).filter(pk=filters["article_id"]).first()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "claims": page.object_list,
        "can_assign": can_assign,
        "reviewers": list(selectors.desk_reviewers()) if can_assign else [],
        "filtered_article": filtered_article,
        "query": query.urlencode(),
    }
    return render(request, "articles/queue.html", context)


@login_required
@require_POST
def queue_assign(request):
    _require_desk(request.user)
    if not _can_assign(request.user):
        raise PermissionDenied("Only editors can assign work to reviewers.")
    form = ClaimAssignForm(request.POST, reviewers=selectors.desk_reviewers())
    back = request.POST.get("back", "")
    back = back if back.startswith("?") else ""
    if not form.is_valid():
        messages.error(request, "Tick at least one claim and choose a reviewer.")
        return redirect(reverse("articles:queue") + back)
    assignee = form.cleaned_data["assignee"]
    claims = selectors.claims_for_user(request.user).filter(pk__in=[c.pk for c in form.cleaned_data["claims"]])
    changed = services.claims_assign(claims=claims, assignee=assignee, actor=request.user)
    who = assignee.get_username() if assignee else "nobody"
    messages.success(request, f"{changed} claim(s) assigned to {who}.")
    return redirect(reverse("articles:queue") + back)


# --- Dashboard ------------------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    _require_desk(request.user)
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    numbers = selectors.desk_numbers(since=today)
    total = numbers["claims_total"] or 1
    numbers["verdict_mix"] = [
        (value, label, count, round(100 * count / total)) for value, label, count in numbers["verdict_mix"]
    ]
    top = max((row["count"] for row in numbers["reviewed_today"]), default=1)
    for row in numbers["reviewed_today"]:
        row["percent"] = round(100 * row["count"] / top)
    return render(request, "articles/dashboard.html", {"numbers": numbers, "today": today})
