"""Checking, normalising and hashing e-mail addresses.

One normal form is used for storage, lookups and suppression hashes: surrounding whitespace removed, the
domain lower-cased and stored in IDNA (ASCII) form, the local part kept as typed (RFC 5321 leaves its case
to the receiving server). Anything that could smuggle a header (CR, LF, NUL) is rejected, not cleaned.

A new address — at sign-up, in the API, in an import, in the admin — must also be one that plain SMTP can
carry (``check_email``): its local part ASCII. Django's validator lets some others through (it matches
case-insensitively, so ``ſ`` and the Kelvin sign pass as ``s`` and ``k``); a mail server without SMTPUTF8
cannot take them, so they are refused with a clear message instead of failing at every send.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_EMAIL_LENGTH = 254
FORBIDDEN_CHARACTERS = ("\r", "\n", "\0", "\t")


def normalise_email(address: str) -> str:
    """Return the normal form of ``address`` or raise ``ValidationError`` with a German message."""
    if not isinstance(address, str) or any(c in address for c in FORBIDDEN_CHARACTERS):
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), code="invalid")
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), code="invalid")
    try:
        domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValidationError(
            _("Die Domain der E-Mail-Adresse ist ungültig."), code="invalid_domain"
        ) from error
    normalised = f"{local}@{domain}"
    if len(normalised) > MAX_EMAIL_LENGTH:
        raise ValidationError(_("Die E-Mail-Adresse ist zu lang."), code="too_long")
    try:
        validate_email(normalised)
    except ValidationError as error:
        # Django's own message addresses the reader informally ("Gib …"); every other message here says "Sie".
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), code="invalid") from error
    return normalised


def check_email(address: str) -> str:
    """The normal form of a new address that plain SMTP can deliver to, or ``ValidationError`` in German.

    The one check of every address that enters the system: sign-up form, API, import and the admin.
    """
    if isinstance(address, str) and not address.strip().rpartition("@")[0].isascii():
        raise ValidationError(
            _(
                "Adressen mit Umlauten oder anderen Sonderzeichen vor dem @ können wir leider nicht "
                "zustellen. Bitte verwenden Sie eine Adresse, die vor dem @ nur lateinische Buchstaben, "
                "Ziffern und Zeichen wie . - _ + enthält."
            ),
            code="non_ascii_local_part",
        )
    return normalise_email(address)


def email_hash(normalised_address: str) -> str:
    """A stable SHA-256 of the normalised address, for suppressions and anonymous log entries.

    The domain is already lower-case; the local part is lower-cased here as well so that a suppression
    holds for every spelling of the same mailbox.
    """
    local, _at, domain = normalised_address.rpartition("@")
    return hashlib.sha256(f"{local.lower()}@{domain}".encode()).hexdigest()
