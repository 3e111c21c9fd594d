"""Impressum and privacy notice of the demo site, as rich text for two ``StandardPage``s.

Written for the district's administration as publisher. The privacy notice explains the newsletter as the
outreach plugin implements it: double opt-in, the stored facets, the consent log, unsubscribing from every
mail, open and click measurement only with separate consent, what is erased when (the retention periods as
configured, ``campaigns.subscriptions.retention``), and the rights under the GDPR with the data-protection
contact of ``settings.DATA_PROTECTION_CONTACT``. The notice is written when the page is created, so it
states the settings of that moment. Both carry a note that they are demo texts to be checked before going
live.
"""

from django.conf import settings
from django.utils.html import escape

from campaigns import app_settings
from cms.demo.outreach import quoted_channel_names

DEMO_NOTE = (
    "<p><i>Hinweis: Dies ist ein Demo-Text. Vor dem Livegang prüft die Kreisverwaltung alle Angaben und "
    "ergänzt sie, wo nötig.</i></p>"
)

PUBLISHER = (
    "<p><b>Landratsamt Ludwigsburg</b><br/>Wirtschaftsförderung<br/>"
    "Hindenburgstraße 40<br/>71638 Ludwigsburg</p>"
)

IMPRESSUM = f"""{DEMO_NOTE}
<h2>Herausgeber</h2>
{PUBLISHER}
<p>Der Landkreis Ludwigsburg ist eine Körperschaft des öffentlichen Rechts. Er wird vertreten durch den
Landrat.</p>
<h2>Kontakt</h2>
<p>Telefon: 07141 144-0<br/>E-Mail: wirtschaftsfoerderung@landkreis-ludwigsburg.de</p>
<h2>Aufsichtsbehörde</h2>
<p>Regierungspräsidium Stuttgart</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Verantwortlich im Sinne von § 18 Abs. 2 Medienstaatsvertrag ist die Leitung der Wirtschaftsförderung des
Landratsamts Ludwigsburg, Anschrift wie oben.</p>
<h2>Haftung für Inhalte und Links</h2>
<p>Wir erstellen die Inhalte dieser Website mit Sorgfalt, können für Richtigkeit, Vollständigkeit und
Aktualität aber keine Gewähr übernehmen. Für Inhalte verlinkter Seiten anderer Anbieter sind deren
Betreiber verantwortlich; bei Bekanntwerden von Rechtsverletzungen entfernen wir solche Links umgehend.</p>
<h2>Bildnachweise</h2>
<p>Die Illustrationen dieser Website sind eigene, automatisch gezeichnete Grafiken.</p>
"""


def privacy_notice() -> str:
    """The privacy notice with the configured retention periods and data-protection contact."""
    contact = {key: escape(value) for key, value in settings.DATA_PROTECTION_CONTACT.items()}
    left_days = app_settings.left_retention().days
    bounced_days = app_settings.bounced_retention().days
    tracking_days = app_settings.tracking_retention_days()
    return f"""{DEMO_NOTE}
<h2>Verantwortliche Stelle</h2>
{PUBLISHER}
<p>Unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten erreichen Sie wie unter „Ihre Rechte“
angegeben.</p>
<h2>Besuch der Website</h2>
<p>Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten (IP-Adresse, Zeitpunkt,
aufgerufene Adresse, Browserkennung), um die Seite auszuliefern und vor Angriffen zu schützen
(Art. 6 Abs. 1 lit. e DSGVO). Wir setzen keine Analyse- oder Werbedienste ein und laden keine Schriften,
Skripte oder Videos von fremden Servern. Eingebettete Videos erscheinen nur als Link. Cookies werden nur
gesetzt, wo sie technisch nötig sind, etwa zum Schutz von Formularen.</p>
<h2>Newsletter</h2>
<h3>Anmeldung mit Bestätigung (Double-Opt-in)</h3>
<p>Sie können unsere Newsletter-Kanäle {escape(quoted_channel_names())} einzeln abonnieren.
Nach der Anmeldung senden wir Ihnen eine E-Mail mit einem
Bestätigungslink. Erst wenn Sie ihn anklicken, erhalten Sie Newsletter. Ohne Bestätigung bekommen Sie
keine weitere E-Mail von uns.</p>
<h3>Was wir speichern</h3>
<ul>
<li>Ihre E-Mail-Adresse und die abonnierten Kanäle mit ihrem Status,</li>
<li>freiwillige Angaben, mit denen wir die Inhalte auswählen: Name, Sprache, Rolle (zum Beispiel
Lehrkraft oder Elternteil), Kommune, Klassenstufen, MINT-Fächer und Themen,</li>
<li>ein Einwilligungsprotokoll: Zeitpunkt von Anmeldung und Bestätigung, Kanal, Weg der Anmeldung
(Formular oder Schnittstelle), die Version des Einwilligungstextes, den Sie gesehen haben, und die
IP-Adresse bei Anmeldung und Bestätigung.</li>
</ul>
<p>Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 7 Abs. 2 UWG). Das
Einwilligungsprotokoll führen wir, weil wir Ihre Einwilligung nachweisen müssen (Art. 7 Abs. 1 DSGVO).</p>
<h3>Erfolgsmessung nur mit Ihrer Einwilligung</h3>
<p>Unsere Newsletter enthalten keine Zählpixel und keine personalisierten Tracking-Links, solange Sie nicht
ausdrücklich in die Öffnungs- und Klickmessung eingewilligt haben. Diese Einwilligung ist freiwillig, für
den Bezug des Newsletters nicht nötig und in Ihren Einstellungen jederzeit widerruflich (Art. 6 Abs. 1
lit. a DSGVO, § 25 Abs. 1 TDDDG). Nur wenn Sie eingewilligt haben und der Kanal die Messung vorsieht,
speichern wir je Ausgabe, ob Sie die E-Mail geöffnet und welche Links Sie angeklickt haben – mit dem
Zeitpunkt des ersten Aufrufs und der Anzahl, ohne IP-Adresse und ohne Angaben zu Ihrem Gerät. Mit dem
Widerruf löschen wir diese Angaben, spätestens aber {tracking_days} Tage nach dem Versand der Ausgabe.</p>
<h3>Abmelden und Einstellungen ändern</h3>
<p>Jede E-Mail enthält einen Link zu Ihren Einstellungen und einen Abmeldelink; E-Mail-Programme bieten
zusätzlich eine Abmeldung mit einem Klick an. Sie können einzelne Kanäle oder alle abbestellen. Die
Abmeldung wirkt sofort; ein Widerruf lässt die Rechtmäßigkeit der bis dahin erfolgten Verarbeitung
unberührt (Art. 7 Abs. 3 DSGVO).</p>
<h3>Speicherdauer</h3>
<p>Ihre Angaben speichern wir, solange Sie mindestens einen Kanal abonniert haben. Melden Sie sich von allen
Kanälen ab, löschen wir {left_days} Tage danach automatisch Ihre E-Mail-Adresse, Ihren Namen und alle
weiteren Angaben (Sprache, Rolle, Kommune, Klassenstufen, Fächer, Themen und Ihre Einwilligung zur
Messung). Ihre Adresse kommt dabei auf keine Sperrliste: Sie können sich später jederzeit wieder anmelden.
Das Einwilligungsprotokoll bleibt ohne Personenbezug als Statistik erhalten – was wann bei welchem Kanal
geschah, ohne Adresse, Namen und IP-Adresse.</p>
<p>Endeten alle Ihre Abonnements, weil E-Mails an Ihre Adresse dauerhaft nicht zustellbar waren oder weil Sie
eine E-Mail als Spam gemeldet haben, löschen wir Ihre Angaben ebenso nach {bounced_days} Tagen. Dann
behalten wir einen nicht umkehrbaren Hashwert Ihrer Adresse in einer Sperrliste, damit wir sie nicht erneut
anschreiben.</p>
<p>Möchten Sie nicht so lange warten, löschen wir Ihre Daten auf Wunsch sofort und vollständig: in Ihren
Einstellungen (Link in jeder E-Mail) unter „Meine Daten“ mit „Alle meine Daten löschen“ – zur Sicherheit
bestätigen Sie das über einen Link, den wir Ihnen per E-Mail senden –, oder Sie schreiben uns an die unter
„Ihre Rechte“ genannte Adresse. Damit wir Sie danach nicht versehentlich erneut anschreiben, behalten wir in
diesem Fall nur einen nicht umkehrbaren Hashwert Ihrer Adresse in einer Sperrliste; eine neue Anmeldung mit
dieser Adresse ist dann nur möglich, wenn Sie uns schreiben.</p>
<h3>Versand</h3>
<p>Die Newsletter werden über einen Mailserver im Auftrag des Landratsamts versandt. Setzen wir dafür einen
Dienstleister ein, ist er nach Art. 28 DSGVO vertraglich gebunden und verarbeitet die Daten nur nach
unserer Weisung.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17),
Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21) sowie
das Recht, eine Einwilligung jederzeit zu widerrufen (Art. 7 Abs. 3). Was wir zu Ihrem Newsletter-Abonnement
gespeichert haben, sehen Sie in Ihren Einstellungen unter „Meine Daten“ und können es dort herunterladen.</p>
<p>Wenden Sie sich dafür an unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten:<br/>
{contact["name"]}<br/>{contact["address"]}<br/>
E-Mail: <a href="mailto:{contact["email"]}">{contact["email"]}</a></p>
<p>Sie können sich außerdem bei der Aufsichtsbehörde beschweren: Der Landesbeauftragte für den Datenschutz und
die Informationsfreiheit Baden-Württemberg, Lautenschlagerstraße 20, 70173 Stuttgart.</p>
"""
