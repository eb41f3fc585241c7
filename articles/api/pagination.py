import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Coalesce
from rest_framework.pagination import CursorPagination

# What a NULL sorts as when a nullable field orders the pages: before every real value.
NULL_POSITIONS = {
    models.DateTimeField: datetime.datetime(1, 1, 2, tzinfo=datetime.UTC),
    models.DateField: datetime.date(1, 1, 1),
}


class IdCursorPagination(CursorPagination):
    """Cursor pages stay as fast on page 10,000 as on page 1 and never count the table.

    ``?ordering=`` picks from the view's ``ordering_fields`` (anything else is ignored, so no other column can be
    probed through it); the primary key is always added as the last key, so rows that tie on the chosen field keep a
    stable order from page to page. A cursor cannot point at NULL, so a nullable date orders by a stand-in value.
    """

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        for field in self.get_ordering(request, queryset, view):
            name = field.lstrip("-")
            if name.startswith("cursor_"):
                original = queryset.model._meta.get_field(name.removeprefix("cursor_"))
                stand_in = models.Value(NULL_POSITIONS[type(original)], output_field=original)
                queryset = queryset.annotate(**{name: Coalesce(original.name, stand_in)})
        return super().paginate_queryset(queryset, request, view)

    def get_ordering(self, request, queryset, view):
        ordering = [
            self._cursor_field(queryset.model, field) for field in super().get_ordering(request, queryset, view)
        ]
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return tuple(ordering)

    @staticmethod
    def _cursor_field(model, field: str) -> str:
        name = field.lstrip("-")
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # "pk" and annotations
            return field
        if model_field.null and type(model_field) in NULL_POSITIONS:
            return field.replace(name, f"cursor_{name}")
        return field
