"""What the welcome tests read from the SMTP sink."""

from email.message import EmailMessage


def welcomes(sink, address: str) -> list[EmailMessage]:
    """The welcome mails (German or English) the sink received for ``address``."""
    return [
        m.message
        for m in sink.handler.to(address)
        if m.message["Subject"].startswith(("Willkommen", "Welcome"))
    ]
