from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from articles import exports, selectors, services
from articles.api.filters import ArticleFilter, ClaimFilter
from articles.api.pagination import IdCursorPagination
from articles.api.permissions import IsDeskMember, IsEditorOrReadOnly, IsReviewerOrReadOnly
from articles.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ClaimDetailSerializer,
    ClaimReviewSerializer,
    ClaimSerializer,
    EvidenceCreateSerializer,
    EvidenceSerializer,
)
from articles.models import Claim

# The body of an export in each format, as the streamed export and a background job's download serve it.
EXPORT_BODIES = {
    (200, "text/csv"): OpenApiTypes.STR,
    (200, "application/x-ndjson"): OpenApiTypes.STR,
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "application/ld+json"): OpenApiTypes.OBJECT,
}


class ArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Articles of the desk. Upload with multipart ``file`` (one or more) or JSON ``text`` plus metadata."""

    permission_classes = [IsDeskMember & IsEditorOrReadOnly]
    filterset_class = ArticleFilter

    @property
    def pagination_class(self):
        # An upload answers with a plain list of the stored articles, so the schema must not call it a page.
        return None if getattr(self, "action", None) == "create" else IdCursorPagination

    ordering_fields = ["created_at", "published", "title", "id"]

    def get_queryset(self):
        queryset = selectors.articles_with_counts(selectors.articles_for_user(self.request.user))
        if self.action == "retrieve":
            claims = Claim.objects.select_related("reviewer").order_by("position")
            queryset = queryset.defer(None).defer("original").prefetch_related(Prefetch("claims", queryset=claims))
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleSerializer

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={201: ArticleSerializer(many=True), 200: ArticleSerializer(many=True)},
    )
    def create(self, request, *args, **kwargs):
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        metadata = {key: data[key] for key in ("title", "outlet", "author", "url", "published")}
        files = [(upload.name, upload.read()) for upload in data.get("file", [])]
        results = services.articles_upload(
            uploaded_by=request.user, files=files, text=data.get("text"), metadata=metadata
        )
        ids = [result.article.pk for result in results]
        by_id = {article.pk: article for article in selectors.articles_with_counts().filter(pk__in=ids)}
        payload = []
        for result in results:
            item = ArticleSerializer(by_id[result.article.pk]).data
            item["created"] = result.created
            payload.append(item)
        created_any = any(result.created for result in results)
        return Response(payload, status=status.HTTP_201_CREATED if created_any else status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.article_delete(article=instance, actor=self.request.user)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claims split from the articles, with their verdicts. ``PATCH`` sets status and note (reviewers)."""

    permission_classes = [IsDeskMember & IsReviewerOrReadOnly]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "score", "position", "reviewed_at"]

    def get_queryset(self):
        queryset = selectors.claims_for_user(self.request.user).select_related("reviewer")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("evidence__added_by", "events__actor")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ClaimDetailSerializer
        return ClaimSerializer

    @extend_schema(request=ClaimReviewSerializer, responses={200: ClaimSerializer, 409: OpenApiTypes.OBJECT})
    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = ClaimReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        claim = services.claim_review(
            claim_id=claim.pk,
            actor=request.user,
            status=data.get("status"),
            note=data.get("note"),
            expected_version=data.get("version"),
        )
        return Response(ClaimSerializer(claim).data)

    @extend_schema(request=EvidenceCreateSerializer, responses={201: EvidenceSerializer})
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        claim = self.get_object()
        serializer = EvidenceCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evidence = services.evidence_add(claim_id=claim.pk, actor=request.user, **serializer.validated_data)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        claim = self.get_object()
        return Response(ClaimSerializer(services.claim_undo_review(claim_id=claim.pk, actor=request.user)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=sorted(exports.FORMATS),
                description="Export format (default csv). claimreview is schema.org ClaimReview JSON-LD of the "
                "verified, disputed and wrong claims.",
            )
        ],
        responses={**EXPORT_BODIES, 400: OpenApiTypes.OBJECT},
        # The export takes the claims list's filters; spectacular lists them only for list actions unless told.
        filters=True,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """Stream every claim matching the filters, with its article, verdict, reviewer, note, evidence and facts."""
        export_format = request.query_params.get("format", "csv")
        if export_format not in exports.FORMATS:
            return Response(
                {"detail": f"Unknown format “{export_format}”; use one of: {', '.join(sorted(exports.FORMATS))}."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        claims = self.filter_queryset(selectors.claims_for_user(request.user))
        stream = exports.export_stream(claims, export_format, base_url=request.build_absolute_uri("/"))
        response = StreamingHttpResponse(stream, content_type=exports.FORMATS[export_format].content_type)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(export_format, stamp)}"'
        return response
