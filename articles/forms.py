from django import forms
from django.conf import settings

from articles.models import Claim


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > settings.UPLOAD_MAX_FILES:
            raise forms.ValidationError(f"At most {settings.UPLOAD_MAX_FILES} files per upload.")
        limit = settings.UPLOAD_MAX_FILE_BYTES
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(f"{upload.name}: larger than the {limit // (1024 * 1024)} MB limit.")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(required=False, help_text="One or more .txt, .html, .docx or .pdf files.", label="Files")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Or paste the text")
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)
    author = forms.CharField(required=False, max_length=200)
    url = forms.URLField(required=False, max_length=2000, label="URL")
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose at least one file or paste the article's text.")
        return cleaned


class ReviewForm(forms.Form):
    status = forms.ChoiceField(choices=Claim.Status.choices, required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=10000)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    url = forms.URLField(max_length=2000, label="Evidence URL")
    note = forms.CharField(required=False, max_length=2000)


class NoteForm(forms.Form):
    note = forms.CharField(required=False, max_length=10000)
    version = forms.IntegerField(min_value=1)


class QueueFilterForm(forms.Form):
    ASSIGNMENT_CHOICES = [("", "Everyone's"), ("mine", "Assigned to me"), ("unassigned", "Unassigned")]

    article = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    outlet = forms.ChoiceField(required=False, choices=[("", "All outlets")])
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *Claim.Kind.choices])
    contradiction = forms.BooleanField(required=False, label="Contradictions only")
    assignment = forms.ChoiceField(required=False, choices=ASSIGNMENT_CHOICES, label="Assignment")

    def __init__(self, *args, outlets: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [("", "All outlets"), *((outlet, outlet) for outlet in outlets)]

    def filters(self) -> dict:
        """The selector's keyword arguments; a field with a bad value is simply not applied."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "article_id": data.get("article"),
            "outlet": data.get("outlet") or "",
            "kind": data.get("kind") or "",
            "contradiction": bool(data.get("contradiction")),
            "assignment": data.get("assignment") or "",
        }


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody", label="Assign to")

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers


class ClaimAssignForm(AssignForm):
    claims = forms.ModelMultipleChoiceField(queryset=Claim.objects.all(), widget=forms.MultipleHiddenInput)
