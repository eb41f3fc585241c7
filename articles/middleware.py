"""Request guards that run before a view: refuse oversize bodies unread, and turn a lost database into a 503."""

import logging

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or request.headers.get("Accept", "").startswith("application/json")


def _error(request, message: str, status: int) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestSizeLimitMiddleware:
    """Refuse a body larger than UPLOAD_MAX_REQUEST_BYTES from its Content-Length, before a byte of it is read.

    Django's own limits apply only once a view touches request.POST/FILES, after the upload handlers have started
    spooling the body to disk, and DRF's JSON parser reads the body without them; this answers 413 while the client
    is still sending. Bodies without a Content-Length (chunked) are left to Django's limits and the server's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _error(request, "The Content-Length header is not a number.", 400)
        # Files arrive as multipart; any other body (JSON, a form with pasted text) is read whole into memory.
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.UPLOAD_MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            logger.warning("Refused a %d-byte %s %s (limit %d)", length, request.method, request.path, limit)
            size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
            what = "upload" if multipart else "request"
            return _error(request, f"The {what} is too large: at most {size} per request.", 413)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A lost database is a clean 503 instead of a 500 with a traceback; Django's own upload limits a clean 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TooManyFilesSent):
            return _error(request, f"Too many files: at most {settings.UPLOAD_MAX_FILES} per upload.", 400)
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
        message = "The database is unavailable right now; nothing was saved. Please try again in a moment."
        response = _error(request, message, 503)
        response["Retry-After"] = "5"
        return response
