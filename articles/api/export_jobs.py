"""``/api/exports/``: background exports, written to a file by a worker and downloaded once done."""

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse

from articles import export_files, exports, selectors, services
from articles.api.permissions import IsDeskMember
from articles.api.views import EXPORT_BODIES
from articles.models import ExportJob


class ExportJobSerializer(serializers.ModelSerializer):
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    progress = serializers.SerializerMethodField(help_text="rows_written / rows_expected, 0 to 1; null until counted.")
    download_url = serializers.SerializerMethodField(help_text="Where the finished file is; null until done.")
    expires_at = serializers.SerializerMethodField(
        help_text="When the finished file will be deleted (EXPORT_KEEP_DAYS after it was written); null until done."
    )

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "format",
            "filters",
            "status",
            "rows_written",
            "rows_expected",
            "progress",
            "size_bytes",
            "error",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
            "expires_at",
        ]
        read_only_fields = fields

    def get_progress(self, job) -> float | None:
        if job.status == ExportJob.Status.DONE:
            return 1.0
        if not job.rows_expected:
            return None
        return min(1.0, job.rows_written / job.rows_expected)

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return reverse("export-download", args=[job.pk], request=self.context.get("request"))

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_expires_at(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE or job.finished_at is None:
            return None
        # Written as the other times of the job are.
        return serializers.DateTimeField().to_representation(job.finished_at + settings.EXPORT_KEEP_FOR)


class ExportJobRequestSerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=sorted(exports.FORMATS),
        error_messages={"invalid_choice": exports.UNKNOWN_FORMAT},
    )
    filters = serializers.DictField(
        required=False,
        default=dict,
        help_text="The claims list's filters, as for GET /api/claims/export/: "
        + ", ".join(selectors.claim_filter_names())
        + ". One text or number value each.",
    )


class ExportJobViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Exports too large to wait for: ``POST`` queues one, its status shows the progress, ``download`` serves it.

    Each user sees their own jobs; staff see everyone's.
    """

    serializer_class = ExportJobSerializer
    permission_classes = [IsDeskMember]
    filterset_fields = ["status", "format"]
    ordering_fields = ["id", "created_at"]

    def get_queryset(self):
        return selectors.export_jobs_for_user(self.request.user)

    @extend_schema(request=ExportJobRequestSerializer, responses={202: ExportJobSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ExportJobRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = services.export_job_request(
            actor=request.user,
            format=serializer.validated_data["format"],
            filters=serializer.validated_data["filters"],
            base_url=request.build_absolute_uri("/"),
        )
        # Without a broker the job has already run in this request (on commit): answer with where it stands.
        job.refresh_from_db()
        body = self.get_serializer(job).data
        location = reverse("export-detail", args=[job.pk], request=request)
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    @extend_schema(responses={**EXPORT_BODIES, 409: OpenApiTypes.OBJECT, 410: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def download(self, request, pk=None):
        """The finished export file; 409 while the job is queued or running, or when it failed; 410 once expired."""
        job = self.get_object()
        if job.status == ExportJob.Status.EXPIRED:
            kept = _days(settings.EXPORT_KEEP_FOR.days)
            detail = f"This export's file was deleted {kept} after it was written; request the export again."
            return Response({"detail": detail, "status": job.status}, status=status.HTTP_410_GONE)
        if job.status != ExportJob.Status.DONE:
            return Response({"detail": _not_ready_message(job), "status": job.status}, status=status.HTTP_409_CONFLICT)
        try:
            handle = export_files.open_for_download(job.file_name)
        except FileNotFoundError as error:
            raise NotFound("This export's file is no longer on the server; request the export again.") from error
        stamp = job.created_at.strftime("%Y%m%d-%H%M%S")
        return FileResponse(
            handle,
            as_attachment=True,
            filename=exports.export_filename(job.format, stamp),
            content_type=exports.FORMATS[job.format].content_type,
        )


def _not_ready_message(job: ExportJob) -> str:
    if job.status == ExportJob.Status.FAILED:
        return f"This export failed, so there is no file: {job.error}"
    if job.status == ExportJob.Status.RUNNING and job.rows_expected is not None:
        return f"This export is still running ({job.rows_written} of {job.rows_expected} rows); try again when done."
    return f"This export is {job.get_status_display().lower()}; download it once its status is done."


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
