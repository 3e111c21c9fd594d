"""API keys of server relays: a front end's server that forwards sign-ups may name the visitor's address.

Only the key's SHA-256 digest is stored, with its first characters to tell keys apart; the key itself is
shown once, when it is created. A key is 256 random bits, so a fast hash is enough (nobody can try keys
against a digest), and a request finds its key by the digest alone.
"""

import hashlib
import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KEY_PREFIX = "ltk_"
KEY_BYTES = 32
SHOWN_CHARACTERS = 12


def key_digest(key: str) -> str:
    """The digest a key is stored and looked up as."""
    return hashlib.sha256(key.encode()).hexdigest()


def origin_lines(value: str) -> list[str]:
    """The origins of a text with one per line, lower-case, blank lines left out."""
    return [line.strip().lower().rstrip("/") for line in value.splitlines() if line.strip()]


def validate_origins(value: str) -> None:
    """Each line must be an origin such as ``https://www.asperg.de`` (scheme, host, optional port)."""
    for origin in origin_lines(value):
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
            raise ValidationError(
                _("„%(origin)s“ ist keine Herkunft wie https://www.asperg.de."),
                params={"origin": origin[:80]},
            )


class ApiKeyQuerySet(models.QuerySet):
    def for_key(self, key: str) -> "ApiKey | None":
        """The key's record, active or not; ``None`` for a key never issued."""
        return self.filter(digest=key_digest(key)).first()


class ApiKey(models.Model):
    """A server relay's key: with it, the relay's requests may name the visitor they are made for."""

    name = models.CharField(
        _("Name"), max_length=120, help_text=_("Wer den Schlüssel nutzt, z. B. „Asperg.de“.")
    )
    prefix = models.CharField(_("Schlüsselanfang"), max_length=SHOWN_CHARACTERS, editable=False)
    digest = models.CharField(_("Prüfsumme"), max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("Aktiv"), default=True)
    allowed_origins = models.TextField(
        _("Erlaubte Herkünfte"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "Eine Herkunft je Zeile (z. B. https://www.asperg.de). Ist eine angegeben, gilt der Schlüssel "
            "nur für Anfragen mit dieser Origin-Angabe; leer: für jede."
        ),
    )
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("one", "API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def issue(self) -> str:
        """Give the record a fresh key and return it; only its digest and first characters are kept."""
        key = KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)
        self.digest = key_digest(key)
        self.prefix = key[:SHOWN_CHARACTERS]
        return key

    def admits_origin(self, origin: str | None) -> bool:
        """Whether a request with this ``Origin`` header may use the key."""
        allowed = origin_lines(self.allowed_origins)
        return not allowed or (origin or "").strip().lower().rstrip("/") in allowed
