"""Feed URLs, mounted by the host project at ``feeds/``: ``<channel>/rss/``, ``atom/``, ``json/``, ``ics/``.

The names (``feeds:channels``, ``feeds:rss`` …) are an interface for templates and the autodiscovery tag.
"""

from django.urls import path

from campaigns.feeds import views
from campaigns.feeds.outlets import OUTLETS

app_name = "feeds"

urlpatterns = [
    path("", views.channel_list, name="channels"),
    *(path(f"<slug:channel>/{name}/", views.feed, {"outlet": name}, name=name) for name in OUTLETS),
]
