"""URLs of the plugin host: Wagtail, the content API, the subscription API, the newsletter pages and feeds."""

from django.urls import include, path
from ninja import NinjaAPI
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from campaigns.api import errors
from campaigns.api.subscriptions import router as subscriptions_router

api = NinjaAPI(title="Musterstadt API", urls_namespace="api")
errors.install(api)
api.add_router("/v1/subscriptions", subscriptions_router)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", include("page_types.api.urls")),
    path("api/", api.urls),
    path("newsletter/", include("campaigns.subscriptions.urls")),
    path("feeds/", include("campaigns.feeds.urls")),
    path("", include(wagtail_urls)),
]
