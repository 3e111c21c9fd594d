"""``manage.py resume_sending``: release the hold that a restore (or a long silence) put on all sending.

Run it after re-applying the provider's suppression list (``import_suppressions``) and checking the issues
that were sending or scheduled at backup time. Issues still scheduled get their schedule back (one whose
time has passed starts at once: unschedule or cancel it first if it should not).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.sending import control, hold


class Command(BaseCommand):
    help = _("Gibt den Versand nach einer Wiederherstellung frei (die Worker halten ihn bis dahin an).")

    def handle(self, *args, **options) -> None:
        since = hold.release()
        if since is None:
            self.stdout.write(_("Der Versand war nicht angehalten."))
        else:
            self.stdout.write(_("Versand freigegeben (angehalten seit %(since)s).") % {"since": since})
        for campaign in Campaign.objects.filter(status=Campaign.Status.SCHEDULED):
            control.schedule(campaign, campaign.scheduled_at or timezone.now())
            self.stdout.write(
                _("Geplant: „%(subject)s“ am %(when)s")
                % {"subject": campaign.subject, "when": campaign.scheduled_at}
            )
        for campaign in Campaign.objects.filter(status=Campaign.Status.SENDING, paused=False):
            control.dispatch(campaign.pk)
            self.stdout.write(_("Wird fortgesetzt: „%(subject)s“") % {"subject": campaign.subject})
