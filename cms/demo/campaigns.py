"""Demo newsletter campaigns: one approved issue per demo channel, ready to preview, test and send, and a
second MINT issue waiting for approval by the "Redaktionsleitung". The MINT issue also speaks to its English
readers in English (subject, preheader, introduction).

The demo's mail goes to the file or SMTP sink the development settings configure, never to a real
address; a campaign is created only for a channel that has none yet, so a second run changes nothing.
The intros start without a salutation: every mail already opens with "Guten Tag …,".
"""

from campaigns.approval import approve, submit
from campaigns.models import Campaign, CampaignText, Channel
from cms.demo.context import DemoContext

CAMPAIGNS = {
    "mint-update": (
        "MINT-Update: Neue Angebote für Schulen, Jugendliche und Eltern",
        "Workshops, Praktika und Wettbewerbe – passend zu Ihrer Klassenstufe",
        "<p>In dieser Ausgabe finden Sie die neuen Angebote aus dem "
        "Landkreis – ausgewählt nach den Klassenstufen und Fächern, die Sie uns genannt haben.</p>",
    ),
    "wirtschaft-im-landkreis": (
        "Wirtschaft im Landkreis: Was sich in Ihrer Kommune bewegt",
        "Nachrichten, Erklärstücke und ein Blick in die Geschichte",
        "<p>Was bedeutet die Wirtschaft für unseren Landkreis und Ihre "
        "Kommune? Hier sind die Neuigkeiten der letzten Wochen.</p>",
    ),
    "leuchttuerme": (
        "Leuchttürme & Innovation: Geschichten aus dem Landkreis",
        "Unternehmen, Hochschulen und Projekte, die uns voranbringen",
        "<p>Der Landkreis Ludwigsburg hat viele Leuchttürme. In dieser "
        "Ausgabe stellen wir Ihnen einige von ihnen vor – und ihre Wurzeln.</p>",
    ),
}
# The approved issues' texts for their English readers, by channel.
ENGLISH = {
    "mint-update": (
        "MINT update: new offers for schools, young people and parents",
        "Workshops, internships and competitions – matching your grade",
        "<p>In this issue you will find the new offers from the district – chosen by the grades and "
        "subjects you told us.</p>",
    ),
}
IN_REVIEW = (
    "mint-update",
    "MINT-Update: Ferienangebote für den Sommer",
    "Feriencamps, Schnupperkurse und Wettbewerbe",
    "<p>Die Sommerferien kommen: Hier sind die Angebote, bei denen man etwas ausprobieren kann.</p>",
)


def load_campaigns(ctx: DemoContext) -> int:
    """Create the approved issue (and, for MINT, the one in review) for each demo channel that has none yet;
    return how many were created."""
    created = 0
    for channel in Channel.objects.filter(slug__in=CAMPAIGNS).exclude(campaigns__isnull=False):
        subject, preheader, intro = CAMPAIGNS[channel.slug]
        campaign = Campaign.objects.create(channel=channel, subject=subject, preheader=preheader, intro=intro)
        if channel.slug in ENGLISH:
            subject, preheader, intro = ENGLISH[channel.slug]
            CampaignText.objects.create(
                campaign=campaign, language="en", subject=subject, preheader=preheader, intro=intro
            )
        approve(campaign, None)
        created += 1
        if channel.slug == IN_REVIEW[0]:
            subject, preheader, intro = IN_REVIEW[1:]
            submit(
                Campaign.objects.create(channel=channel, subject=subject, preheader=preheader, intro=intro),
                None,
            )
            created += 1
    return created
