"""Settings for the test suite: the project's own settings with a throw-away key and data directory.

The environment still wins, so the same suite runs against PostgreSQL and Redis when ``DATABASE_URL`` and
``REDIS_URL`` are set.
"""

import os
import tempfile
import uuid

os.environ.setdefault("SECRET_KEY", "test-only-Qm7vX2rT9kLp4WzN8cYb3HdJ6fGs1")
os.environ.setdefault("LEUCHTTURM_VAR_DIR", tempfile.mkdtemp(prefix="leuchtturm-test-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# A Redis shared by several runs and xdist workers keeps each one's keys and queues apart; subprocesses
# (qcluster, gunicorn) inherit the prefix and so talk to the same queue as the test that started them.
os.environ.setdefault("REDIS_KEY_PREFIX", f"leuchtturm-test-{uuid.uuid4().hex[:12]}")
if (worker := os.environ.get("PYTEST_XDIST_WORKER")) and not os.environ["REDIS_KEY_PREFIX"].endswith(worker):
    os.environ["REDIS_KEY_PREFIX"] += f"-{worker}"

from cms.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# WhiteNoise warns at every start of the middleware when STATIC_ROOT does not exist (no collectstatic here).
STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STATIC_ROOT.mkdir(exist_ok=True)
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
# Workers share one Redis database: clearing the cache must not empty the other workers' keys.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.cache.PrefixScopedRedisCache"  # noqa: F405
# The suite runs production-like (DEBUG off) on loopback: SQLite or a local PostgreSQL, mail kept in memory,
# links to 127.0.0.1 — what cms/checks.py refuses for a real site (tests/cms/test_checks.py tests it).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "cms.E001", "cms.E002", "cms.E003", "cms.E004", "cms.E005"]  # noqa: F405
# Indexing a page for search is a third of what building one costs (Wagtail indexes it on every save), and
# most tests never search. The tests that do are in modules marked ``search_index`` (tests/conftest.py), for
# which saving indexes as in production; processes started like production (tests/processes.py) index too.
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # noqa: F405
