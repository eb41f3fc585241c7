"""Desk roles as Django groups, and the questions views and services ask about a user."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def _in_group(user: AbstractBaseUser | AnonymousUser, name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object so that a page asking several times costs one query.
    names = getattr(user, "_desk_groups", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._desk_groups = names
    return name in names


def is_editor(user) -> bool:
    return _in_group(user, EDITORS)


def is_reviewer(user) -> bool:
    return _in_group(user, REVIEWERS)


def is_desk_member(user) -> bool:
    """Anyone who may read the desk's articles and claims: editors, reviewers and staff."""
    return user.is_authenticated and (user.is_staff or is_editor(user) or is_reviewer(user))


def can_manage_article(user, article) -> bool:
    """Editors manage the articles they uploaded; staff manage all."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or (is_editor(user) and article.uploaded_by_id == user.pk)


# Model permissions each group carries, for the admin (the app's own checks use group membership above).
GROUP_PERMISSIONS = {
    EDITORS: [
        "view_article",
        "add_article",
        "change_article",
        "delete_article",
        "view_claim",
        "view_claimevent",
        "view_evidence",
        "view_claimgroup",
    ],
    REVIEWERS: [
        "view_article",
        "view_claim",
        "change_claim",
        "view_claimevent",
        "view_evidence",
        "add_evidence",
        "view_claimgroup",
        "change_claimgroup",
    ],
}


def ensure_groups(**kwargs) -> None:
    """Create the desk's groups with their permissions; run after every migrate, so it is always in step."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
