from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("upload/", views.article_upload, name="upload"),
    path("queue/", views.queue, name="queue"),
    path("queue/assign/", views.queue_assign, name="queue-assign"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/progress/", views.article_progress, name="progress"),
    path("articles/<int:pk>/assign/", views.article_assign, name="assign"),
    path("claims/<int:pk>/panel/", views.claim_panel, name="claim-panel"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim-review"),
    path("claims/<int:pk>/note/", views.claim_note, name="claim-note"),
    path("claims/<int:pk>/undo/", views.claim_undo, name="claim-undo"),
    path("claims/<int:pk>/evidence/", views.claim_add_evidence, name="claim-evidence"),
]
