"""Forms of the expert commission and its sheet: they parse; the services decide (limits,
maxima, rules) and their errors go back on these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, CommissionMember, Criterion

MAX_UPLOAD = 256 * 1024


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Member's e-mail"), error_messages={"required": _("Enter the member's e-mail.")}
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CommissionMember.Role.choices,
        initial=CommissionMember.Role.EXPERT,
        widget=forms.RadioSelect,
    )
    # Shown when a juror's account appears in suspicious-account signals (the service asks).
    signals_checked = forms.BooleanField(
        label=_("I have checked this resident's suspicious-account signals"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "member-%s")
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    """A group of members gets a group of applications."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=CommissionMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one member.")},
    )
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one application.")},
    )

    def __init__(self, *args, members, applications, **kwargs):
        kwargs.setdefault("auto_id", "assign-%s")
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.user.public_name} ({m.get_role_display()})"
        )
        self.fields["applications"].queryset = applications


class ScoreForm(forms.Form):
    """One application's scores: a number and a comment per criterion the experts score."""

    def __init__(self, *args, criteria: list[Criterion], scores: dict, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            given = scores.get(criterion.pk)
            self.fields[f"score-{criterion.pk}"] = forms.CharField(
                label=_("Score from 0 to %(max)s")
                % {"max": f"{criterion.max_score.normalize():f}"},
                help_text=criterion.description,
                required=False,
                initial=f"{given.value.normalize():f}" if given else "",
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "size": 6, "autocomplete": "off"}
                ),
            )
            self.fields[f"comment-{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=given.comment if given else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def pairs(self):
        """(criterion, score field, comment field) per criterion, for the template."""
        return [(c, self[f"score-{c.pk}"], self[f"comment-{c.pk}"]) for c in self.criteria]


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What is the conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what the conflict of interest is.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "conflict-%s")
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the reason.")},
    )

    def __init__(self, *args, prefix_id: str, **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)


class SignatureForm(forms.Form):
    signature = forms.FileField(
        label=_("Signature file (.sig, .p7s: DER or PEM)"),
        help_text=_("A detached CMS signature of the PDF downloaded from this page."),
        error_messages={"required": _("Choose the signature file.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "sign-%s")
        super().__init__(*args, **kwargs)

    def clean_signature(self) -> bytes:
        upload = self.cleaned_data["signature"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The signature file is too large."))
        return upload.read()


class CertificateForm(forms.Form):
    certificate = forms.FileField(
        label=_("Certificate (.crt, .cer, .pem: PEM or DER)"),
        help_text=_("Your certificate only; its private key stays with you."),
        error_messages={"required": _("Choose the certificate file.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "certificate-%s")
        super().__init__(*args, **kwargs)

    def clean_certificate(self) -> bytes:
        upload = self.cleaned_data["certificate"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The certificate file is too large."))
        return upload.read()
