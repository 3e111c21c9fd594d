"""MINT offers of the demo: the workshop wants young people excited about technical careers.

Dates are relative to today (see ``Schedule``), so the offers stay upcoming whenever the demo is loaded.
Together they cover all four subjects, every target group and a dozen municipalities; some are ongoing,
some have a registration deadline.
"""

from calendar import FRIDAY, MONDAY, SATURDAY, THURSDAY, TUESDAY, WEDNESDAY

from cms.demo.specs import Contact, Heading, OfferSpec, Paragraph, Schedule
from page_types.models import OfferKind

STEP_FREE = "Die Räume sind stufenlos erreichbar; ein barrierefreies WC ist vorhanden."

OFFERS = (
    OfferSpec(
        slug="robotik-ag-maehroboter",
        title="Robotik-AG: Wir bauen einen Mähroboter",
        teaser=(
            "Vier Nachmittage lang konstruieren, verkabeln und programmieren Jugendliche gemeinsam mit "
            "Auszubildenden einen kleinen Mähroboter – Vorkenntnisse sind nicht nötig."
        ),
        label="Robotik",
        kind=OfferKind.WORKSHOP,
        provider="neckartal-antriebstechnik",
        subjects=("informatik", "technik"),
        grade_bands=("klasse-8-10",),
        min_age=13,
        max_age=16,
        location="Neckartal Antriebstechnik, Ausbildungswerkstatt, Bietigheim-Bissingen",
        address="Carl-Benz-Straße 12, 74321 Bietigheim-Bissingen",
        contact=Contact("Jonas Keller", "ausbildung@neckartal-antriebstechnik.example", "07142 9130-20"),
        cost="kostenlos",
        capacity=16,
        deadline_in_days=7,
        schedule=Schedule(10, WEDNESDAY, "15:00", 3, count=4),
        accessibility=STEP_FREE,
        municipalities=("bietigheim-bissingen",),
        topics=("fachkraeftegewinnung",),
        days_ago=2,
        body=(
            Paragraph(
                "Sie lernen, wie ein Elektromotor funktioniert, löten Ihre erste Platine und programmieren "
                "den Roboter so, dass er Hindernissen ausweicht. Am letzten Termin tritt jedes Team im "
                "Rasenparcours an."
            ),
            Heading("Was Sie mitbringen sollten"),
            Paragraph("Neugier und feste Schuhe. Werkzeug, Material und Verpflegung stellt der Betrieb."),
        ),
    ),
    OfferSpec(
        slug="forschen-am-bach",
        title="Forschen am Bach: Wasserproben im Bottwartal",
        teaser=(
            "Wie sauber ist die Bottwar? Mit Keschern, Messgeräten und Mikroskop untersuchen Kinder "
            "Kleintiere und Wasserwerte – ein Forschertag draußen."
        ),
        label="Gewässer",
        kind=OfferKind.WORKSHOP,
        provider="mint-netzwerk-landkreis-ludwigsburg",
        subjects=("naturwissenschaften",),
        grade_bands=("klasse-5-7",),
        min_age=10,
        max_age=13,
        location="Treffpunkt Festplatz, Großbottwar",
        address="Festplatz an der Bottwar, 71723 Großbottwar",
        contact=Contact("Miriam Hofmann", "mint@mint-netzwerk-lb.example", "07141 144-2650"),
        cost="5 € für Material",
        capacity=20,
        schedule=Schedule(21, SATURDAY, "09:00", 6),
        accessibility="Ein Teil der Strecke führt über unbefestigte Wege am Ufer.",
        municipalities=("grossbottwar",),
        topics=("lebenswerter-landkreis",),
        days_ago=5,
        body=(
            Paragraph(
                "Die Kinder bestimmen Bachflohkrebse und Köcherfliegenlarven, messen Temperatur, Sauerstoff "
                "und Nitrat und finden heraus, was das über den Zustand des Bachs verrät."
            ),
        ),
    ),
    OfferSpec(
        slug="mathe-knobelnachmittag",
        title="Mathe-Knobelnachmittag für Grundschulkinder und Eltern",
        teaser=(
            "Rätsel, Muster und Würfelspiele: Ein Nachmittag, an dem Kinder mit ihren Eltern entdecken, wie "
            "viel Spaß Mathematik macht."
        ),
        label="Knobeln",
        kind=OfferKind.WORKSHOP,
        provider="mint-netzwerk-landkreis-ludwigsburg",
        subjects=("mathematik",),
        grade_bands=("klasse-1-4", "eltern"),
        min_age=6,
        max_age=10,
        location="Stadtbücherei Marbach am Neckar",
        address="Marktstraße 25, 71672 Marbach am Neckar",
        contact=Contact("Miriam Hofmann", "mint@mint-netzwerk-lb.example", "07141 144-2650"),
        cost="kostenlos",
        capacity=30,
        schedule=Schedule(12, WEDNESDAY, "14:30", 2.5),
        accessibility=STEP_FREE,
        municipalities=("marbach-am-neckar",),
        topics=("fachkraeftegewinnung",),
        days_ago=8,
        body=(
            Paragraph(
                "An zehn Stationen warten Knobelaufgaben in drei Schwierigkeitsstufen. Eltern knobeln mit – "
                "und bekommen Ideen für zu Hause."
            ),
        ),
    ),
    OfferSpec(
        slug="girls-day-sensorfertigung",
        title="Girls' Day in der Sensorfertigung",
        teaser=(
            "Ein Tag im Reinraum und im Optiklabor: Schülerinnen lernen Berufe in Entwicklung und Fertigung "
            "kennen und bauen ihre eigene Lichtschranke."
        ),
        label="Girls Day",
        kind=OfferKind.GIRLS_BOYS_DAY,
        provider="strohgaeu-sensorik",
        subjects=("technik", "informatik"),
        grade_bands=("klasse-8-10", "klasse-11-13"),
        min_age=13,
        max_age=18,
        location="Strohgäu Sensorik, Ditzingen",
        address="Siemensstraße 8, 71254 Ditzingen",
        contact=Contact("Aylin Demir", "karriere@strohgaeu-sensorik.example", "07156 4380-0"),
        cost="kostenlos",
        capacity=12,
        deadline_in_days=30,
        schedule=Schedule(45, THURSDAY, "08:30", 7),
        accessibility=STEP_FREE,
        municipalities=("ditzingen",),
        topics=("fachkraeftegewinnung",),
        days_ago=10,
        body=(
            Paragraph(
                "Ingenieurinnen, Mechatronikerinnen und Informatikerinnen zeigen ihren Arbeitsplatz. Am "
                "Nachmittag baut jede Teilnehmerin eine Lichtschranke, die sie mit nach Hause nimmt."
            ),
        ),
    ),
    OfferSpec(
        slug="calliope-fortbildung-lehrkraefte",
        title="Programmieren mit dem Calliope mini – Fortbildung für Lehrkräfte",
        teaser=(
            "Zwei praxisnahe Abende für Lehrkräfte der Klassen 3 bis 7: vom ersten Blinklicht bis zum "
            "Klassenprojekt mit Sensoren."
        ),
        label="Calliope",
        kind=OfferKind.TEACHER_TRAINING,
        provider="hochschule-angewandte-informatik-ludwigsburg",
        subjects=("informatik",),
        grade_bands=("lehrkraefte",),
        location="Hochschule für angewandte Informatik, Ludwigsburg",
        address="Reuteallee 36, 71634 Ludwigsburg",
        contact=Contact("Dr. Thomas Brenner", "fortbildung@hs-informatik-lb.example", "07141 1409-300"),
        cost="kostenlos",
        capacity=24,
        deadline_in_days=14,
        schedule=Schedule(20, TUESDAY, "16:00", 3, count=2, place="Raum 1.12"),
        accessibility=STEP_FREE,
        municipalities=("ludwigsburg",),
        topics=("fachkraeftegewinnung",),
        days_ago=14,
        body=(
            Paragraph(
                "Sie programmieren den Calliope mini mit grafischen Blöcken, lernen typische Stolpersteine "
                "im Unterricht kennen und gehen mit fertigen Unterrichtsentwürfen nach Hause. Geräte "
                "werden gestellt."
            ),
        ),
    ),
    OfferSpec(
        slug="technikcamp-solarboote",
        title="Ferien-Technikcamp: Solarboote bauen",
        teaser=(
            "Eine Ferienwoche am Neckar: Die Teilnehmenden bauen Boote mit Solarantrieb, testen sie im "
            "Wasser und treten zum Abschluss in einer Regatta gegeneinander an."
        ),
        label="Solarboote",
        kind=OfferKind.HOLIDAY_CAMP,
        provider="gymnasium-neckar-enz",
        subjects=("technik", "naturwissenschaften"),
        grade_bands=("klasse-5-7",),
        min_age=10,
        max_age=13,
        location="Gymnasium Neckar-Enz, Besigheim",
        address="Schulstraße 4, 74354 Besigheim",
        contact=Contact("Katrin Lehmann", "schuelerfirma@gymnasium-neckar-enz.example", "07143 8077-10"),
        cost="40 € inklusive Mittagessen",
        capacity=20,
        deadline_in_days=40,
        schedule=Schedule(60, MONDAY, "09:00", 6, count=5, every_days=1),
        accessibility=STEP_FREE,
        municipalities=("besigheim",),
        topics=("energie-verkehr",),
        days_ago=18,
        body=(
            Paragraph(
                "Die Schülerfirma des Gymnasiums leitet das Camp. Die Kinder lernen, wie Solarzellen Strom "
                "erzeugen, wie ein Propeller Schub erzeugt und warum manche Boote kentern."
            ),
        ),
    ),
    OfferSpec(
        slug="praktikum-medizintechnik",
        title="Praktikum in der Medizintechnik",
        teaser=(
            "Zwei bis drei Wochen in Entwicklung, Labor oder Fertigung von Infusionspumpen – für "
            "Schülerinnen und Schüler der Oberstufe und für Studierende."
        ),
        label="Praktikum",
        kind=OfferKind.INTERNSHIP,
        provider="enzblick-medizintechnik",
        subjects=("technik", "naturwissenschaften"),
        grade_bands=("klasse-11-13", "ausbildung-studium"),
        min_age=16,
        location="Enzblick Medizintechnik, Vaihingen an der Enz",
        address="Enzstraße 50, 71665 Vaihingen an der Enz",
        contact=Contact("Sebastian Wolf", "praktikum@enzblick-medizintechnik.example", "07042 3770-15"),
        cost="kostenlos",
        ongoing=True,
        accessibility=STEP_FREE,
        municipalities=("vaihingen-an-der-enz",),
        topics=("fachkraeftegewinnung", "wissenschaft-wirtschaft"),
        days_ago=25,
        body=(
            Paragraph(
                "Den Zeitraum stimmen wir mit Ihnen ab. Sie arbeiten in einem Projektteam mit und stellen "
                "Ihre Ergebnisse am Ende vor."
            ),
        ),
    ),
    OfferSpec(
        slug="offene-forschungsabende",
        title="Offene Forschungsabende im Jugendforschungszentrum",
        teaser=(
            "Jeden Donnerstag: eigene Forschungsfragen verfolgen, mit Mentorinnen und Mentoren "
            "experimentieren und sich auf Jugend forscht vorbereiten."
        ),
        label="Forschen",
        kind=OfferKind.SCHOOL_COOPERATION,
        provider="jugendforschungszentrum-strohgaeu",
        subjects=("mathematik", "informatik", "naturwissenschaften", "technik"),
        grade_bands=("klasse-8-10", "klasse-11-13"),
        min_age=12,
        max_age=19,
        location="Jugendforschungszentrum Strohgäu, Korntal-Münchingen",
        address="Johannes-Daur-Straße 10, 70825 Korntal-Münchingen",
        contact=Contact("Lea Schmid", "hallo@jfz-strohgaeu.example", "0711 8380-44"),
        cost="kostenlos",
        ongoing=True,
        registration=False,
        accessibility=STEP_FREE,
        municipalities=("korntal-muenchingen",),
        topics=("fachkraeftegewinnung",),
        days_ago=30,
        body=(
            Paragraph(
                "Labor, Elektronikwerkstatt und Rechner stehen offen. Eine Anmeldung ist nicht nötig – "
                "kommen Sie einfach donnerstags zwischen 16 und 19 Uhr vorbei."
            ),
        ),
    ),
    OfferSpec(
        slug="wettbewerb-klimaschlau",
        title="Wettbewerb „Klimaschlau“: Ideen für das Gewerbegebiet von morgen",
        teaser=(
            "Wie wird ein Gewerbegebiet klimafreundlich? Teams aus Schulen im ganzen Landkreis entwickeln "
            "Ideen – die besten stellen sie Unternehmen und Landrat vor."
        ),
        label="Klimaschlau",
        kind=OfferKind.COMPETITION,
        provider="landratsamt-wirtschaftsfoerderung",
        subjects=("naturwissenschaften", "mathematik"),
        grade_bands=("klasse-8-10", "klasse-11-13"),
        location="Landratsamt Ludwigsburg",
        address="Hindenburgstraße 40, 71638 Ludwigsburg",
        contact=Contact(
            "Team MINT der Wirtschaftsförderung", "mint@landkreis-ludwigsburg.example", "07141 144-0"
        ),
        cost="kostenlos",
        deadline_in_days=50,
        schedule=Schedule(75, THURSDAY, "17:00", 2, place="Großer Sitzungssaal des Landratsamts"),
        accessibility=STEP_FREE,
        municipalities=("ludwigsburg",),
        topics=("raum", "energie-verkehr"),
        days_ago=35,
        body=(
            Paragraph(
                "Teams von zwei bis fünf Personen reichen bis zum Anmeldeschluss eine Projektskizze ein. "
                "Eine Jury aus Wirtschaft, Hochschule und Verwaltung wählt die Preisträger; die "
                "Preisverleihung findet im Landratsamt statt."
            ),
        ),
    ),
    OfferSpec(
        slug="makerspace-3d-druck-familien",
        title="Makerspace-Nachmittag: 3D-Druck für Familien",
        teaser=(
            "Vom Entwurf am Rechner zum fertigen Schlüsselanhänger: Kinder und Eltern gestalten gemeinsam "
            "ihr erstes 3D-Modell."
        ),
        label="3D-Druck",
        kind=OfferKind.WORKSHOP,
        provider="makerspace-kornwestheim",
        subjects=("technik", "informatik"),
        grade_bands=("klasse-5-7", "eltern"),
        min_age=9,
        location="Makerspace Kornwestheim",
        address="Bahnhofstraße 60, 70806 Kornwestheim",
        contact=Contact("Nico Berger", "team@makerspace-kornwestheim.example", "07154 1790-0"),
        cost="8 € pro Familie",
        capacity=10,
        schedule=Schedule(8, SATURDAY, "14:00", 3, count=2, every_days=14),
        accessibility="Die Werkstatt liegt im Erdgeschoss; der Zugang hat eine kleine Stufe.",
        municipalities=("kornwestheim",),
        topics=("fachkraeftegewinnung",),
        days_ago=40,
        body=(
            Paragraph(
                "Sie lernen ein einfaches Konstruktionsprogramm kennen und sehen zu, wie der Drucker Ihr "
                "Modell Schicht für Schicht aufbaut."
            ),
        ),
    ),
    OfferSpec(
        slug="studieninfotag-ingenieurwesen-informatik",
        title="Studieninfotag Ingenieurwesen und Informatik",
        teaser=(
            "Probevorlesungen, Laborführungen und Gespräche mit Studierenden: Der Campus "
            "Bietigheim-Bissingen öffnet seine Türen für Schülerinnen, Schüler und Eltern."
        ),
        label="Studieninfo",
        kind=OfferKind.OPEN_DAY,
        provider="th-neckar-enz",
        subjects=("informatik", "technik", "mathematik"),
        grade_bands=("klasse-11-13", "ausbildung-studium", "eltern"),
        location="Technische Hochschule Neckar-Enz, Campus Bietigheim-Bissingen",
        address="Talstraße 80, 74321 Bietigheim-Bissingen",
        contact=Contact("Studienberatung", "studienberatung@th-neckar-enz.example", "07142 7790-100"),
        cost="kostenlos",
        registration=False,
        schedule=Schedule(35, SATURDAY, "10:00", 5),
        accessibility=STEP_FREE,
        municipalities=("bietigheim-bissingen",),
        topics=("wissenschaft-wirtschaft",),
        days_ago=42,
        body=(
            Paragraph(
                "Unternehmen aus dem Landkreis stellen duale Studiengänge und Abschlussarbeiten vor. Eltern "
                "erfahren in einer eigenen Runde alles zu Finanzierung und Wohnen."
            ),
        ),
    ),
    OfferSpec(
        slug="exkursion-recyclingwerk",
        title="Kreislauf erleben: Exkursion ins Recyclingwerk",
        teaser=(
            "Wie wird aus Bauschutt neuer Beton? Schulklassen erleben die Aufbereitung vom Sortieren bis "
            "zum Labor – mit Experimenten zum Mitmachen."
        ),
        label="Recycling",
        kind=OfferKind.OPEN_DAY,
        provider="neckarbogen-kreislaufwerk",
        subjects=("naturwissenschaften", "technik"),
        grade_bands=("klasse-8-10",),
        location="Neckarbogen Kreislaufwerk, Freiberg am Neckar",
        address="Am Neckarbogen 3, 71691 Freiberg am Neckar",
        contact=Contact("Petra Vogel", "besuch@neckarbogen-kreislaufwerk.example", "07141 27090-0"),
        cost="kostenlos",
        capacity=30,
        deadline_in_days=21,
        schedule=Schedule(28, TUESDAY, "09:00", 3, count=2, every_days=14),
        accessibility="Helme und Warnwesten werden gestellt; Teile des Geländes sind nicht barrierefrei.",
        municipalities=("freiberg-am-neckar",),
        topics=("raum",),
        days_ago=50,
        body=(
            Paragraph(
                "Die Exkursion richtet sich an ganze Klassen. Lehrkräfte melden ihre Klasse mit Wunschtermin "
                "an; ein Begleitheft für den Unterricht gibt es vorab."
            ),
        ),
    ),
    OfferSpec(
        slug="schnupperwoche-digitaler-holzbau",
        title="Schnupperwoche Zimmerei und digitaler Holzbau",
        teaser=(
            "Vom 3D-Modell zur Abbundmaschine: Eine Woche im Holzbaubetrieb zeigt, wie viel Mathematik und "
            "Technik im Handwerk steckt."
        ),
        label="Holzbau",
        kind=OfferKind.INTERNSHIP,
        provider="glemstal-holzbau",
        subjects=("technik", "mathematik"),
        grade_bands=("klasse-8-10", "ausbildung-studium"),
        min_age=14,
        location="Glemstal Holzbau, Markgröningen",
        address="Glemsaue 14, 71706 Markgröningen",
        contact=Contact("Markus Schäfer", "ausbildung@glemstal-holzbau.example", "07145 9360-12"),
        cost="kostenlos",
        ongoing=True,
        municipalities=("markgroeningen",),
        topics=("fachkraeftegewinnung",),
        days_ago=55,
        body=(
            Paragraph(
                "Die Schnupperwoche ist nach Absprache jederzeit möglich, auch in den Ferien. Wer danach "
                "eine Ausbildung beginnen möchte, bekommt ein Gespräch mit dem Ausbildungsleiter."
            ),
        ),
    ),
    OfferSpec(
        slug="sternwarte-planeten-beobachten",
        title="Abend an der Sternwarte: Planeten beobachten",
        teaser=(
            "Jupiter mit seinen Monden, die Ringe des Saturn und der Mond zum Greifen nah: Ein Abend für "
            "Familien an der Beobachtungsstation im Kirbachtal."
        ),
        label="Sterne",
        kind=OfferKind.OPEN_DAY,
        provider="sternfreunde-kirbachtal",
        subjects=("naturwissenschaften", "mathematik"),
        grade_bands=("klasse-1-4", "klasse-5-7", "eltern"),
        location="Beobachtungsstation der Sternfreunde, Sachsenheim",
        address="Sternwartenweg 1, 74343 Sachsenheim",
        contact=Contact("Uwe Kraus", "kontakt@sternfreunde-kirbachtal.example", "07147 2210-0"),
        cost="Spende erbeten",
        capacity=40,
        schedule=Schedule(40, FRIDAY, "20:00", 2.5),
        accessibility="Die Station liegt am Waldrand; bitte an warme Kleidung und eine Taschenlampe denken.",
        municipalities=("sachsenheim",),
        topics=("fachkraeftegewinnung",),
        days_ago=60,
        body=(
            Paragraph(
                "Bei bewölktem Himmel gibt es eine Reise durch das Sonnensystem im Vortragsraum. Kinder "
                "können ein Sternbild-Diplom erwerben."
            ),
        ),
    ),
)
