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
