"""URLs below ``/api/v2/``, in the ``wagtailapi`` namespace."""

from django.urls import path, re_path

from page_types.api import views, vocabulary
from page_types.api.router import api_router

app_name = api_router.url_namespace
urlpatterns = [
    path("", views.index, name="index"),
    *api_router.get_urlpatterns(),
    path("vocabulary/", vocabulary.index, name="vocabulary_index"),
    path("vocabulary/<str:kind>/", vocabulary.listing, name="vocabulary"),
    re_path(r"", views.not_found),
]
