"""WSGI entry point for production servers (e.g. ``gunicorn cms.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

application = get_wsgi_application()

# Django checks the configuration for every management command, not for a web server: refuse here, too.
from cms.checks import refuse_unsafe_start  # noqa: E402  (needs the settings loaded above)

refuse_unsafe_start()
