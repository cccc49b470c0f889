from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import Bookmark


class BookmarkNoteForm(forms.ModelForm):
    class Meta:
        model = Bookmark
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "placeholder": "What makes it hard?"})}


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ["username"]
