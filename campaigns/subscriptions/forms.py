"""Validation of everything a person or a file says about a subscription, with German messages.

The public form, the JSON API and the CSV import all validate through these forms, so the rules (and the
messages) are the same everywhere: addresses are normalised (IDNA domain), free text may hold no line
breaks or control characters (no header injection), terms are referred to by slug and unknown ones are
named in the error, lists are bounded. Values are checked for shape before they reach a database query.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns import app_settings
from campaigns.addresses import MAX_EMAIL_LENGTH, check_email
from campaigns.models import Channel, ConsentText, Role, Subscriber, Subscription
from campaigns.reader_languages import reader_language, reader_languages
from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.preferences import TRACKING_CONSENT_TEXT
from campaigns.subscriptions.signup import request_subscription
from page_types.models import GradeBand, Interest, MintSubject, Municipality
from page_types.translations import default_language

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
MAX_CHOICES = 50
NAME_MAX_LENGTH = Subscriber._meta.get_field("name").max_length

no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Bitte verwenden Sie keine Zeilenumbrüche oder Steuerzeichen."),
    code="control_characters",
)


def is_slug(value) -> bool:
    """Whether ``value`` has the shape of a term slug (checked before it is used in a query)."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


class EmailAddressField(forms.CharField):
    """An address, returned in its normal form (IDNA domain); ``check_email`` says which are refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-Mail-Adresse"))
        kwargs.setdefault("max_length", MAX_EMAIL_LENGTH)
        kwargs.setdefault("error_messages", {"required": _("Bitte geben Sie Ihre E-Mail-Adresse an.")})
        kwargs.setdefault("widget", forms.EmailInput)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "email", "inputmode": "email", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f]", value):
            raise ValidationError(no_control_characters.message, code="control_characters")
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        return check_email(value) if value else value


class TermChoiceField(forms.ModelChoiceField):
    """One term chosen by slug; anything that is not a slug is refused before the query."""

    def __init__(self, queryset, *, unknown: str, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("– keine Angabe –"))
        super().__init__(queryset, error_messages={"invalid_choice": unknown}, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not is_slug(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class TermsChoiceField(forms.ModelMultipleChoiceField):
    """Several terms chosen by slug (checkboxes); at most ``MAX_CHOICES``, unknown slugs are named."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, *, unknown: str, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("required", False)
        kwargs["error_messages"] = {
            "invalid_choice": unknown,
            "invalid_list": _("Bitte geben Sie eine Liste von Kürzeln an."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(queryset, **kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple):
            if len(value) > MAX_CHOICES:
                raise ValidationError(
                    _("Bitte wählen Sie höchstens %(max)d Einträge."),
                    code="too_many",
                    params={"max": MAX_CHOICES},
                )
            for item in value:
                if not is_slug(item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(item)[:60]},
                    )
            value = list(dict.fromkeys(value))
        # A list, not the lazy queryset Django returns, which would run its query a second time.
        return list(super().clean(value))


class InterestsChoiceField(TermsChoiceField):
    """Interests by their name in the reader's language, in German with the sentence that says what belongs
    to each."""

    def label_from_instance(self, obj: Interest) -> str:
        # The sentence is written in German only: readers in another language get the name alone.
        german = get_language() == default_language()
        return f"{obj} – {obj.description}" if obj.description and german else str(obj)


class ConsentVersionField(TermChoiceField):
    """The version of the consent text the person saw (hidden in the form; the current one if absent)."""

    def __init__(self):
        super().__init__(
            ConsentText.objects.all(),
            unknown=_("Diese Fassung des Einwilligungstexts ist unbekannt. Bitte laden Sie die Seite neu."),
            to_field_name="version",
            widget=forms.HiddenInput,
        )

    def to_python(self, value):
        if value not in self.empty_values and not (
            isinstance(value, str) and re.fullmatch(r"[-\w.]{1,40}", value)
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return forms.ModelChoiceField.to_python(self, value)


# The radii a reader may narrow MINT offers to, in km (the preference centre's "nur Angebote bis 15 km").
RADII_KM = (5, 10, 15, 25)


def page_language() -> str:
    """The language of the page a form is shown on, if newsletters come in it; else German."""
    return reader_language(get_language())


class FacetsForm(forms.Form):
    """The optional facets a subscriber may state: they decide which part of a newsletter they get."""

    name = forms.CharField(
        label=_("Name (freiwillig)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        validators=[no_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Sprache"),
        choices=reader_languages,
        initial=page_language,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Unbekannte Sprache: „%(value)s“.")},
    )
    role = forms.ChoiceField(
        label=_("Ich bin …"),
        choices=[("", _("– keine Angabe –")), *Role.choices],
        required=False,
        error_messages={"invalid_choice": _("Unbekannte Rolle: „%(value)s“.")},
    )
    municipality = TermChoiceField(
        Municipality.objects.all(), label=_("Kommune"), unknown=_("Diese Kommune ist unbekannt.")
    )
    grade_bands = TermsChoiceField(
        GradeBand.objects.all(),
        label=_("Zielgruppen und Klassenstufen"),
        unknown=_("Unbekannte Zielgruppe: „%(value)s“."),
    )
    subjects = TermsChoiceField(
        MintSubject.objects.all(), label=_("MINT-Fächer"), unknown=_("Unbekanntes MINT-Fach: „%(value)s“.")
    )
    interests = InterestsChoiceField(
        Interest.objects.all(), label=_("Interessen"), unknown=_("Unbekanntes Interesse: „%(value)s“.")
    )
    mint_radius_km = forms.TypedChoiceField(
        label=_("MINT-Angebote aus"),
        choices=[
            ("", _("dem ganzen Landkreis")),
            *((km, format_lazy(_("bis {} km"), km)) for km in RADII_KM),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Ein Umkreis gilt ab Ihrer Kommune; Angebote weiter weg erhalten Sie dann nicht."),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen der angebotenen Umkreise.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("mint_radius_km") and not data.get("municipality"):
            self.add_error("mint_radius_km", _("Für einen Umkreis geben Sie bitte auch Ihre Kommune an."))
        return data

    def facets(self) -> Facets:
        """The validated facets (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Facets(
            name=data["name"],
            language=data["language"] or default_language(),
            role=data["role"],
            municipality=data["municipality"],
            grade_bands=tuple(data["grade_bands"]),
            subjects=tuple(data["subjects"]),
            interests=tuple(data["interests"]),
            mint_radius_km=data.get("mint_radius_km"),
        )

    def consent_text(self) -> ConsentText | None:
        """The consent text the person agreed to: the version the page showed, else the current one."""
        return self.cleaned_data.get("consent_version") or ConsentText.objects.current()


class ChannelsChoiceField(TermsChoiceField):
    """Newsletters by their name in the reader's language."""

    def label_from_instance(self, obj: Channel) -> str:
        return obj.reader_name


def channel_field(queryset: QuerySet[Channel], *, required: bool) -> TermsChoiceField:
    return ChannelsChoiceField(
        queryset.prefetch_related("texts"),
        label=_("Newsletter"),
        required=required,
        unknown=_("Unbekannter Newsletter: „%(value)s“."),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Newsletter.")},
    )


class SignupForm(FacetsForm):
    """The sign-up: address, public channels (none preselected), facets and the consent checkbox."""

    field_order = ["email", "channels"]

    email = EmailAddressField()
    channels = channel_field(Channel.objects.filter(is_public=True), required=True)
    consent = forms.BooleanField(
        label=_("Einwilligung"),
        error_messages={
            "required": _("Bitte bestätigen Sie die Einwilligung, sonst können wir Ihnen nichts senden.")
        },
    )
    consent_version = ConsentVersionField()

    # What a link may fill in (the settlement guide's "subscribe" links); never the address or the consent.
    PREFILLED = ("channels", "municipality", "language", "interests")

    @classmethod
    def prefill(cls, query: QueryDict) -> dict:
        """The form's initial values from a link's query string; values that fit no choice show nothing."""
        initial = {}
        for name in cls.PREFILLED:
            values = [value for value in query.getlist(name)[:MAX_CHOICES] if is_slug(value)]
            if values:
                multiple = isinstance(cls.base_fields[name], forms.ModelMultipleChoiceField)
                initial[name] = values if multiple else values[0]
        return initial

    # Asked of pupils (GDPR Art. 8: under 16 a parent or guardian must agree as well).
    at_least_16 = forms.NullBooleanField(
        label=_("Sind Sie mindestens 16 Jahre alt?"),
        required=False,
        widget=forms.RadioSelect(
            choices=[("True", _("Ja, 16 oder älter")), ("False", _("Nein, jünger als 16"))]
        ),
    )
    guardian_email = EmailAddressField(
        label=_("E-Mail eines Elternteils"),
        required=False,
        help_text=_("Nur wenn Sie jünger als 16 Jahre sind."),
    )
    # The honeypot: hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(label=_("Bitte lassen Sie dieses Feld leer"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("role") != Role.STUDENT:
            data["at_least_16"], data["guardian_email"] = None, ""
            return data
        if data.get("at_least_16") is None:
            self.add_error(
                "at_least_16",
                _(
                    "Bitte geben Sie an, ob Sie mindestens 16 Jahre alt sind – das fragen wir alle "
                    "Schülerinnen und Schüler."
                ),
            )
        elif data["at_least_16"]:
            data["guardian_email"] = ""
        elif not data.get("guardian_email") and "guardian_email" not in self.errors:
            self.add_error(
                "guardian_email",
                _(
                    "Wer jünger als 16 ist, braucht die Zustimmung eines Elternteils: Bitte geben Sie dessen "
                    "E-Mail-Adresse an."
                ),
            )
        elif data.get("guardian_email", "").lower() == (data.get("email") or "").lower():
            self.add_error(
                "guardian_email",
                _("Bitte geben Sie die Adresse eines Elternteils an, nicht Ihre eigene."),
            )
        return data

    def is_bot(self) -> bool:
        """True when the honeypot was filled in (only meaningful on a bound form)."""
        return bool(self.data.get("website"))

    def save(self, *, source: str, ip_address: str | None) -> bool:
        """Record the validated sign-up; False when no consent text is current (no sign-up possible)."""
        consent_text = self.consent_text()
        if consent_text is None:
            return False
        data = self.cleaned_data
        request_subscription(
            data["email"],
            data["channels"],
            self.facets(),
            source=source,
            consent_text=consent_text,
            ip_address=ip_address,
            at_least_16=data["at_least_16"],
            guardian_email=data["guardian_email"],
        )
        return True


class PreferencesForm(FacetsForm):
    """The preference centre: facets and the channels to receive; new channels need the consent box.

    Consent to open and click measurement is a box of its own, unticked unless the person ticked it: it is
    optional, and receiving a newsletter never depends on it.
    """

    consent = forms.BooleanField(label=_("Einwilligung"), required=False)
    consent_version = ConsentVersionField()
    tracking_consent = forms.BooleanField(label=TRACKING_CONSENT_TEXT, required=False)

    def __init__(self, *args, subscriber: Subscriber, **kwargs):
        self.subscriber = subscriber
        receiving = Subscription.objects.filter(
            subscriber=subscriber, status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING]
        )
        self.active_channel_ids = set(
            receiving.filter(status=Subscription.Status.ACTIVE).values_list("channel_id", flat=True)
        )
        kwargs.setdefault("initial", self.initial_for(subscriber))
        super().__init__(*args, **kwargs)
        # A non-public channel the person receives (e.g. after an import) stays visible, or saving the page
        # would end it without the person having chosen so.
        self.fields["channels"] = channel_field(
            Channel.objects.filter(Q(is_public=True) | Q(pk__in=receiving.values("channel_id"))),
            required=False,
        )
        self.order_fields(["channels"])
        offering = [channel.name for channel in self.fields["channels"].queryset if channel.offers_reminders]
        if offering:
            self.fields["deadline_reminders"] = forms.BooleanField(
                label=_("Erinnerung vor Anmeldeschluss"),
                help_text=_(
                    "Eine kurze E-Mail %(days)s Tage vor dem Anmeldeschluss passender MINT-Angebote, die "
                    "noch Plätze haben (für: %(channels)s)."
                )
                % {"days": app_settings.reminder_days_before(), "channels": ", ".join(offering)},
                required=False,
                initial=subscriber.subscriptions.filter(deadline_reminders=True).exists(),
            )

    @classmethod
    def initial_for(cls, subscriber: Subscriber) -> dict:
        """The form values that leave everything as it is."""
        return {
            **Facets.of(subscriber).as_slugs(),
            "tracking_consent": subscriber.tracking_consent,
            "channels": [
                channel.slug
                for channel in Channel.objects.filter(
                    subscriptions__subscriber=subscriber, subscriptions__status=Subscription.Status.ACTIVE
                )
            ],
        }

    def clean(self):
        data = super().clean()
        added = [c for c in data.get("channels") or [] if c.pk not in self.active_channel_ids]
        if added and not data.get("consent"):
            self.add_error(
                "consent", _("Bitte bestätigen Sie die Einwilligung für die neu gewählten Newsletter.")
            )
        return data


def legal_basis_field() -> forms.CharField:
    """The legal basis staff declare for addresses they bring in (import or one person by hand)."""
    return forms.CharField(
        label=_("Rechtsgrundlage"),
        max_length=300,
        validators=[no_control_characters],
        help_text=_(
            "Woher stammen die Adressen, und worauf beruht die Einwilligung? Zum Beispiel: "
            "„Double-Opt-in im bisherigen Newslettersystem, Nachweise im Export vom 31.01.2025“."
        ),
    )


class ImportForm(forms.Form):
    """The admin's CSV upload: the file, the legal basis the importer declares, default channels."""

    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: email (Pflicht), name, language, role, municipality, grade_bands, subjects, interests, "
            "channels, double_opt_in_at. Mehrere Kürzel durch Komma trennen."
        ),
    )
    legal_basis = legal_basis_field()
    channels = channel_field(Channel.objects.all(), required=False)
    channels.help_text = _("Gilt für Zeilen ohne Eintrag in der Spalte „channels“.")
