"""Internal news of the demo: the workshop asks to explain to residents what the economy means for them.

Some items concern single municipalities, some the whole district (no municipality). People and figures
are invented.
"""

from cms.demo.specs import KeyFigures, NewsSpec, Paragraph, Quote
from page_types.models import NewsKind, Reach

NEWS = (
    NewsSpec(
        slug="gewerbesteuer-erklaert",
        title="Was die Wirtschaft dem Landkreis bringt: die Gewerbesteuer erklärt",
        teaser=(
            "Kitas, Schulen, Straßen: Ein großer Teil davon wird mit der Gewerbesteuer bezahlt. Wir "
            "erklären, wie sie funktioniert und warum starke Betriebe allen Kommunen nützen."
        ),
        label="Gewerbesteuer",
        kind=NewsKind.EXPLAINER,
        topics=("innenkommunikation", "wirtschaftsfoerderung"),
        days_ago=1,
        body=(
            Paragraph(
                "Unternehmen zahlen Gewerbesteuer an die Gemeinde, in der sie ihren Betrieb haben. Wie hoch "
                "sie ausfällt, hängt vom Gewinn des Betriebs und vom Hebesatz ab, den der Gemeinderat "
                "festlegt."
            ),
            Paragraph(
                "Über die Kreisumlage fließt ein Teil der Einnahmen aller Gemeinden an den Landkreis. Davon "
                "bezahlt er zum Beispiel Berufsschulen, Kreisstraßen und den Nahverkehr. Eine starke "
                "Wirtschaft in einer Gemeinde hilft so dem ganzen Landkreis."
            ),
            KeyFigures(
                "So funktioniert es",
                (
                    ("39", "Städte und Gemeinden erheben eigene Hebesätze"),
                    ("1", "Kreisumlage für gemeinsame Aufgaben"),
                ),
            ),
        ),
    ),
    NewsSpec(
        slug="direktbus-gewerbegebiete-strohgaeu",
        title="Neue Direktbuslinie verbindet Gewerbegebiete im Strohgäu",
        teaser=(
            "Ab dem nächsten Fahrplanwechsel fährt ein Direktbus im Halbstundentakt zwischen den Bahnhöfen "
            "und den Gewerbegebieten in Ditzingen, Korntal-Münchingen und Hemmingen."
        ),
        label="Direktbus",
        municipalities=("ditzingen", "korntal-muenchingen", "hemmingen"),
        reach=Reach.LOCAL,
        topics=("energie-verkehr",),
        days_ago=4,
        body=(
            Paragraph(
                "Viele Beschäftigte pendeln bisher mit dem Auto, weil die Gewerbegebiete schlecht an Bus und "
                "Bahn angebunden sind. Die neue Linie ist auf die Schichtzeiten der Betriebe abgestimmt."
            ),
            Quote(
                "Wer morgens in der S-Bahn sitzt, soll in zehn Minuten am Arbeitsplatz sein – ohne "
                "Umsteigen.",
                "Markus Brenner",
                "Verkehrsplaner im Landratsamt",
            ),
        ),
    ),
    NewsSpec(
        slug="ehrenamtsplattform-startet",
        title="Ehrenamtsplattform startet: Engagement findet zusammen",
        teaser=(
            "Vereine, Initiativen und Menschen, die sich engagieren möchten, finden sich ab sofort auf einer "
            "gemeinsamen Plattform für den ganzen Landkreis."
        ),
        label="Ehrenamt",
        topics=("lebenswerter-landkreis", "innenkommunikation"),
        days_ago=9,
        body=(
            Paragraph(
                "Ob Hausaufgabenhilfe, Repair-Café oder Sportverein: Auf der Plattform stellen "
                "Organisationen ihre Aufgaben vor, und Interessierte filtern nach Ort, Zeitaufwand und "
                "Thema."
            ),
            Paragraph(
                "Auch Unternehmen können Engagement-Tage ihrer Beschäftigten anbieten – ein Beitrag zur "
                "Rolle der Wirtschaft im gesellschaftlichen Leben."
            ),
        ),
    ),
    NewsSpec(
        slug="willkommenslotsen-ludwigsburg",
        title="Willkommenslotsen für internationale Fachkräfte in Ludwigsburg",
        teaser=(
            "Eine neue Anlaufstelle hilft zugewanderten Fachkräften und ihren Familien bei Behördengängen, "
            "Wohnungssuche und dem Einstieg in Vereine."
        ),
        label="Willkommen",
        municipalities=("ludwigsburg",),
        reach=Reach.LOCAL,
        topics=("fachkraeftegewinnung",),
        days_ago=16,
        body=(
            Paragraph(
                "Die Lotsinnen und Lotsen sprechen zusammen neun Sprachen. Sie arbeiten eng mit "
                "Ausländerbehörde, Arbeitsagentur und den Betrieben zusammen, die Fachkräfte aus dem "
                "Ausland einstellen."
            ),
            Quote(
                "Eine Stelle anzunehmen ist der einfache Teil. Anzukommen ist der schwierige.",
                "Elif Demir",
                "Willkommenslotsin",
            ),
        ),
    ),
    NewsSpec(
        slug="interview-abwaerme-rechenzentrum",
        title="Interview: Warum ein Rechenzentrum ein Wohngebiet heizt",
        teaser=(
            "In Remseck am Neckar wärmt die Abwärme von Servern bald 400 Wohnungen. Wir haben den "
            "Geschäftsführer gefragt, wie das funktioniert."
        ),
        label="Abwärme",
        kind=NewsKind.INTERVIEW,
        municipalities=("remseck-am-neckar",),
        topics=("raum", "energie-verkehr"),
        days_ago=23,
        body=(
            Paragraph(
                "Herr Vogt, warum braucht ein Rechenzentrum überhaupt ein Wärmenetz? – Server erzeugen "
                "rund um die Uhr Wärme. Bisher haben wir sie mit viel Strom weggekühlt; jetzt heben "
                "Wärmepumpen sie auf Heiztemperatur und speisen sie ins Netz der Stadtwerke ein."
            ),
            Paragraph(
                "Was haben die Anwohner davon? – Eine Heizung ohne eigenen Kessel, zu einem Preis, der über "
                "zehn Jahre festgeschrieben ist."
            ),
            Quote(
                "Ein Rechenzentrum kann ein guter Nachbar sein, wenn man es von Anfang an mitplant.",
                "Daniel Vogt",
                "Geschäftsführer der NeckarData Rechenzentrum GmbH",
            ),
        ),
    ),
    NewsSpec(
        slug="brachflaeche-wird-handwerkerhof",
        title="Aus einer Brachfläche wird ein Handwerkerhof",
        teaser=(
            "Auf dem Gelände einer stillgelegten Ziegelei in Sersheim entstehen Werkstätten für kleine "
            "Handwerksbetriebe – ohne einen Quadratmeter neu zu versiegeln."
        ),
        label="Handwerkerhof",
        municipalities=("sersheim",),
        topics=("raum", "wirtschaftsfoerderung"),
        days_ago=29,
        body=(
            Paragraph(
                "Zwölf Betriebe teilen sich künftig Hallen, Lager und eine gemeinsame Werkstatt. Die "
                "Gemeinde hat die Fläche gekauft, saniert und vermietet sie zu günstigen Konditionen."
            ),
            KeyFigures(
                "Der Handwerkerhof in Zahlen",
                (
                    ("12", "Betriebe"),
                    ("1,8 ha", "wiedergenutzte Fläche"),
                    ("0", "neu versiegelte Quadratmeter"),
                ),
                "Angaben der Gemeinde (Demo)",
            ),
        ),
    ),
    NewsSpec(
        slug="erfahrung-fuer-gruender",
        title="Erfahrung für Gründerinnen und Gründer",
        teaser=(
            "Fach- und Führungskräfte im Ruhestand beraten Start-ups aus Marbach und Benningen – "
            "ehrenamtlich und auf Augenhöhe."
        ),
        label="Mentoring",
        municipalities=("marbach-am-neckar", "benningen-am-neckar"),
        topics=("lebenswerter-landkreis", "wissenschaft-wirtschaft"),
        days_ago=38,
        body=(
            Paragraph(
                "Das Erfahrungsnetz Neckar bringt Menschen mit jahrzehntelanger Berufserfahrung mit jungen "
                "Unternehmen zusammen. Die Beratung ist kostenlos; die Gründerinnen und Gründer geben dafür "
                "ihre Erfahrungen an die nächsten weiter."
            ),
        ),
    ),
    NewsSpec(
        slug="gemeinsam-statt-gegeneinander",
        title="Gemeinsam statt gegeneinander: Wie Kommunen Flächen teilen",
        teaser=(
            "Bönnigheim, Erligheim und Kirchheim am Neckar prüfen ein gemeinsames Gewerbegebiet. Wir "
            "erklären, wie interkommunale Zusammenarbeit funktioniert."
        ),
        label="Zusammenarbeit",
        kind=NewsKind.EXPLAINER,
        municipalities=("boennigheim", "erligheim", "kirchheim-am-neckar"),
        topics=("raum", "verwaltung-als-impulsgeber"),
        days_ago=52,
        body=(
            Paragraph(
                "Bei einem interkommunalen Gewerbegebiet planen mehrere Gemeinden eine Fläche gemeinsam, "
                "meist in einem Zweckverband. Kosten und Steuereinnahmen teilen sie nach einem "
                "vereinbarten Schlüssel."
            ),
            Paragraph(
                "Der Vorteil: Statt dass jede Gemeinde am Ortsrand eigene kleine Flächen ausweist, "
                "entsteht ein gut erschlossener Standort, und die Gemeinden konkurrieren nicht mehr um "
                "dieselben Betriebe."
            ),
        ),
    ),
)
