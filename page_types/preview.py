"""Preview of unpublished pages in an external (headless) front end.

Editors keep Wagtail's preview of the site itself. When a front-end URL is configured
(``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]``), a second preview mode opens the draft in that front end: it
receives ``content_type`` and a signed ``token`` and fetches the draft from the content API's
``page_preview`` endpoint (wagtail-headless-preview). Without a configured URL the mode is not offered.
"""

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

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name == HEADLESS_PREVIEW_MODE:
            return super().serve_preview(request, mode_name)
        # Skip the headless mixin: every other mode is the site's own preview.
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
