"""Preview of unpublished pages in an external (headless) front end.

Editors keep Wagtail's preview of the site itself. When a front-end URL is configured
(``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]``), a second preview mode opens the draft in that front end: it
receives the page ``type`` (named as in the API's ``meta.type``) and a signed ``token`` and fetches the
draft from the content API's ``page_preview`` endpoint (wagtail-headless-preview). Without a configured URL
the mode is not offered. The link also carries wagtail-headless-preview's lower-case ``content_type``,
deprecated, for front ends built on it.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

HEADLESS_PREVIEW_MODE = "headless"


class HeadlessPreviewable(HeadlessPreviewMixin):
    """Adds the "external front end" preview mode to a page model, next to the site's own preview."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        modes = list(super().preview_modes)
        if headless_preview_settings.CLIENT_URLS:
            modes.append((HEADLESS_PREVIEW_MODE, _("Externes Frontend")))
        return modes

    def get_preview_url(self, request: HttpRequest, token: str) -> str:
        query = {"type": self._meta.label, "content_type": self.get_content_type_str(), "token": token}
        return f"{self.get_client_root_url(request)}?{urlencode(query)}"

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name == HEADLESS_PREVIEW_MODE:
            return super().serve_preview(request, mode_name)
        # Skip the headless mixin: every other mode is the site's own preview.
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
