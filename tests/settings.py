"""Settings for the test suite: the project's own settings with a throw-away key and data directory.

The environment still wins, so the same suite runs against PostgreSQL and Redis when ``DATABASE_URL`` and
``REDIS_URL`` are set.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 40)
os.environ.setdefault("LEUCHTTURM_VAR_DIR", tempfile.mkdtemp(prefix="leuchtturm-test-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from cms.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
