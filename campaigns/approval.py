"""Whether an issue may be sent, in the words an editor reads when it may not.

The admin's send and schedule actions and ``manage.py send_campaign`` ask the same question here, so that
no door sends an issue whose current version did not pass its channel's approval. Test mails do not ask.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from campaigns.models import Campaign


def refusal(campaign: Campaign) -> str | None:
    """Why the issue may not be sent yet, or ``None`` when its current version is approved."""
    if campaign.is_approved:
        return None
    values = {"subject": campaign.subject}
    if campaign.workflow_in_progress:
        return _("„%(subject)s“ wartet noch auf die Freigabe und kann erst danach versendet werden.") % values
    if campaign.channel.requires_approval:
        return (
            _(
                "„%(subject)s“ ist nicht freigegeben: Die aktuelle Fassung muss zuerst zur Freigabe "
                "eingereicht und freigegeben werden."
            )
            % values
        )
    return _("„%(subject)s“ hat unveröffentlichte Änderungen: Bitte zuerst veröffentlichen.") % values


def submit(campaign: Campaign, user: AbstractBaseUser | None) -> WorkflowState:
    """Submit the issue's current content to its channel's workflow, as "Zur Freigabe einreichen" does."""
    campaign.save_revision(user=user)
    return campaign.get_workflow().start(campaign, user)


def approve(campaign: Campaign, user: AbstractBaseUser | None) -> None:
    """Submit and approve the current content in one step (for loaders such as the demo's)."""
    task_state = submit(campaign, user).current_task_state
    task_state.task.specific.on_action(task_state, user, "approve")
