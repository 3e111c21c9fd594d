"""The guide's question form: profile, municipality, language, children — a GET form, so answers can be
bookmarked and shared (``?profil=fachkraft&kommune=asperg&sprache=en&kinder=1``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from page_types.forms import SlugChoiceField
from page_types.taxonomy import Language, Municipality

NO = frozenset({"", "0", "false", "False"})


class FlagInput(forms.CheckboxInput):
    """A checkbox sending ``1``; the value is passed on as given, so that ``kinder=0`` means no (and is shown
    unticked)."""

    def __init__(self) -> None:
        super().__init__(attrs={"value": "1"}, check_test=lambda value: value not in (None, False, *NO))

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class GuideForm(forms.Form):
    """Who asks and where they want to live; unknown values are form errors shown in German, never a 500."""

    profil = SlugChoiceField(None, label=_("Ich komme als …"), empty_label=_("Bitte wählen"))
    kommune = SlugChoiceField(
        Municipality.objects.all(), label=_("Wohnort oder Wunschort"), empty_label=_("Bitte wählen")
    )
    sprache = SlugChoiceField(
        Language.objects.all(),
        label=_("Beratung am liebsten auf"),
        empty_label=_("Deutsch genügt"),
    )
    kinder = forms.BooleanField(label=_("Mit Kindern im Schulalter"), required=False, widget=FlagInput())

    def __init__(self, *args, profiles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profil"].queryset = profiles
        for name in ("profil", "kommune"):
            self.fields[name].required = True
        self.fields["profil"].error_messages["required"] = _("Bitte wählen Sie, als wer Sie kommen.")
        self.fields["kommune"].error_messages["required"] = _("Bitte wählen Sie eine Kommune.")
