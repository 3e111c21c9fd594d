"""``manage.py bootstrap_site``: a production site's first start, without demo content.

Creates what the site and its mails need and nothing else: the site record at the host of
``WAGTAILADMIN_BASE_URL`` (instead of Wagtail's "Welcome" page at localhost:80), the home page with its index
pages, the Impressum and Datenschutz pages that every mail links to (with placeholder text for the
editors to replace), and the standard newsletter channels with their consent text — no subscribers, no
issues. Idempotent: a second run changes nothing, and nothing an editor changed is overwritten.
"""

from django.core.management.base import BaseCommand

from cms.demo.loader import BOOTSTRAP_STEPS, load_demo


class Command(BaseCommand):
    help = (
        "Legt beim ersten Start Website, Startseite, Impressum, Datenschutz und die Newsletter-Kanäle an "
        "(ohne Demo-Inhalte und ohne Abonnent/innen). Idempotent."
    )

    def handle(self, *args, **options) -> None:
        report = load_demo(BOOTSTRAP_STEPS)
        created = ", ".join(f"{label} {count}" for label, count in report if label != "Bilder")
        self.stdout.write(self.style.SUCCESS(f"Website eingerichtet (neu: {created})."))
        self.stdout.write(
            "Impressum und Datenschutz enthalten Platzhaltertext: vor dem Start im Redaktionsbereich "
            "anpassen."
        )
