"""Login with a cap on failed attempts per username and per address, so passwords cannot be guessed at speed."""

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _client_address(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(request, username: str) -> list[str]:
    address = _client_address(request)
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    # Per username+address stops guessing one account; per address alone stops spraying many accounts.
    return [f"login-failures:user:{name}:{address}", f"login-failures:addr:{address}"]


def _limits() -> list[int]:
    return [settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_LIMIT * 4]


THROTTLED = "Too many failed log-in attempts. Wait %(minutes)d minutes and try again."


class LoginThrottleMixin:
    def clean(self):
        username = self.data.get("username", "")
        keys = _keys(self.request, username)
        for key, limit in zip(keys, _limits(), strict=True):
            if (cache.get(key) or 0) >= limit:
                # Refused before the password is checked, so a correct guess past the limit learns nothing.
                raise ValidationError(
                    THROTTLED,
                    code="throttled",
                    params={"minutes": max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)},
                )
        try:
            return super().clean()
        except ValidationError:
            for key in keys:
                cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
            raise


class ThrottledAuthenticationForm(LoginThrottleMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(LoginThrottleMixin, AdminAuthenticationForm):
    pass


class ThrottledLoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == "throttled" for error in form.errors.as_data().get("__all__", [])):
            response.status_code = 429
            response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return response
