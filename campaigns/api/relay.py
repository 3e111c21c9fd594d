"""Server relays: a front end's server that forwards its visitors' sign-ups, authenticated by an API key.

Without a key every visitor of a relay shares the relay's address, and so its sign-up limit. A relay sends
its key as ``Authorization: Bearer <key>`` and the visitor's IP address in ``Visitor-IP``; with a valid
key the rate limit counts, and the consent log records, that visitor instead of the relay. Without a key
(or with another scheme than ``Bearer``) ``Visitor-IP`` is ignored. An unknown key is refused with 401, a
deactivated one or one sent from an origin it is not allowed for with 403 — before anything is done.
"""

import ipaddress

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from campaigns.models import ApiKey
from campaigns.subscriptions import ratelimit

VISITOR_HEADER = "Visitor-IP"
# request.auth of a request without a key: anyone may use the subscription API.
PUBLIC = "public"
# Added to each operation's OpenAPI security: the key is optional.
KEY_OPTIONAL = {"security": [{}]}


class RelayKey(HttpBearer):
    """The optional API key of a server relay (ninja's bearer authentication)."""

    openapi_description = (
        "Nur für Server, die Anmeldungen weiterleiten: der im Admin angelegte API-Schlüssel. Mit ihm zählt "
        "die Anmeldegrenze je Besucher-Adresse aus dem Header „Visitor-IP“; ohne Schlüssel gilt er nicht."
    )

    def __call__(self, request: HttpRequest) -> ApiKey | str:
        return super().__call__(request) or PUBLIC

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey:
        key = ApiKey.objects.for_key(token.strip()[:200])
        if key is None:
            raise HttpError(401, _("Der API-Schlüssel ist ungültig."))
        if not key.active:
            raise HttpError(403, _("Der API-Schlüssel ist deaktiviert."))
        if not key.admits_origin(request.headers.get("Origin")):
            raise HttpError(403, _("Der API-Schlüssel gilt nicht für diese Herkunft (Origin)."))
        if (visitor := request.headers.get(VISITOR_HEADER)) is not None:
            try:
                address = ipaddress.ip_address(visitor.strip())
            except ValueError:
                raise HttpError(400, _("„Visitor-IP“ ist keine IP-Adresse.")) from None
            ratelimit.relay_for(request, str(address))
        return key
