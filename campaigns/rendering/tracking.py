"""Measured links and the open pixel of a tracked variant, and their removal for previews and test mails.

Only variants whose recipients consented on a channel that allows measurement pass through ``add_tracking``
(``campaigns.rendering.variants`` plans them apart), so every other mail holds no redirect and no pixel.
Each content link of the HTML part — an ``http``/``https`` link of an ``<a>``, except those in
``exclude`` such as the Impressum — becomes the site's own redirect URL with the recipient's token
placeholder and the link's number; the destinations are returned so that they are stored with the variant
and the redirect can only ever lead to a URL that was in the mail. The personal links (preferences,
unsubscribe) are placeholders, not ``http`` links, and mailto links are not ``http`` either: both stay.

The plain-text part is not measured: a text reader sees every URL in full before following it, and a
redirect URL there would hide the destination behind an address of ours; text has no pixel either.
"""

import html
import re
from collections.abc import Collection

from django.urls import reverse

from campaigns.rendering.content import absolute
from campaigns.rendering.personalise import TOKEN_MARK, TRACKING_TOKEN, placeholder

_CONTENT_LINK = re.compile(r'(<a\s[^>]*?\bhref=")(https?://[^"]+)(")', re.IGNORECASE)


def _personal(url_name: str, **kwargs) -> str:
    """An absolute URL of the site whose token is the recipient's placeholder."""
    url = absolute(reverse(url_name, kwargs={"token": TOKEN_MARK, **kwargs}))
    return url.replace(TOKEN_MARK, placeholder(TRACKING_TOKEN))


def click_url(number: int) -> str:
    """The redirect URL of link ``number`` (from 1), with the token placeholder."""
    return _personal("newsletter:click", number=number)


def pixel() -> str:
    """The open pixel: a 1×1 image from the site itself, empty ``alt`` so readers skip it."""
    return (
        f'<img alt="" src="{_personal("newsletter:open")}" width="1" height="1" '
        'style="display:block;width:1px;height:1px;border:0;" />'
    )


def add_tracking(markup: str, exclude: Collection[str] = ()) -> tuple[str, list[str]]:
    """The HTML with measured content links and the open pixel, and the links' destinations in order.

    A destination that appears several times (image, title and button of one item) gets one number, so
    the report counts clicks per destination.
    """
    links: list[str] = []

    def rewrite(match: re.Match) -> str:
        url = html.unescape(match.group(2))
        if url in exclude:
            return match.group(0)
        if url not in links:
            links.append(url)
        return f"{match.group(1)}{click_url(links.index(url) + 1)}{match.group(3)}"

    measured = _CONTENT_LINK.sub(rewrite, markup)
    body_end = measured.rfind("</body>")
    if body_end < 0:
        body_end = len(measured)
    return f"{measured[:body_end]}{pixel()}{measured[body_end:]}", links


def without_tracking(markup: str, links: list[str]) -> str:
    """A tracked variant's HTML as it was before ``add_tracking``, for previews and test mails.

    Editors and test recipients are not subscribers: nothing of theirs is measured, and the links they
    try must lead to the destinations.
    """
    for number, url in enumerate(links, start=1):
        markup = markup.replace(f'href="{click_url(number)}"', f'href="{html.escape(url)}"')
    return markup.replace(pixel(), "")
