"""The channel's admin form: a recurring schedule chosen as "alle 2 Wochen, donnerstags, 7:00".

The choice is stored as an RFC 5545 RRULE in ``Channel.recurrence`` (``campaigns.recurrence``). A rule the
choices cannot express (entered by hand) is shown and kept as it is; choosing a frequency replaces it, and
choosing none ends a rule the choices made. The
panel beside it shows the next three dates and the dates that were skipped.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from campaigns import recurrence

FREQUENCY_CHOICES = [
    ("", _("Keine regelmäßigen Ausgaben")),
    ("weekly", _("wöchentlich")),
    ("biweekly", _("alle 2 Wochen")),
    ("monthly", _("monatlich (am ersten dieses Wochentags im Monat)")),
]
WEEKDAY_CHOICES = [
    (0, _("montags")),
    (1, _("dienstags")),
    (2, _("mittwochs")),
    (3, _("donnerstags")),
    (4, _("freitags")),
    (5, _("samstags")),
    (6, _("sonntags")),
]
SHOWN_SKIPPED = 10


class ChannelForm(WagtailAdminModelForm):
    """Composes ``recurrence`` from frequency, weekday and time when a frequency is chosen."""

    recurrence_frequency = forms.ChoiceField(label=_("Regelmäßig"), choices=FREQUENCY_CHOICES, required=False)
    recurrence_weekday = forms.TypedChoiceField(
        label=_("Wochentag"), choices=WEEKDAY_CHOICES, coerce=int, initial=3, required=False
    )
    recurrence_time = forms.TimeField(
        label=_("Uhrzeit"), initial="07:00", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        simple = recurrence.decompose(self.instance.recurrence or "")
        if simple is not None:
            self.initial.update(
                recurrence_frequency=simple.frequency,
                recurrence_weekday=simple.weekday,
                recurrence_time=simple.at,
            )

    def clean(self):
        data = super().clean()
        frequency = data.get("recurrence_frequency")
        if not frequency:
            # "Keine regelmäßigen Ausgaben" ends a rule the choices made; one entered by hand stays.
            if recurrence.decompose(data.get("recurrence") or "") is not None:
                data["recurrence"] = ""
            return data
        if data.get("recurrence_weekday") is None or data.get("recurrence_time") is None:
            self.add_error("recurrence_time", _("Bitte Wochentag und Uhrzeit angeben."))
            return data
        simple = recurrence.Simple(frequency, data["recurrence_weekday"], data["recurrence_time"])
        composed = recurrence.compose(simple, timezone.now())
        current = self.instance.recurrence or ""
        # Saving the same choice again keeps the stored start, so a fortnight keeps its weeks.
        data["recurrence"] = current if recurrence.same_rule(current, composed) else composed
        self.errors.pop("recurrence", None)
        return data


class RecurrencePanel(Panel):
    """Read-only: "Nächste Ausgaben: …" and the dates skipped for want of new content."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/recurrence_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rule = self.instance.recurrence or ""
            context["upcoming"] = recurrence.upcoming(rule, timezone.now()) if rule else []
            context["skipped"] = (
                self.instance.occurrences.filter(skipped=True)[:SHOWN_SKIPPED] if self.instance.pk else []
            )
            return context
