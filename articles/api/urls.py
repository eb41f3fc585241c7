from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from articles.api.export_jobs import ExportJobViewSet
from articles.api.groups import ClaimGroupViewSet
from articles.api.views import ArticleViewSet, ClaimViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("groups", ClaimGroupViewSet, basename="group")
router.register("exports", ExportJobViewSet, basename="export")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include(router.urls)),
]
