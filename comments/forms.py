from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH
from common.plain_text import LineFormField, LinesFormField


class CommentForm(forms.Form):
    required_css_class = "required"

    name = LineFormField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please write your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never shown to readers."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please give your email address; it is never shown."),
            "invalid": _("This does not look like an email address."),
        },
    )
    text = LinesFormField(
        label=_("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please write your comment.")},
    )
    # Hidden from people by CSS; robots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "text"):
            field = self.fields[name]
            field.widget.attrs["maxlength"] = getattr(field, "max_length", None) or 254
        self.fields["text"].error_messages["max_length"] = _(
            "Please keep your comment under %(limit_value)d characters (it has %(show_value)d)."
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write your comment."), code="required")
        return text

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please write your name."), code="required")
        return name
