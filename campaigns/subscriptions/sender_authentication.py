"""Whether the district's own mail server vouches for a message's ``From`` domain (RFC 8601, RFC 7489).

The receiving MTA (with OpenDKIM/OpenDMARC, rspamd or the like) checks DKIM, SPF and DMARC and writes the
results into ``Authentication-Results`` headers under its own name, the *authserv-id*. Only headers with an
authserv-id the installation lists (``CAMPAIGNS_TRUSTED_AUTHSERV_IDS``) count — anybody can write such a
header into a message, so the MTA must also remove incoming ones that carry its name (RFC 8601 section 5),
which those filters do. A message counts as sent by its ``From`` domain when a trusted header shows
``dmarc=pass`` for that domain, or ``dkim=pass`` with a signing domain aligned with it (the same domain,
or one a parent of the other: relaxed alignment without a public-suffix list).
"""

import re
from collections.abc import Iterable
from email.message import EmailMessage

PROPERTY = re.compile(r'([\w.-]+)=("(?:[^"\\]|\\.)*"|[^\s;]+)')


def _without_comments(value: str) -> str:
    """The header value with its (possibly nested) parenthesised comments removed."""
    previous = None
    while previous != value:
        previous, value = value, re.sub(r"\([^()]*\)", " ", value)
    return value


def results(value: str) -> tuple[str, list[dict[str, str]]]:
    """The authserv-id (lower-cased) and the results of one ``Authentication-Results`` header value.

    Each result maps ``method`` to its result (``dkim`` -> ``pass``) and each property to its value
    (``header.d`` -> ``example.org``), all lower-cased.
    """
    authserv, *resinfos = _without_comments(value).split(";")
    authserv_id = authserv.split()[0].lower() if authserv.split() else ""
    parsed = []
    for resinfo in resinfos:
        pairs = [(name.lower(), raw.strip('"').lower()) for name, raw in PROPERTY.findall(resinfo)]
        if not pairs:
            continue
        (method, result), *properties = pairs
        parsed.append({"method": method.split("/")[0], "result": result, **dict(properties)})
    return authserv_id, parsed


def aligned(signing_domain: str, from_domain: str) -> bool:
    """Relaxed alignment as far as it can be told without a public-suffix list."""
    return (
        signing_domain == from_domain
        or from_domain.endswith(f".{signing_domain}")
        or signing_domain.endswith(f".{from_domain}")
    )


def vouched_for(message: EmailMessage, from_domain: str, trusted_ids: Iterable[str]) -> bool:
    """Whether a trusted ``Authentication-Results`` shows DMARC pass, or aligned DKIM pass, for
    ``from_domain``."""
    trusted = {authserv_id.strip().lower() for authserv_id in trusted_ids if authserv_id.strip()}
    from_domain = from_domain.lower()
    for value in message.get_all("Authentication-Results", []):
        authserv_id, entries = results(str(value))
        if authserv_id not in trusted:
            continue
        for entry in entries:
            if entry["result"] != "pass":
                continue
            if entry["method"] == "dmarc" and entry.get("header.from") == from_domain:
                return True
            if entry["method"] == "dkim" and aligned(entry.get("header.d", ""), from_domain):
                return True
    return False
