from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from articles.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    path("", include("articles.urls")),
]
