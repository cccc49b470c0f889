from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import Bookmark, WordCorrection


class BookmarkNoteForm(forms.ModelForm):
    class Meta:
        model = Bookmark
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "placeholder": "What makes it hard?"})}


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ["username"]


MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_PARAGRAPHS = 5000


class ArticleImportForm(forms.Form):
    """A new article: the two texts pasted, or one file in the seed format."""

    zh_text = forms.CharField(
        label="Chinese text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "zh-Hans"}),
        help_text="One paragraph per line; a short first line is taken as the title.",
    )
    en_text = forms.CharField(
        label="English text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "en"}),
        help_text="One paragraph per line; a short first line is taken as the title.",
    )
    file = forms.FileField(
        label="…or one file",
        required=False,
        help_text="UTF-8 text in the seed format: one language's paragraphs, then the other's. "
        "At most 2 MB.",
    )
    title_en = forms.CharField(label="English title", required=False, max_length=300)
    title_zh = forms.CharField(label="Chinese title", required=False, max_length=300)
    slug = forms.SlugField(
        required=False, max_length=120, help_text="Left empty, it is made from the title."
    )
    source = forms.CharField(label="Source and attribution", required=False, max_length=500)

    def clean_slug(self):
        from .models import Article

        slug = self.cleaned_data["slug"]
        if slug and Article.objects.filter(slug=slug).exists():
            raise forms.ValidationError("An article with this slug exists already.")
        return slug

    def clean(self):
        from .text.parse import SeedFormatError, parse_bytes, parse_sides

        data = super().clean()
        upload = data.get("file")
        zh_text, en_text = data.get("zh_text", ""), data.get("en_text", "")
        try:
            if upload:
                if zh_text.strip() or en_text.strip():
                    raise forms.ValidationError("Paste the two texts or upload a file, not both.")
                if upload.size > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError(
                        f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 2 MB."
                    )
                parsed = parse_bytes(upload.read())
            elif zh_text.strip() or en_text.strip():
                if len(zh_text) + len(en_text) > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError("The texts are over 2 MB together.")
                parsed = parse_sides(zh_text, en_text)
            else:
                raise forms.ValidationError("Paste the Chinese and the English, or upload a file.")
        except SeedFormatError as error:
            message = str(error)
            raise forms.ValidationError(message[:1].upper() + message[1:] + ".") from error
        for name, paragraphs in (("Chinese", parsed.zh), ("English", parsed.en)):
            if len(paragraphs) > MAX_PARAGRAPHS:
                raise forms.ValidationError(
                    f"The {name} side has {len(paragraphs)} paragraphs; the limit is "
                    f"{MAX_PARAGRAPHS}."
                )
        data["parsed"] = parsed
        return data


class PairTextForm(forms.Form):
    """A teacher's edit of one pair's text: one paragraph per line on each side."""

    zh = forms.CharField(label="Chinese", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    en = forms.CharField(label="English", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        if not data.get("zh", "").strip() and not data.get("en", "").strip():
            raise forms.ValidationError("A pair needs text on at least one side.")
        return data

    def paragraphs(self, side: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data[side].splitlines() if line.strip()]


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = WordCorrection
        fields = ["kind", "word", "value"]
        widgets = {"word": forms.TextInput(attrs={"lang": "zh-Hans", "size": 10})}
