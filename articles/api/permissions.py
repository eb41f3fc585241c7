from rest_framework.permissions import SAFE_METHODS, BasePermission

from articles import roles


class IsDeskMember(BasePermission):
    message = "Only editors, reviewers and staff can use the desk."

    def has_permission(self, request, view):
        return roles.is_desk_member(request.user)


class IsEditorOrReadOnly(BasePermission):
    message = "Only editors can upload or delete articles."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or roles.is_editor(request.user) or request.user.is_staff

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or roles.can_manage_article(request.user, obj)


class IsReviewerOrReadOnly(BasePermission):
    message = "Only reviewers can review claims."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or roles.is_reviewer(request.user)
