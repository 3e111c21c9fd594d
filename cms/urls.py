"""URL configuration: admin, APIs, newsletter pages, feeds, search, sitemap, and Wagtail's page tree last.

The site's own views are named (``search``, ``sitemap``, ``robots_txt``), so that templates and the plugins
reverse them; the pages, the search and the newsletter pages carry the language prefix of a translation
(``/en/…``).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api, unversioned
from cms.login_throttle import ThrottledLoginView
from cms.metrics import metrics
from cms.views import alive, health, robots_txt
from page_types.search.views import search

api_urls = api.urls  # built once: django-ninja registers its namespace when they are built

urlpatterns = [
    # Browsers ask for /favicon.ico whatever a page links. The redirect is permanent, so it names the icon's
    # stable unhashed static path, which every deploy keeps, not the hashed name {% static %} gives base.html.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}cms/favicon.svg", permanent=True)),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Every live, public page of the site that the request is for, at its configured address.
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail's login with failed attempts throttled per account and per client (cms/login_throttle.py).
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The content API first: the subscription API below owns the rest of api/ (/api/v1/subscriptions).
    path("api/v2/", include("page_types.api.urls")),
    path("health/", health, name="health"),
    path("api/health/", alive, name="alive"),
    path("metrics/", metrics, name="metrics"),
    path("api/", api_urls),
    # The subscription API's paths before /api/v1/ (deprecated, answered the same until their sunset).
    path("api/", include(unversioned(api_urls[0]))),
    # The installation's ESP webhooks (none for plain SMTP); campaigns.webhooks turns bounces and complaints
    # into suppressions.
    path("webhooks/anymail/", include("campaigns.webhooks.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The pages, the search, the newsletter pages and the feeds in each content language: German without a
# prefix (its addresses stay as they were), the others under theirs (/en/…); Wagtail routes /en/… to the
# English translation of the home page, a mail links its reader's language (campaigns.page_links), and a
# feed under /en/feeds/ is the English one.
urlpatterns += i18n_patterns(
    path("suche/", search, name="search"),
    path("newsletter/", include("campaigns.subscriptions.urls")),
    path("feeds/", include("campaigns.feeds.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
