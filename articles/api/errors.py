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
