"""``manage.py requeue_campaign ID``: what the admin's "Fehlgeschlagene erneut einreihen" button does.

After an outage or a refused sender has been dealt with, the deliveries that failed without their
recipient being refused are queued again and the issue is sent on (``campaigns.sending.control.requeue``).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.management.lookup import campaign_for
from campaigns.sending import control


class Command(BaseCommand):
    help = _(
        "Reiht die Zustellungen einer Ausgabe erneut ein, die nicht an den Empfängern gescheitert sind "
        "(Störung, abgelehnter Absender), und setzt den Versand fort."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("campaign_id", type=int)

    def handle(self, *args, campaign_id: int, **options) -> None:
        campaign = campaign_for(campaign_id)
        if not campaign.prepared_at or campaign.status == campaign.Status.CANCELLED:
            raise CommandError(
                _("Die Ausgabe ist im Status „%(status)s“ und kann nicht erneut eingereiht werden.")
                % {"status": campaign.get_status_display()}
            )
        queued = control.requeue(campaign)
        self.stdout.write(
            _("„%(subject)s“: %(count)s Zustellungen erneut eingereiht.")
            % {"subject": campaign.subject, "count": queued}
        )
