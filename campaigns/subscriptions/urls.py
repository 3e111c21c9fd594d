"""Public newsletter URLs, mounted by the host project at ``newsletter/``.

The names are an interface: the campaign engine builds the links in every mail with
``reverse("newsletter:unsubscribe", kwargs={"token": ...})`` and ``newsletter:preferences``; measured mails
link to ``newsletter:click`` and ``newsletter:open`` (``campaigns.tracking``), and each mail to its web
version, ``newsletter:issue_variant`` (``campaigns.archive``).
"""

from django.urls import path

from campaigns.archive import views as archive_views
from campaigns.subscriptions import my_data, views
from campaigns.tracking import views as tracking_views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("danke/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm_page, name="confirm"),
    path("guardian/<str:token>/", views.guardian_page, name="guardian"),
    path("renew/<str:token>/", views.renew_link, name="renew"),
    path("preferences/<str:token>/", views.preferences_page, name="preferences"),
    path("preferences/<str:token>/data/", my_data.my_data_page, name="my_data"),
    path("preferences/<str:token>/data.json", my_data.my_data_json, name="my_data_json"),
    path("preferences/<str:token>/erase/", my_data.erase_request, name="erase_request"),
    path("erase/<str:token>/", my_data.erase_page, name="erase"),
    path("unsubscribe/<str:token>/", views.unsubscribe_page, name="unsubscribe"),
    path("link/<str:token>/<int:number>/", tracking_views.click, name="click"),
    path("open/<str:token>/", tracking_views.open_pixel, name="open"),
    path("<slug:channel_slug>/archiv/", archive_views.archive, name="archive"),
    path("<slug:channel_slug>/archiv/atom/", archive_views.archive_feed, name="archive_feed"),
    path("<slug:channel_slug>/<int:issue_id>/", archive_views.issue, name="issue"),
    path(
        "<slug:channel_slug>/<int:issue_id>/<str:web_key>/",
        archive_views.issue_variant,
        name="issue_variant",
    ),
]
