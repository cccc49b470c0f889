import re

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from .models import Article, Bookmark, WordCorrection
from .services import as_sentence
from .text.levels import label
from .text.parse import typed_text_problem

# A row id as a request sends it: ASCII digits only (str.isdigit takes "²" too), and
# no more than a 64-bit column holds.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(text: str) -> int | None:
    """The row id ``text`` names, or None when it names none."""
    return int(text) if _ID.fullmatch(text.strip()) else None


class BookmarkNoteForm(forms.ModelForm):
    class Meta:
        model = Bookmark
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "placeholder": "What makes it hard?"})}


class ArticleFilterForm(forms.Form):
    """The library's search box, filters and order; a field that does not validate is ignored."""

    # Han characters: a notice or dialogue, a short story or news item, a feature.
    LENGTHS = {"short": (0, 300), "medium": (300, 1000), "long": (1000, None)}
    SORTS = {"newest": "Newest", "easiest": "Easiest", "fewest_new": "Fewest new words"}

    # No max_length: a long query is cut to its first words (reader.text.search).
    q = forms.CharField(required=False, label="Search")
    hsk = forms.TypedChoiceField(
        required=False,
        label="HSK",
        coerce=int,
        empty_value=None,
        choices=[("", "Any level")] + [(level, label(level)) for level in range(1, 8)],
    )
    length = forms.ChoiceField(
        required=False,
        choices=[("", "Any length"), ("short", "Short"), ("medium", "Medium"), ("long", "Long")],
    )
    sort = forms.ChoiceField(required=False, label="Order", choices=list(SORTS.items()))

    def __init__(self, *args, learner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not learner:  # new words are counted for a logged-in learner only
            self.fields["sort"].choices = self.fields["sort"].choices[:2]

    def filter(self, articles):
        """``articles`` searched, filtered and ordered as asked (fewest new words aside)."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            articles = articles.search(data["q"])
        if data.get("hsk"):
            articles = articles.filter(hsk_level=data["hsk"])
        if data.get("length"):
            low, high = self.LENGTHS[data["length"]]
            articles = articles.filter(zh_chars__gte=low)
            if high is not None:
                articles = articles.filter(zh_chars__lt=high)
        if data.get("sort") == "easiest":
            articles = articles.easiest_first()
        return articles

    @property
    def filtering(self) -> bool:
        """Whether the list is narrowed by a search or a filter (an order alone is not)."""
        self.is_valid()
        return any(self.cleaned_data.get(name) for name in ("q", "hsk", "length"))

    @property
    def fewest_new(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("sort") == "fewest_new"


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="Only to reset a forgotten password; never shown to anyone.",
    )
    # Not "level": the header's reading settings have a field of that name on every page.
    known_level = forms.TypedChoiceField(
        label="Your Chinese so far",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "I will say later"),
            (0, "New to Chinese"),
            *((n, f"I know the words of HSK 1 to {label(n)}") for n in range(1, 7)),
            (7, "I know the words of HSK 1 to 6 and most of 7–9"),
        ],
        help_text="Pinyin then shows over the words above your level, and the words of "
        "those levels count as known (you can take that back on Your words).",
    )

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]


class ArticleImportForm(forms.Form):
    """A new article: the two texts pasted, or one file in the seed format."""

    needs_confirmation = False  # the sides look like two articles: ask before importing
    same_as = None  # an article this one seems to be again: ask before making a copy

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Control characters (NUL among them) are refused by the parser, which
        # says on which line; Django's own check would only say "not allowed".
        for name in ("zh_text", "en_text"):
            self.fields[name].validators = []

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
    confirm_mismatch = forms.BooleanField(
        label="The two sides are one article: import anyway",
        required=False,
        help_text="Shown when the Chinese and the English look too different to be one article.",
    )
    confirm_copy = forms.BooleanField(
        label="Import it as a new article beside the one there is",
        required=False,
        help_text="Shown when an article has this title or begins with this Chinese already.",
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and Article.objects.filter(slug=slug).exists():
            raise forms.ValidationError("An article with this slug exists already.")
        return slug

    def clean(self):
        from .text.parse import (
            SeedFormatError,
            check_limits,
            check_size,
            mismatch,
            parse_bytes,
            parse_sides,
        )

        data = super().clean()
        upload = data.get("file")
        zh_text, en_text = data.get("zh_text", ""), data.get("en_text", "")
        try:
            if upload:
                if zh_text.strip() or en_text.strip():
                    raise forms.ValidationError("Paste the two texts or upload a file, not both.")
                check_size(upload.size)
                parsed = parse_bytes(upload.read())
            elif zh_text.strip() or en_text.strip():
                check_size(len(zh_text.encode()) + len(en_text.encode()))
                parsed = parse_sides(zh_text, en_text)
            else:
                raise forms.ValidationError("Paste the Chinese and the English, or upload a file.")
            check_limits(parsed)
        except SeedFormatError as error:
            raise forms.ValidationError(as_sentence(str(error))) from error
        warning = mismatch(parsed)
        if warning and not data.get("confirm_mismatch"):
            self.needs_confirmation = True
            raise forms.ValidationError(
                f"{warning} Check both sides; if they are right, tick “import anyway” and "
                "send them again."
            )
        same = None if data.get("confirm_copy") else _same_article(parsed, data)
        if same is not None:
            self.same_as = same
            raise forms.ValidationError(
                format_html(
                    '“{}” is here already (<a href="{}">its alignment</a>), with this title or '
                    "this opening paragraph. To change it, fix it there; to keep both, tick "
                    "“import it as a new article” and send again.",
                    same,
                    reverse("admin:reader_article_alignment", args=[same.pk]),
                )
            )
        data["parsed"] = parsed
        return data


def _same_article(parsed, data):
    """The article an import seems to repeat: the same title, or the same first paragraph."""
    titles = {
        "title_en": data.get("title_en") or parsed.title_en,
        "title_zh": data.get("title_zh") or parsed.title_zh,
    }
    # The first pair's Chinese is its paragraphs a line each: the first must be this one.
    first = parsed.zh[0] if parsed.zh else ""
    same = (
        Q(pairs__position=0, pairs__zh=first)
        | Q(pairs__position=0, pairs__zh__startswith=first + "\n")
        if first
        else Q()
    )
    for field, title in titles.items():
        if title:
            same |= Q(**{field: title})
    return Article.objects.filter(same).order_by("pk").first() if same else None


class PairTextForm(forms.Form):
    """A teacher's edit of one pair's text: one paragraph per line on each side."""

    zh = forms.CharField(label="Chinese", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    en = forms.CharField(label="English", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        for side, name in (("zh", "Chinese"), ("en", "English")):
            problem = typed_text_problem(data.get(side, ""), name)
            if problem is not None:
                self.add_error(side, as_sentence(problem))
        if not data.get("zh", "").strip() and not data.get("en", "").strip():
            raise forms.ValidationError("A pair needs text on at least one side.")
        return data

    def paragraphs(self, side: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data[side].splitlines() if line.strip()]


class CorrectionForm(forms.ModelForm):
    """A word fix; for every sentence of the article, or only the one holding ``where``."""

    where = forms.CharField(
        required=False,
        max_length=200,
        label="Only in the sentence with",
        help_text="Leave empty to fix every sentence; or paste a few characters of the one "
        "sentence to fix.",
        widget=forms.TextInput(attrs={"lang": "zh-Hans", "size": 16}),
    )

    class Meta:
        model = WordCorrection
        fields = ["kind", "word", "value"]
        widgets = {"word": forms.TextInput(attrs={"lang": "zh-Hans", "size": 10})}
        help_texts = {
            "value": "Split: the parts with spaces (离职 采访). Pinyin: one syllable a "
            "character, with tone marks or numbers (cháo xiǎn, chao2 xian3). Join: leave empty."
        }
