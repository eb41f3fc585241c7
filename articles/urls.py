from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("upload/", views.article_upload, name="upload"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("claims/<int:pk>/panel/", views.claim_panel, name="claim-panel"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim-review"),
    path("claims/<int:pk>/evidence/", views.claim_add_evidence, name="claim-evidence"),
]
