from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from articles.health import health
from articles.login import ThrottledAdminAuthenticationForm, ThrottledLoginView

# The admin's log-in page counts failures like the desk's own, so neither door allows fast password guessing.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api.urls")),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    path("", include("articles.urls")),
]
