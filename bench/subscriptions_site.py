"""Settings for ``bench/subscriptions.py``: the project's own settings with one trivial view added.

The trivial view (``bench/subscriptions_urls.py``) is the ceiling the sign-up rate is compared with: the same
gunicorn, middleware and database set-up, but no work.
"""

from cms.settings import *  # noqa: F403

ROOT_URLCONF = "bench.subscriptions_urls"
