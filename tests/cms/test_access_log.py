"""No reader's token reaches the proxy's access log: the nginx log format documented in docs/OPERATIONS.md
replaces the token in every personal link's path and logs neither query strings nor the Referer.

nginx's PCRE map is applied here with Python's ``re`` (the documented pattern uses nothing the two read
differently), to the real URLs the site builds with real tokens."""

import re

from django.urls import reverse

from campaigns.models import Subscriber
from campaigns.tokens import CONFIRM, ERASE, PREFERENCES, UNSUBSCRIBE, make_token
from tests.processes import ROOT

GUIDE = (ROOT / "docs" / "OPERATIONS.md").read_text()
MAP_RULE = re.compile(r'^\s*"~(?P<pattern>[^"]+)" "(?P<value>[^"]+)";$', re.MULTILINE)


def loggable(uri: str) -> str:
    """What the documented ``map $uri $leuchtturm_loggable_uri`` turns ``uri`` into."""
    rule = MAP_RULE.search(GUIDE.split("map $uri $leuchtturm_loggable_uri {", 1)[1])
    pattern = rule.group("pattern").replace("(?<", "(?P<")
    value = re.sub(r"\$\{(\w+)\}", r"\\g<\1>", rule.group("value"))
    match = re.match(pattern, uri)
    return match.expand(value) if match else uri


def test_personal_links_lose_their_token(db):
    subscriber = Subscriber.objects.create(email="leserin@example.org")
    links = {
        reverse(
            "newsletter:confirm", kwargs={"token": make_token(subscriber, CONFIRM)}
        ): "/newsletter/confirm/-/",
        reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)}): (
            "/newsletter/preferences/-/"
        ),
        reverse("newsletter:unsubscribe", kwargs={"token": make_token(subscriber, UNSUBSCRIBE)}): (
            "/newsletter/unsubscribe/-/"
        ),
        reverse("newsletter:my_data_json", kwargs={"token": make_token(subscriber, PREFERENCES)}): (
            "/newsletter/preferences/-/data.json"
        ),
        reverse("newsletter:erase", kwargs={"token": make_token(subscriber, ERASE)}): "/newsletter/erase/-/",
        reverse("newsletter:click", kwargs={"token": "Zx81.abc:def", "number": 3}): "/newsletter/link/-/3/",
        f"/api/subscriptions/preferences/{make_token(subscriber, PREFERENCES)}": (
            "/api/subscriptions/preferences/-"
        ),
    }
    for uri, logged in links.items():
        assert loggable(uri) == logged, uri
    assert loggable("/leuchttuerme/ein-leuchtturm/") == "/leuchttuerme/ein-leuchtturm/"


def test_the_log_format_leaves_out_query_strings_and_referers():
    log_format = GUIDE.split("log_format leuchtturm", 1)[1].split(";", 1)[0]
    assert "$leuchtturm_loggable_uri" in log_format
    for leaky in ("$request_uri", "$request ", "$args", "$query_string", "$http_referer", '$request"'):
        assert leaky not in log_format
    assert "access_log /var/log/nginx/leuchtturm.access.log leuchtturm;" in GUIDE
