"""The subscribers' viewset: list, filter, edit (logged), erase, proof of consent, import and export.

Subscriber records are changed only in ways the consent log can account for: "delete" is the GDPR erasure
that keeps the hashed suppression, edits are logged, and the address itself is read-only — a consent was
given for one address.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views import snippets

from campaigns.admin import subscriber_views
from campaigns.admin.subscription_panel import SubscriptionsPanel
from campaigns.models import Channel, ConsentEvent, Role, Subscriber, Subscription
from campaigns.subscriptions.consent_log import record
from campaigns.subscriptions.gdpr import erase_subscriber
from page_types.models import Municipality
from page_types.snippets import SnippetChooserViewSet, SnippetViewSet


class SubscriberFilterSet(WagtailFilterSet):
    """Status and channel filter the same subscription: "active on MINT-Update", not "active somewhere"."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Subscription.Status.choices, method="filter_subscription"
    )
    channel = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kanal"), queryset=Channel.objects.all(), method="filter_subscription"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kommune"), queryset=Municipality.objects.all()
    )
    role = django_filters.ChoiceFilter(label=gettext_lazy("Rolle"), choices=Role.choices)

    class Meta:
        model = Subscriber
        fields = ["status", "channel", "municipality", "role"]

    def filter_subscription(self, queryset, name, value):
        data = self.form.cleaned_data
        if name == "channel" and data.get("status"):
            return queryset  # applied together with the status
        subscriptions = Subscription.objects.filter(subscriber=OuterRef("pk"))
        if data.get("status"):
            subscriptions = subscriptions.filter(status=data["status"])
        if data.get("channel"):
            subscriptions = subscriptions.filter(channel=data["channel"])
        return queryset.filter(Exists(subscriptions))


def subscriptions_summary(subscriber: Subscriber) -> str:
    return ", ".join(f"{s.channel.name} ({s.get_status_display()})" for s in subscriber.subscriptions.all())


class SubscriberIndexView(snippets.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("municipality")
            .prefetch_related("subscriptions__channel")
        )

    @property
    def header_buttons(self):
        buttons = []
        if self.permission_policy.user_has_permission(self.request.user, "import"):
            url = reverse(self.viewset_url("import"))
            buttons.append(HeaderButton(_("CSV-Import und -Export"), url=url, icon_name="upload"))
        return buttons

    def viewset_url(self, name: str) -> str:
        return self.index_url_name.rsplit(":", 1)[0] + f":{name}"

    # (label, URL name, icon, permission needed)
    subscriber_actions = [
        (gettext_lazy("Einwilligungsnachweis"), "proof", "doc-full", "view"),
        (gettext_lazy("Daten exportieren (JSON)"), "export_json", "download", "export"),
        (gettext_lazy("Daten löschen (DSGVO)"), "delete", "bin", "erase"),
    ]

    def get_list_more_buttons(self, instance):
        """Edit, then the data-protection actions the user may take; Wagtail's own delete is the erasure."""
        delete_url = self.get_delete_url(instance)
        buttons = [button for button in super().get_list_more_buttons(instance) if button.url != delete_url]
        for priority, (label, name, icon, action) in enumerate(self.subscriber_actions, start=15):
            if self.permission_policy.user_has_permission(self.request.user, action):
                url = reverse(self.viewset_url(name), args=[instance.pk])
                buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class SubscriberCreateView(snippets.CreateView):
    """Wagtail's plain "add" would skip consent: one person is added by the import's rule instead."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(self.index_url_name.rsplit(":", 1)[0] + ":add_person")


class SubscriberEditView(snippets.EditView):
    """Edits by staff go into the consent log, with the fields changed."""

    def save_instance(self):
        instance = super().save_instance()
        if self.form.changed_data:
            detail = _("%(fields)s, durch %(user)s") % {
                "fields": ", ".join(self.form.changed_data),
                "user": self.request.user.get_username(),
            }
            record(
                instance,
                ConsentEvent.Event.PREFERENCES_CHANGED,
                source=ConsentEvent.Source.ADMIN,
                detail=detail,
            )
        return instance


class SubscriberEraseView(snippets.DeleteView):
    """The admin's delete is the GDPR erasure: personal data goes, the hashed suppression stays."""

    permission_required = "erase"
    page_title = gettext_lazy("Daten löschen (DSGVO)")
    success_message = gettext_lazy("Die Daten wurden gelöscht; die Adresse ist dauerhaft gesperrt.")

    @property
    def confirmation_message(self):
        return _(
            "Löschen heißt: Name, Adresse, Angaben und Abonnements dieser Person werden unwiderruflich "
            "gelöscht, das Einwilligungsprotokoll behält nur anonyme Einträge, und die Adresse wird "
            "gesperrt – sie kann nie wieder angeschrieben, importiert oder neu angemeldet werden, auch nicht "
            "von der Person selbst. Möchte jemand nur einen Newsletter nicht mehr erhalten, melden Sie ihn "
            "stattdessen im Bearbeitungsformular von diesem Kanal ab. Fortfahren?"
        )

    def get_success_message(self):
        return str(self.success_message)

    def delete_action(self):
        erase_subscriber(self.object, source=ConsentEvent.Source.ADMIN)


SUBSCRIBER_PERMISSIONS = ("view", "add", "change", "delete")


def _for_subscriber_staff(view):
    """Refuse the view to users without any subscriber permission (the "Kampagnen" group has them)."""

    def guarded(request, *args, **kwargs):
        if not any(
            request.user.has_perm(f"campaigns.{action}_subscriber") for action in SUBSCRIBER_PERMISSIONS
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class SubscriberChooserViewSet(SnippetChooserViewSet):
    """Wagtail's chooser checks no permission of its own; it would list every address to any editor."""

    @property
    def choose_view(self):
        return _for_subscriber_staff(super().choose_view)

    @property
    def choose_results_view(self):
        return _for_subscriber_staff(super().choose_results_view)

    @property
    def chosen_view(self):
        return _for_subscriber_staff(super().chosen_view)

    @property
    def chosen_multiple_view(self):
        return _for_subscriber_staff(super().chosen_multiple_view)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Abonnent/innen")
    chooser_viewset_class = SubscriberChooserViewSet
    index_view_class = SubscriberIndexView
    add_view_class = SubscriberCreateView
    edit_view_class = SubscriberEditView
    delete_view_class = SubscriberEraseView
    copy_view_enabled = False
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "name"]
    search_backend_name = None
    list_display = [
        "email",
        "name",
        "municipality",
        Column("subscriptions", label=gettext_lazy("Abonnements"), accessor=subscriptions_summary),
        DateColumn("created_at", label=gettext_lazy("Angelegt")),
    ]
    ordering = ["email"]
    panels = [
        SubscriptionsPanel(heading=gettext_lazy("Abonnements und Einwilligungen")),
        FieldPanel("email", read_only=True),
        FieldPanel("name"),
        FieldPanel("language"),
        FieldPanel("role"),
        FieldPanel("municipality"),
        FieldPanel("grade_bands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("subjects", widget=forms.CheckboxSelectMultiple),
        FieldPanel("interests", widget=forms.CheckboxSelectMultiple),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("proof/<int:pk>/", subscriber_views.proof_of_consent, name="proof"),
            path("export/<int:pk>/", subscriber_views.export_subscriber_json, name="export_json"),
            path("import/", subscriber_views.ImportView.as_view(), name="import"),
            path("export.csv", subscriber_views.export_csv, name="export_csv"),
            path("import-vorlage.csv", subscriber_views.import_template_csv, name="import_template"),
            path("hinzufuegen/", subscriber_views.AddSubscriberView.as_view(), name="add_person"),
            path(
                "<int:pk>/abmelden/<int:channel_pk>/",
                subscriber_views.unsubscribe_from_channel,
                name="unsubscribe_channel",
            ),
        ]
