"""Map the services' domain errors onto HTTP: a conflict is 409, bad input 400, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from articles.ingest import IngestError
from articles.services import ReviewConflict


def exception_handler(exc, context):
    if isinstance(exc, ReviewConflict):
        from articles.api.serializers import ClaimSerializer

        current = ClaimSerializer(exc.claim, context=context).data
        return Response({"detail": str(exc), "current": current}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, IngestError):
        return Response({"detail": str(exc), "file": exc.filename}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


ERROR_RESPONSES = {
    "400": "The request is invalid; the body says which field or value.",
    "401": "Authentication credentials are missing or wrong.",
    "403": "This role may not do this.",
    "404": "No such object (or not visible to this user).",
    "413": "The upload is too large.",
    "429": "Too many requests; retry later.",
    "503": "The database or broker is unavailable; nothing was saved.",
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular hook: every operation can answer with these errors, so API clients (and schemathesis)
    know them; each carries a JSON object, usually {"detail": "..."}."""
    error_body = {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description, "content": error_body})
    return result
