"""``/api/groups/``: claims of different articles about the same fact, and whether they agree."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from articles import selectors, services
from articles.api.permissions import IsDeskMember, IsReviewerOrReadOnly
from articles.models import Claim, ClaimGroup


class GroupClaimSerializer(serializers.ModelSerializer):
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    outlet = serializers.CharField(source="article.outlet", read_only=True)
    article_title = serializers.CharField(source="article.title", read_only=True)
    published = serializers.DateField(source="article.published", read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "article", "article_title", "outlet", "published", "text", "facts", "status", "reviewer"]
        read_only_fields = fields


class ClaimGroupSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="fact_type", read_only=True)
    label = serializers.CharField(source="subject", read_only=True)
    confirmed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    conflicting_verdicts = serializers.SerializerMethodField()
    unreviewed = serializers.IntegerField(source="unreviewed_count", read_only=True)
    claims = GroupClaimSerializer(many=True, read_only=True, source="members")

    class Meta:
        model = ClaimGroup
        fields = [
            "id",
            "key",
            "kind",
            "label",
            "concept",
            "unit",
            "is_contradiction",
            "explanation",
            "size",
            "article_count",
            "unreviewed",
            "conflicting_verdicts",
            "confirmed_by",
            "confirmed_at",
            "updated_at",
            "claims",
        ]
        read_only_fields = fields

    def get_conflicting_verdicts(self, group) -> bool:
        return group.verdict_count > 1


class ClaimGroupFilter(django_filters.FilterSet):
    contradiction = django_filters.BooleanFilter(field_name="is_contradiction")
    article = django_filters.NumberFilter(method="filter_article", label="Has a claim from this article")
    kind = django_filters.CharFilter(field_name="fact_type", label="Fact type (duration, rank, date, ...)")
    reviewed = django_filters.BooleanFilter(field_name="confirmed_at", lookup_expr="isnull", exclude=True)
    min_size = django_filters.NumberFilter(field_name="size", lookup_expr="gte")

    class Meta:
        model = ClaimGroup
        fields = ["contradiction", "article", "kind", "reviewed", "min_size"]

    def filter_article(self, queryset, name, value):
        return queryset.filter(pk__in=Claim.objects.filter(article_id=value).values("group_id"))


class GroupBreakSerializer(serializers.Serializer):
    claim = serializers.IntegerField(help_text="The claim to take out of this group.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class GroupConfirmSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ClaimGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Groups of claims from different articles about the same fact; contradictions first."""

    serializer_class = ClaimGroupSerializer
    permission_classes = [IsDeskMember & IsReviewerOrReadOnly]
    filterset_class = ClaimGroupFilter
    ordering_fields = ["updated_at", "size", "article_count", "id"]
    ordering = ["-is_contradiction", "-updated_at", "-id"]

    def get_queryset(self):
        members = (
            Claim.objects.select_related("article", "reviewer")
            .defer("article__text", "article__original")
            .order_by("article__published", "article_id", "position")
        )
        return (
            selectors.groups_for_user(self.request.user)
            .prefetch_related(Prefetch("claims", queryset=members, to_attr="members"))
            .order_by(*self.ordering)
        )

    @extend_schema(request=GroupConfirmSerializer, responses={200: ClaimGroupSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """A reviewer confirms that these claims are about the same fact (recorded in each claim's history)."""
        group = self.get_object()
        serializer = GroupConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_group_confirm(group_id=group.pk, actor=request.user, note=serializer.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=group.pk)).data)

    @extend_schema(request=GroupBreakSerializer, responses={200: ClaimGroupSerializer})
    @action(detail=True, methods=["post"], url_path="break")
    def break_match(self, request, pk=None):
        """Take a wrongly matched claim out of the group; later matching never puts it back."""
        group = self.get_object()
        serializer = GroupBreakSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim_id = serializer.validated_data["claim"]
        if not Claim.objects.filter(pk=claim_id, group=group).exists():
            raise serializers.ValidationError({"claim": f"Claim {claim_id} is not in this group."})
        services.claim_group_break(claim_id=claim_id, actor=request.user, note=serializer.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=group.pk)).data)
