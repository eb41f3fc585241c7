from django.conf import settings
from rest_framework import serializers

from articles.models import Article, Claim, ClaimEvent, Evidence


class EvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = ["id", "url", "note", "added_by", "created_at"]
        read_only_fields = ["id", "added_by", "created_at"]


class ClaimEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ClaimEvent
        fields = ["id", "action", "from_status", "to_status", "note", "actor", "created_at"]


class ClaimSerializer(serializers.ModelSerializer):
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "position",
            "text",
            "start",
            "end",
            "score",
            "kind",
            "facts",
            "reasons",
            "status",
            "reviewer",
            "reviewed_at",
            "note",
            "version",
            "group",
            "engine_version",
        ]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    events = ClaimEventSerializer(many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "evidence", "events"]
        read_only_fields = fields


class ClaimReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you last saw; a newer one on the server is a 409."
    )

    def validate(self, attrs):
        if "status" not in attrs and "note" not in attrs:
            raise serializers.ValidationError("Send a status, a note, or both.")
        return attrs


class EvidenceCreateSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ArticleSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    # Often empty, which a "uri"-formatted string may not be: the schema says plain string.
    url = serializers.CharField(read_only=True)
    claim_count = serializers.IntegerField(read_only=True)
    reviewed_count = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "outlet",
            "author",
            "url",
            "published",
            "status",
            "error",
            "engine_version",
            "uploaded_by",
            "created_at",
            "split_at",
            "claim_count",
            "reviewed_count",
            "counts",
        ]
        read_only_fields = fields

    def get_counts(self, article) -> dict[str, int]:
        return {status: getattr(article, f"{status}_count", 0) for status in Claim.Status.values}

    def get_reviewed_count(self, article) -> int:
        return getattr(article, "claim_count", 0) - getattr(article, "unreviewed_count", 0)


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "claims"]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    """Either one or more files (multipart ``file``) or pasted ``text``; metadata applies to pasted text and
    fills what a file does not say itself."""

    file = serializers.ListField(
        child=serializers.FileField(max_length=255), required=False, allow_empty=False, max_length=None
    )
    text = serializers.CharField(required=False, trim_whitespace=False, max_length=None)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    author = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000, default="")
    published = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_file(self, files):
        if len(files) > settings.UPLOAD_MAX_FILES:
            raise serializers.ValidationError(f"At most {settings.UPLOAD_MAX_FILES} files per upload.")
        for upload in files:
            if upload.size > settings.UPLOAD_MAX_FILE_BYTES:
                limit = settings.UPLOAD_MAX_FILE_BYTES // (1024 * 1024)
                raise serializers.ValidationError(f"{upload.name}: larger than the {limit} MB limit.")
        return files

    def validate(self, attrs):
        if bool(attrs.get("file")) == bool(attrs.get("text")):
            raise serializers.ValidationError("Send either file (one or more) or text, not both and not neither.")
        return attrs
