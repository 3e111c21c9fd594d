"""The host's django-ninja API under ``/api/``: one ``NinjaAPI`` that the plugins' routers are added to.

Its OpenAPI schema is served at ``/api/openapi.json`` and the docs at ``/api/docs`` (assets from the
``ninja`` app's static files, no CDN). Errors are answered in German with field-by-field details.
"""

from ninja import NinjaAPI

from campaigns.api import errors
from campaigns.api.subscriptions import router as subscriptions_router

api = NinjaAPI(
    title="Leuchtturm API",
    version="1",
    description=(
        "Newsletter-Anmeldung und -Einstellungen der Wirtschaftsförderung des Landkreises Ludwigsburg. "
        "Alle Fehlermeldungen sind deutsch; ungültige Angaben ergeben 422 mit Meldungen je Feld."
    ),
    urls_namespace="api",
)
errors.install(api)
api.add_router("/subscriptions", subscriptions_router)
