"""The browser review workspace. Views read through selectors and write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from articles import roles, selectors, services
from articles.forms import EvidenceForm, ReviewForm, UploadForm
from articles.models import Claim


def _require_desk(user) -> None:
    if not roles.is_desk_member(user):
        raise PermissionDenied("Ask an administrator to add you to the Editors or Reviewers group.")


@login_required
def article_list(request):
    _require_desk(request.user)
    articles = selectors.articles_with_counts(selectors.articles_for_user(request.user))[:200]
    return render(
        request, "articles/article_list.html", {"articles": articles, "can_upload": roles.is_editor(request.user)}
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
                '<mark id="claim-{}" class="claim {}" data-claim="{}" tabindex="-1">{}</mark>',
                claim.pk,
                claim.status,
                claim.pk,
                text[claim.start : claim.end],
            )
        )
        cursor = claim.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped pieces above


@login_required
def article_detail(request, pk):
    _require_desk(request.user)
    claims = Claim.objects.select_related("reviewer").order_by("position")
    article = get_object_or_404(
        selectors.articles_for_user(request.user).prefetch_related(Prefetch("claims", queryset=claims)), pk=pk
    )
    claim_list = list(article.claims.all())
    context = {
        "article": article,
        "claims": claim_list,
        "highlighted": _highlighted_text(article.text, claim_list),
        "can_review": roles.is_reviewer(request.user),
        "statuses": Claim.Status.choices,
    }
    if request.headers.get("HX-Request") and request.GET.get("fragment") == "status":
        return render(request, "articles/_article_status.html", context)
    return render(request, "articles/article_detail.html", context)


def _claim_panel(request, claim, *, conflict=None, status=200):
    context = {
        "claim": claim,
        "history": selectors.claim_history(claim),
        "evidence": selectors.claim_evidence(claim),
        "can_review": roles.is_reviewer(request.user),
        "statuses": Claim.Status.choices,
        "conflict": conflict,
        "evidence_form": EvidenceForm(),
    }
    return render(request, "articles/_claim_panel.html", context, status=status)


@login_required
def claim_panel(request, pk):
    _require_desk(request.user)
    claim = get_object_or_404(selectors.claims_for_user(request.user).select_related("reviewer", "article"), pk=pk)
    return _claim_panel(request, claim)


@login_required
@require_POST
def claim_review(request, pk):
    _require_desk(request.user)
    claim = get_object_or_404(selectors.claims_for_user(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Invalid review: " + "; ".join(form.errors.get("__all__", [])) + str(form.errors))
    data = form.cleaned_data
    try:
        claim = services.claim_review(
            claim_id=claim.pk,
            actor=request.user,
            status=data["status"] or None,
            note=data["note"] if "note" in request.POST else None,
            expected_version=data["version"],
        )
    except services.ReviewConflict as conflict:
        return _claim_panel(request, conflict.claim, conflict=str(conflict), status=409)
    response = _claim_panel(request, claim)
    response["HX-Trigger"] = f'{{"claimReviewed": {{"id": {claim.pk}, "status": "{claim.status}"}}}}'
    return response


@login_required
@require_POST
def claim_add_evidence(request, pk):
    _require_desk(request.user)
    claim = get_object_or_404(selectors.claims_for_user(request.user), pk=pk)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        services.evidence_add(claim_id=claim.pk, actor=request.user, **form.cleaned_data)
    claim.refresh_from_db()
    return _claim_panel(request, claim, status=200 if form.is_valid() else 400)
