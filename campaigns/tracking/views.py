"""The measured-link redirect and the open pixel.

Both answer a bad token or link number with the German "link invalid" page (404), never an error; both
count only a GET (link scanners and prefetchers often send HEAD) and only with consent
(``campaigns.tracking.events``). Nothing about the request — address, user agent, referrer — is stored.
"""

import base64

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from campaigns.models import TrackingEvent
from campaigns.tracking.events import UnknownLink, measured_mail, record

Kind = TrackingEvent.Kind
# The smallest transparent GIF (1×1 pixel, 43 bytes).
PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _unknown(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/subscriptions/token_invalid.html", {"expired": False}, status=404)


def _no_store(response: HttpResponse) -> HttpResponse:
    """Neither the browser nor a proxy may keep the answer: each open or click must reach the site."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def click(request: HttpRequest, token: str, number: int) -> HttpResponse:
    """Count the click (with consent) and redirect (302) to the link's stored destination."""
    try:
        mail = measured_mail(token)
        destination = mail.destination(number)
    except UnknownLink:
        return _unknown(request)
    if request.method == "GET":
        record(mail, Kind.CLICK, number)
    return _no_store(HttpResponseRedirect(destination))


@require_safe
def open_pixel(request: HttpRequest, token: str) -> HttpResponse:
    """Count the open (with consent) and answer a transparent 1×1 GIF."""
    try:
        mail = measured_mail(token)
    except UnknownLink:
        return _unknown(request)
    if request.method == "GET":
        record(mail, Kind.OPEN)
    return _no_store(HttpResponse(PIXEL_GIF, content_type="image/gif"))
