"""``manage.py send_campaign ID``: what the admin's confirmed "Senden…" does, from a shell.

Like the admin, it refuses an issue whose current version has not passed its channel's approval.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.approval import refusal
from campaigns.management.lookup import campaign_for
from campaigns.models import Campaign
from campaigns.sending import control
from campaigns.sending.batch import BatchResult
from campaigns.sending.inline import send_inline


class Command(BaseCommand):
    help = _(
        "Versendet eine Newsletter-Ausgabe (über die Hintergrundaufgaben oder mit --inline sofort hier)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument(
            "--inline",
            action="store_true",
            help=_("Ohne Hintergrundaufgaben in diesem Prozess versenden und auf das Ende warten."),
        )

    def handle(self, *args, campaign_id: int, inline: bool, verbosity: int = 1, **options) -> None:
        campaign = campaign_for(campaign_id)
        if campaign.status not in (Campaign.Status.DRAFT, Campaign.Status.SCHEDULED, Campaign.Status.SENDING):
            raise CommandError(
                _("Die Ausgabe ist im Status „%(status)s“ und kann nicht versendet werden.")
                % {"status": campaign.get_status_display()}
            )
        if campaign.status != Campaign.Status.SENDING and (reason := refusal(campaign)):
            raise CommandError(reason)
        if not inline:
            if campaign.status == Campaign.Status.SENDING:
                control.resume(campaign)
                control.dispatch(campaign.pk)
            else:
                control.send_now(campaign)
            self.stdout.write(_("Versand von „%(subject)s“ eingeplant.") % {"subject": campaign.subject})
            return
        totals = BatchResult()

        def progress(result: BatchResult) -> None:
            totals.sent += result.sent
            totals.failed += result.failed
            if verbosity > 1:
                self.stdout.write(_("%(sent)s versendet, %(failed)s fehlgeschlagen") % vars(totals))

        campaign = send_inline(campaign.pk, progress)
        self.stdout.write(
            _("„%(subject)s“: %(status)s – %(sent)s versendet, %(failed)s fehlgeschlagen.")
            % {
                "subject": campaign.subject,
                "status": campaign.get_status_display(),
                "sent": totals.sent,
                "failed": totals.failed,
            }
        )
