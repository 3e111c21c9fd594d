"""Lighthouse stories of the demo: the workshop asks to make the district's highlights visible.

The organisations and people are invented; the places are real.
"""

from cms.demo.specs import CallToAction, Gallery, KeyFigures, Paragraph, Quote, StorySpec
from page_types.models import Sector

COMPANY_FIGURES = "Unternehmensangaben (Demo)"

STORIES = (
    StorySpec(
        slug="antriebe-fuer-die-energiewende",
        title="Antriebe für die Energiewende aus Bietigheim-Bissingen",
        teaser=(
            "Aus einer Schlosserei an der Enz ist ein Spezialist für effiziente Elektroantriebe geworden. "
            "Heute stecken Motoren aus Bietigheim-Bissingen in Wärmepumpen, Aufzügen und Solaranlagen in "
            "ganz Europa."
        ),
        label="Antriebe",
        hero_label="Neckartal",
        organisation="neckartal-antriebstechnik",
        sector=Sector.ENGINEERING,
        municipalities=("bietigheim-bissingen",),
        topics=("identitaet", "wissenschaft-wirtschaft", "fachkraeftegewinnung"),
        days_ago=3,
        body=(
            Paragraph(
                "Wer an der Enz entlangradelt, kommt an den hellen Werkhallen der Neckartal Antriebstechnik "
                "vorbei. Was 1910 als Schlosserei begann, ist heute ein Familienunternehmen in vierter "
                "Generation, das elektrische Antriebe entwickelt und fertigt – vom kleinen Getriebemotor bis "
                "zum Antrieb für Großwärmepumpen."
            ),
            Quote(
                "Unsere Fachkräfte finden wir nicht auf dem Weltmarkt, sondern hier im Landkreis – oft "
                "schon in der Schule.",
                "Katrin Ebner",
                "Geschäftsführerin der Neckartal Antriebstechnik",
            ),
            Paragraph(
                "Entwicklung, Fertigung und Service sitzen unter einem Dach. Mit der Technischen Hochschule "
                "Neckar-Enz forscht das Unternehmen an Motoren, die mit weniger seltenen Erden auskommen. "
                "Und in der Robotik-AG bauen Jugendliche gemeinsam mit Auszubildenden einen Mähroboter."
            ),
            KeyFigures(
                "Das Unternehmen in Zahlen",
                (
                    ("420", "Beschäftigte am Standort"),
                    ("38", "Auszubildende und dual Studierende"),
                    ("1910", "Gründungsjahr"),
                ),
                COMPANY_FIGURES,
            ),
            Gallery(
                "Einblicke",
                (
                    ("Montage", "Montage der Getriebemotoren"),
                    ("Prüfstand", "Prüfstand für Wärmepumpenantriebe"),
                ),
            ),
            CallToAction(
                "Die Robotik-AG und viele weitere Angebote für Schülerinnen und Schüler finden Sie bei den "
                "MINT-Angeboten.",
                "MINT-Angebote entdecken",
                "mint",
            ),
        ),
    ),
    StorySpec(
        slug="sensoren-aus-dem-strohgaeu",
        title="Sensoren aus dem Strohgäu für die ganze Welt",
        teaser=(
            "Optische Sensoren aus Ditzingen prüfen Flaschen in Brasilien und messen Blutwerte in Japan. "
            "Ein Besuch bei einem Weltmarktführer, den im Landkreis kaum jemand kennt."
        ),
        label="Sensorik",
        hero_label="Strohgäu",
        organisation="strohgaeu-sensorik",
        sector=Sector.DIGITAL,
        municipalities=("ditzingen",),
        topics=("identitaet", "aussenkommunikation"),
        days_ago=12,
        body=(
            Paragraph(
                "1985 bauten zwei Ingenieure in einer Ditzinger Garage ihren ersten Lichtschranken-Prototyp. "
                "Heute entwickelt die Strohgäu Sensorik mit 260 Beschäftigten Sensoren für "
                "Verpackungsanlagen, Labore und Fahrzeuge und liefert in mehr als 40 Länder."
            ),
            Quote(
                "Unsere Kundschaft sitzt in der ganzen Welt, unsere Ideen entstehen im Strohgäu.",
                "Dr. Mehmet Aydin",
                "Leiter der Entwicklung",
            ),
            Paragraph(
                "Dass ein solcher Leuchtturm im Landkreis sitzt, wissen viele Menschen nicht – genau das "
                "will die Wirtschaftsförderung ändern. Beim Girls' Day zeigt das Unternehmen jedes Jahr, "
                "wie vielfältig die Berufe in der Sensorik sind."
            ),
            KeyFigures(
                "Strohgäu Sensorik in Zahlen",
                (
                    ("260", "Beschäftigte"),
                    ("40+", "Exportländer"),
                    ("12 %", "des Umsatzes für Forschung und Entwicklung"),
                ),
                COMPANY_FIGURES,
            ),
            Gallery("Aus der Fertigung", (("Reinraum", "Fertigung im Reinraum"), ("Optik", "Im Optiklabor"))),
            CallToAction(
                "Lernen Sie weitere Leuchttürme des Landkreises kennen.", "Alle Leuchttürme", "lighthouse"
            ),
        ),
    ),
    StorySpec(
        slug="kreislaufwirtschaft-im-gewerbegebiet",
        title="Kreislaufwirtschaft im Freiberger Gewerbegebiet",
        teaser=(
            "Bauschutt wird zu neuem Beton, Abwärme heizt die Nachbarhalle: In Freiberg am Neckar zeigt ein "
            "Betrieb, wie bestehende Gewerbegebiete nachhaltiger werden."
        ),
        label="Kreislauf",
        hero_label="Freiberg",
        organisation="neckarbogen-kreislaufwerk",
        sector=Sector.ENERGY,
        municipalities=("freiberg-am-neckar",),
        topics=("raum", "energie-verkehr"),
        days_ago=20,
        body=(
            Paragraph(
                "Flächen sind im Landkreis knapp. Statt neue Äcker zu bebauen, nutzt das Neckarbogen "
                "Kreislaufwerk ein ehemaliges Speditionsgelände und bereitet dort Bauschutt und Kunststoffe "
                "aus der Region auf."
            ),
            Quote(
                "Jede Tonne, die wir im Kreislauf halten, muss niemand mehr abbauen, transportieren oder "
                "deponieren.",
                "Sabine Hoffmann",
                "Betriebsleiterin",
            ),
            Paragraph(
                "Mit den Nachbarbetrieben teilt sich das Werk eine Photovoltaikanlage und ein Nahwärmenetz. "
                "So wird aus einem gewöhnlichen Gewerbegebiet ein Beispiel dafür, wie Kreislaufwirtschaft im "
                "Alltag funktioniert."
            ),
            KeyFigures(
                "Kreislauf in Zahlen",
                (
                    ("180.000 t", "aufbereitete Baustoffe pro Jahr"),
                    ("2,4 MW", "Photovoltaik auf den Hallendächern"),
                    ("0 m²", "neu versiegelte Fläche"),
                ),
                COMPANY_FIGURES,
            ),
            Gallery(
                "Vor Ort",
                (("Recycling", "Sortieranlage für Bauschutt"), ("Solar", "Solardächer im Gewerbegebiet")),
            ),
            CallToAction(
                "Schulklassen können das Werk bei einer Exkursion erkunden.", "Zur Exkursion", "mint"
            ),
        ),
    ),
    StorySpec(
        slug="buergerenergie-bottwartal",
        title="Bürgerenergie aus dem Bottwartal",
        teaser=(
            "Über 1.100 Mitglieder, drei Solarparks und ein Nahwärmenetz: Die Energiegenossenschaft im "
            "Bottwartal zeigt, wie die Energiewende vor Ort Wertschöpfung schafft."
        ),
        label="Energie",
        hero_label="Bottwartal",
        organisation="buergerenergie-bottwartal",
        sector=Sector.ENERGY,
        municipalities=("grossbottwar", "oberstenfeld", "steinheim-an-der-murr"),
        topics=("energie-verkehr", "lebenswerter-landkreis"),
        days_ago=34,
        body=(
            Paragraph(
                "2012 gründeten Bürgerinnen und Bürger aus Großbottwar, Oberstenfeld und Steinheim an der "
                "Murr ihre Genossenschaft. Die erste Anlage lag auf dem Dach einer Grundschule; heute "
                "betreibt die Genossenschaft drei Solarparks und versorgt ein Neubaugebiet mit Nahwärme."
            ),
            Quote(
                "Die Gewinne bleiben im Tal – bei den Mitgliedern, den Handwerksbetrieben und in den "
                "Gemeindekassen.",
                "Thomas Reinhardt",
                "Vorstand der Bürgerenergie Bottwartal",
            ),
            Paragraph(
                "Gebaut und gewartet werden die Anlagen von Handwerksbetrieben aus dem Tal, die gemeinsam "
                "mit der Genossenschaft Fachkräfte für Solartechnik ausbilden."
            ),
            KeyFigures(
                "Die Genossenschaft in Zahlen",
                (("1.100+", "Mitglieder"), ("14 GWh", "Solarstrom pro Jahr"), ("3", "Solarparks")),
                "Angaben der Genossenschaft (Demo)",
            ),
            Gallery(
                "Energie aus dem Tal",
                (
                    ("Solarpark", "Solarpark zwischen den Weinbergen"),
                    ("Nahwärme", "Heizzentrale des Nahwärmenetzes"),
                ),
            ),
            CallToAction(
                "Was die Energiewende für die Wirtschaft im Landkreis bedeutet, lesen Sie in den "
                "Nachrichten.",
                "Zu den Nachrichten",
                "news",
            ),
        ),
    ),
    StorySpec(
        slug="masterarbeit-im-mittelstand",
        title="Masterarbeit im Mittelstand: Medizintechnik aus Vaihingen",
        teaser=(
            "Wie hält man Hochschulabsolventinnen und -absolventen in der Region? Ein "
            "Medizintechnik-Hersteller aus Vaihingen an der Enz vergibt Masterarbeiten – und stellt die "
            "meisten danach ein."
        ),
        label="Medizintechnik",
        hero_label="Vaihingen",
        organisation="enzblick-medizintechnik",
        sector=Sector.HEALTH,
        municipalities=("vaihingen-an-der-enz",),
        topics=("wissenschaft-wirtschaft", "fachkraeftegewinnung"),
        days_ago=47,
        body=(
            Paragraph(
                "Enzblick Medizintechnik entwickelt Pumpen für Infusionen und Dialyse. Seit 2019 arbeitet "
                "das Unternehmen mit der Technischen Hochschule Neckar-Enz zusammen: Studierende schreiben "
                "ihre Masterarbeit an echten Entwicklungsprojekten."
            ),
            Quote(
                "In meiner Masterarbeit habe ich einen Sensor entwickelt, der jetzt in Serie geht. Warum "
                "sollte ich woanders hingehen?",
                "Lea Schuster",
                "Entwicklungsingenieurin",
            ),
            Paragraph(
                "Das Modell ist ein Baustein gegen den Fachkräftemangel: Wer einmal ein Projekt im Betrieb "
                "verantwortet hat, bleibt oft. Die Wirtschaftsförderung vermittelt weitere Partnerschaften "
                "zwischen Hochschulen in Stuttgart und Heilbronn und Unternehmen im Landkreis."
            ),
            KeyFigures(
                "Hochschulkooperation in Zahlen",
                (
                    ("47", "betreute Abschlussarbeiten seit 2019"),
                    ("8 von 10", "Absolventinnen und Absolventen bleiben"),
                    ("3", "Partnerhochschulen"),
                ),
                COMPANY_FIGURES,
            ),
            Gallery(
                "Aus dem Labor",
                (("Pumpe", "Prototyp einer Infusionspumpe"), ("Labor", "Studierende im Entwicklungslabor")),
            ),
            CallToAction(
                "Schülerinnen und Schüler ab Klasse 11 können ein Praktikum in der Medizintechnik machen.",
                "Zum Praktikum",
                "mint",
            ),
        ),
    ),
    StorySpec(
        slug="gueter-auf-die-schiene",
        title="Güter auf die Schiene: die Drehscheibe Kornwestheim",
        teaser=(
            "In Kornwestheim wechseln jeden Tag Hunderte Container von der Straße auf die Schiene. Das "
            "entlastet die Autobahn und macht den Landkreis zu einem Knoten im europäischen Güterverkehr."
        ),
        label="Logistik",
        hero_label="Kornwestheim",
        organisation="gueterdrehscheibe-kornwestheim",
        sector=Sector.LOGISTICS,
        municipalities=("kornwestheim",),
        topics=("energie-verkehr", "raum"),
        days_ago=61,
        body=(
            Paragraph(
                "Kornwestheim ist seit Generationen eine Bahnstadt. Auf dem Terminal der Güterdrehscheibe "
                "werden Container, Wechselbrücken und Sattelauflieger rund um die Uhr zwischen Lkw und "
                "Güterzug umgeschlagen."
            ),
            Quote(
                "Jeder Zug, der hier startet, nimmt Dutzende Lkw von der Autobahn.",
                "Jörg Wehrle",
                "Leiter des Terminals",
            ),
            Paragraph(
                "Umschlag braucht Fläche, und die ist knapp. Deshalb setzt das Terminal auf Digitalisierung: "
                "Ein Buchungssystem für Zeitfenster verkürzt die Wartezeiten der Lkw, und automatische Kräne "
                "stapeln dichter."
            ),
            KeyFigures(
                "Das Terminal in Zahlen",
                (("320", "Ladeeinheiten pro Tag"), ("24/7", "Betrieb"), ("18", "Zugverbindungen pro Woche")),
                COMPANY_FIGURES,
            ),
            Gallery(
                "Am Terminal",
                (("Kran", "Portalkran über den Gleisen"), ("Container", "Containerstapel am Terminal")),
            ),
            CallToAction(
                "Wie der Landkreis Verkehr und Flächen plant, erklären wir in den Nachrichten.",
                "Zu den Nachrichten",
                "news",
            ),
        ),
    ),
    StorySpec(
        slug="ein-gewerbepark-drei-gemeinden",
        title="Ein Gewerbepark, drei Gemeinden",
        teaser=(
            "Statt um jeden Betrieb zu konkurrieren, planen Schwieberdingen, Hemmingen und Markgröningen ihr "
            "Gewerbegebiet gemeinsam. Die Einnahmen teilen sie nach einem festen Schlüssel."
        ),
        label="Gewerbepark",
        hero_label="Strohgäu",
        organisation="zweckverband-gewerbepark-strohgaeu",
        municipalities=("schwieberdingen", "hemmingen", "markgroeningen"),
        topics=("raum", "verwaltung-als-impulsgeber", "wirtschaftsfoerderung"),
        days_ago=75,
        body=(
            Paragraph(
                "Jede Gemeinde für sich hätte kaum passende Flächen gehabt. Gemeinsam gründeten die drei "
                "Kommunen einen Zweckverband, der Flächen bündelt, den Bebauungsplan aufstellt und "
                "Ansiedlungen aus einer Hand begleitet."
            ),
            Quote(
                "Wir haben aufgehört, uns gegenseitig Betriebe abzuwerben. Jetzt gewinnen wir gemeinsam.",
                "Andrea Keller",
                "Vorsitzende des Zweckverbands",
            ),
            Paragraph(
                "Die Verwaltung versteht sich dabei als Dienstleisterin: eine Ansprechperson, digitale "
                "Bauanträge und ein verbindlicher Zeitplan sorgen dafür, dass Unternehmen schneller bauen "
                "können."
            ),
            KeyFigures(
                "Der Gewerbepark in Zahlen",
                (
                    ("3", "Kommunen"),
                    ("24 ha", "Gewerbefläche"),
                    ("9 Monate", "vom Antrag bis zur Baugenehmigung"),
                ),
                "Angaben des Zweckverbands (Demo)",
            ),
            Gallery(
                "Planung",
                (("Gewerbepark", "Skizze des Gewerbeparks"), ("Planung", "Planungswerkstatt im Rathaus")),
            ),
            CallToAction(
                "Wie Unternehmergeist den Landkreis seit Jahrhunderten prägt, zeigt die "
                "Innovationsgeschichte.",
                "Zur Innovationsgeschichte",
                "history",
            ),
        ),
    ),
)
