"""Innovation milestones of the demo: the workshop asks to tell the story of past entrepreneurial success.

At least two per era of the timeline (``page_types.models.history.Era``). The milestones up to 1853 are
widely known facts of the district's history; the later ones are invented: typical developments of their
time or the early days of the demo's invented companies.
"""

from cms.demo.specs import MilestoneSpec, Paragraph

MILESTONES = (
    MilestoneSpec(
        slug="1704-gruendung-ludwigsburg",
        title="Ein Schloss wird zur Stadt",
        teaser=(
            "Mit dem Bau des Residenzschlosses ab 1704 entsteht Ludwigsburg – und mit ihm ein Bedarf an "
            "Handwerkern, Baumeistern und Händlern aus dem ganzen Land."
        ),
        label="1704",
        year=1704,
        municipalities=("ludwigsburg",),
        topics=("identitaet",),
        days_ago=90,
        body=(
            Paragraph(
                "Herzog Eberhard Ludwig ließ ab 1704 ein Jagdschloss errichten, aus dem eines der größten "
                "Barockschlösser Deutschlands wurde. Um das Schloss wuchs eine planmäßig angelegte Stadt, "
                "die Handwerker mit Privilegien anlockte."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1758-porzellanmanufaktur",
        title="Porzellan aus Ludwigsburg",
        teaser=(
            "Herzog Carl Eugen gründet 1758 die Porzellanmanufaktur Ludwigsburg – Luxusgüter aus dem "
            "Landkreis gehen an die Höfe Europas."
        ),
        label="1758",
        year=1758,
        organisation="porzellanmanufaktur-ludwigsburg",
        municipalities=("ludwigsburg",),
        topics=("identitaet", "aussenkommunikation"),
        days_ago=88,
        body=(
            Paragraph(
                "Die Manufaktur verband Kunst, Chemie und Handwerk: Wer Porzellan brennen wollte, musste "
                "Rezepturen, Öfen und Glasuren beherrschen. Figuren und Geschirr aus Ludwigsburg sind bis "
                "heute in Museen zu sehen."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1846-eisenbahn-erreicht-ludwigsburg",
        title="Die Eisenbahn erreicht Ludwigsburg",
        teaser=(
            "1846 fährt der erste Zug zwischen Stuttgart und Ludwigsburg. Die Bahn bringt Rohstoffe, "
            "Arbeitskräfte und Absatzmärkte in den Landkreis."
        ),
        label="1846",
        year=1846,
        municipalities=("ludwigsburg", "kornwestheim"),
        topics=("energie-verkehr",),
        days_ago=86,
        body=(
            Paragraph(
                "Mit der Strecke nach Stuttgart und bald weiter nach Bietigheim und Heilbronn wurde der "
                "Landkreis Teil des württembergischen Eisenbahnnetzes. Entlang der Gleise siedelten sich die "
                "ersten Fabriken an."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1853-enzviadukt-bietigheim",
        title="Das Enzviadukt bei Bietigheim",
        teaser=(
            "1853 überspannt das Eisenbahnviadukt die Enz bei Bietigheim – ein Meisterwerk der "
            "Ingenieurkunst und bis heute ein Wahrzeichen."
        ),
        label="1853",
        year=1853,
        municipalities=("bietigheim-bissingen",),
        topics=("energie-verkehr", "identitaet"),
        days_ago=84,
        body=(
            Paragraph(
                "Das steinerne Viadukt machte die Bahnstrecke nach Norden möglich. Es steht für eine Region, "
                "die Ingenieurleistungen nicht nur nutzt, sondern selbst hervorbringt."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1898-strom-aus-muehlen",
        title="Strom aus den Mühlen am Neckar",
        teaser=(
            "Um die Jahrhundertwende rüsten Müller an Neckar, Enz und Murr ihre Wasserräder auf Turbinen um "
            "und liefern den ersten Strom in die Dörfer."
        ),
        label="1898",
        year=1898,
        municipalities=("benningen-am-neckar", "murr", "besigheim"),
        topics=("energie-verkehr",),
        days_ago=80,
        body=(
            Paragraph(
                "Aus Getreidemühlen wurden kleine Elektrizitätswerke. Mit dem Strom kamen elektrisches "
                "Licht in die Werkstätten und die ersten Elektromotoren in Handwerk und Landwirtschaft."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1910-schlosserei-an-der-enz",
        title="Eine Schlosserei an der Enz",
        teaser=(
            "1910 eröffnet in Bietigheim eine kleine Schlosserei – der Anfang der heutigen Neckartal "
            "Antriebstechnik."
        ),
        label="1910",
        year=1910,
        organisation="neckartal-antriebstechnik",
        municipalities=("bietigheim-bissingen",),
        topics=("identitaet",),
        days_ago=76,
        body=(
            Paragraph(
                "Der Betrieb reparierte Landmaschinen und baute Transmissionen für die Fabriken der "
                "Umgebung. Schon in den 1920er-Jahren kamen die ersten selbst gewickelten Elektromotoren "
                "hinzu."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1927-molkerei-kuehltechnik",
        title="Kühltechnik für die Milch aus dem Kirbachtal",
        teaser=(
            "1927 schließen sich Landwirte zu einer Molkereigenossenschaft zusammen und setzen auf moderne "
            "Kühltechnik – die Milch bleibt länger frisch und erreicht neue Märkte."
        ),
        label="1927",
        year=1927,
        municipalities=("sachsenheim",),
        topics=("wissenschaft-wirtschaft",),
        days_ago=72,
        body=(
            Paragraph(
                "Gemeinsam konnten sich die Höfe leisten, was für einen allein zu teuer war. Die "
                "Genossenschaft ist ein frühes Beispiel für die Zusammenarbeit, die der Landkreis heute "
                "wieder sucht."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1948-neustart-nach-der-waehrungsreform",
        title="Neustart nach der Währungsreform",
        teaser=(
            "1948 gründen Handwerksbetriebe aus dem Strohgäu eine Einkaufsgemeinschaft, um nach dem Krieg "
            "wieder an Material und Aufträge zu kommen."
        ),
        label="1948",
        year=1948,
        municipalities=("ditzingen", "korntal-muenchingen", "hemmingen"),
        topics=("wirtschaftsfoerderung",),
        days_ago=68,
        body=(
            Paragraph(
                "Die Betriebe kauften gemeinsam ein, teilten Maschinen und bildeten gemeinsam aus. Viele der "
                "Familienunternehmen, die heute das Strohgäu prägen, haben hier ihre Wurzeln."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1962-erste-getriebemotoren-in-serie",
        title="Getriebemotoren in Serie",
        teaser=(
            "1962 geht in Bietigheim die erste Serienfertigung von Getriebemotoren in Betrieb – der Export "
            "beginnt."
        ),
        label="1962",
        year=1962,
        organisation="neckartal-antriebstechnik",
        municipalities=("bietigheim-bissingen",),
        topics=("identitaet", "aussenkommunikation"),
        days_ago=64,
        body=(
            Paragraph(
                "Mit der Serienfertigung wuchs die Belegschaft innerhalb von zehn Jahren auf das Dreifache. "
                "Die Lehrwerkstatt bildete eine Generation von Fachkräften für die ganze Region aus."
            ),
        ),
    ),
    MilestoneSpec(
        slug="1985-garagengruendung-ditzingen",
        title="Eine Garagengründung in Ditzingen",
        teaser=(
            "1985 bauen zwei Ingenieure in einer Garage ihre erste Lichtschranke – heute liefert die "
            "Strohgäu Sensorik in mehr als 40 Länder."
        ),
        label="1985",
        year=1985,
        organisation="strohgaeu-sensorik",
        municipalities=("ditzingen",),
        topics=("identitaet", "wissenschaft-wirtschaft"),
        days_ago=58,
        body=(
            Paragraph(
                "Die Gründer kamen aus der Forschung und wollten Messtechnik bezahlbar machen. Der erste "
                "Auftrag kam von einer Brauerei, die ihre Flaschen automatisch prüfen wollte."
            ),
        ),
    ),
    MilestoneSpec(
        slug="2012-buergerenergie-bottwartal",
        title="Die Bürgerenergie Bottwartal wird gegründet",
        teaser=(
            "2012 gründen Bürgerinnen und Bürger aus drei Gemeinden eine Energiegenossenschaft – die erste "
            "Solaranlage liegt auf einem Schuldach."
        ),
        label="2012",
        year=2012,
        organisation="buergerenergie-bottwartal",
        municipalities=("grossbottwar", "oberstenfeld", "steinheim-an-der-murr"),
        topics=("energie-verkehr", "lebenswerter-landkreis"),
        days_ago=45,
        body=(
            Paragraph(
                "Aus einer Idee beim Stammtisch wurde ein Unternehmen mit über tausend Mitgliedern, das "
                "heute Strom und Wärme für das ganze Tal erzeugt."
            ),
        ),
    ),
    MilestoneSpec(
        slug="2024-ki-allianz-mittelstand",
        title="KI-Allianz von Hochschule und Mittelstand",
        teaser=(
            "2024 vereinbaren Hochschulen und Betriebe aus dem Landkreis eine gemeinsame KI-Werkstatt: "
            "Studierende lösen Aufgaben aus der Praxis."
        ),
        label="2024",
        year=2024,
        organisation="hochschule-angewandte-informatik-ludwigsburg",
        municipalities=("ludwigsburg",),
        topics=("wissenschaft-wirtschaft", "fachkraeftegewinnung"),
        days_ago=15,
        body=(
            Paragraph(
                "In der Werkstatt entstehen Prototypen für Qualitätsprüfung, Energiemanagement und "
                "Verwaltung. Die Betriebe lernen Talente kennen, die Studierenden ihre künftigen Arbeitgeber."
            ),
        ),
    ),
)
