"""Reading preferences: in the session for anonymous visitors, in the profile for learners.

A visitor who makes an account keeps what they had chosen: the session's
preferences become the new profile's.
"""

from dataclasses import asdict, dataclass

from django import forms
from django.utils.functional import SimpleLazyObject

from .models import Profile
from .prepared import Prepared
from .text.script import LANG, Script

SESSION_KEY = "reading_preferences"
FIELDS = [
    "pinyin",
    "level",
    "tone_colors",
    "mode",
    "mark_learning",
    "text_size",
    "line_spacing",
    "script",
]


@dataclass(frozen=True)
class Preferences:
    pinyin: str = Profile.PinyinMode.ALL
    level: int = 3
    tone_colors: bool = False
    mode: str = Profile.ReadingMode.PARALLEL
    mark_learning: bool = True
    text_size: str = Profile.TextSize.MEDIUM
    line_spacing: str = Profile.LineSpacing.NORMAL
    script: str = Profile.Script.SIMPLIFIED


class PreferencesForm(forms.ModelForm):
    level = forms.TypedChoiceField(
        label="My HSK level", choices=[(n, str(n)) for n in range(1, 10)], coerce=int
    )

    class Meta:
        model = Profile
        fields = FIELDS
        labels = {
            "pinyin": "Pinyin",
            "tone_colors": "Tone colours",
            "mode": "Reading mode",
            "mark_learning": "Mark words I'm learning",
            "text_size": "Text size",
            "line_spacing": "Line spacing",
            "script": "Characters",
        }
        widgets = {
            "pinyin": forms.RadioSelect,
            "mode": forms.RadioSelect,
            "text_size": forms.RadioSelect,
            "line_spacing": forms.RadioSelect,
            "script": forms.RadioSelect,
        }


# Read on every page a learner opens: compiled once (reader/prepared.py).
_PROFILE = Prepared(
    lambda user: Profile.objects.filter(user_id=user).order_by().values_list(*FIELDS)[:1]
)


def get_preferences(request) -> Preferences:
    row = _PROFILE.first(user=request.user.pk) if request.user.is_authenticated else None
    return preferences_from(request, row)


def preferences_from(request, profile: tuple | None) -> Preferences:
    """The preferences of a learner whose profile holds ``profile`` (its ``FIELDS``, in
    order); with no profile, or for a visitor, those kept in the session."""
    if profile is not None:
        return Preferences(**dict(zip(FIELDS, profile, strict=True)))
    stored = request.session.get(SESSION_KEY) or {}
    return Preferences(**{k: v for k, v in stored.items() if k in FIELDS})


def save_preferences(request, preferences: Preferences) -> None:
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults=asdict(preferences))
    else:
        request.session[SESSION_KEY] = asdict(preferences)


def reading_preferences(request):
    """Template context processor: the visitor's reading preferences as ``prefs``, and the
    ``lang`` of Chinese in their script as ``zh_lang`` (``in_script`` converts the text).

    Read when a template first uses them: a fragment (the next review card)
    never does, and then costs no query.
    """
    prefs = SimpleLazyObject(lambda: get_preferences(request))
    return {"prefs": prefs, "zh_lang": SimpleLazyObject(lambda: LANG[Script(prefs.script)])}
