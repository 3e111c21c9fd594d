"""Test mails: a variant of a campaign sent at once to a few given addresses, outside the delivery log.

Test recipients are not subscribers, so their personal links lead to the sign-up page; the subject says
that it is a test.
"""

from django.core.mail import get_connection
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Variant
from campaigns.rendering.personalise import sample_personal
from campaigns.sending import headers
from campaigns.sending.variant_cache import variant_mail

MAX_TEST_RECIPIENTS = 10


def send_test(campaign: Campaign, variant: Variant, addresses: list[str]) -> int:
    """Send the variant to each address over one connection; return the number sent."""
    subject = _("[Test] %(subject)s") % {"subject": campaign.subject_in(variant.language)}
    mail = variant_mail(campaign, variant, subject=subject)
    personal = sample_personal(variant.language)
    list_headers = headers.ListHeaders(campaign.channel)
    messages = [
        mail.message(
            to=address,
            message_id=list_headers.message_id(),
            list_unsubscribe=list_headers.list_unsubscribe(personal.unsubscribe_url),
            personal=personal,
        )
        for address in addresses[:MAX_TEST_RECIPIENTS]
    ]
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages(messages)
