"""The organisations the demo pages refer to: companies, schools, universities, associations, authorities.

The places are real municipalities of the district; the companies, schools, universities and associations
are invented (plausible, but no statement about a real firm), apart from the district's own administration
and the historic porcelain manufactory of Ludwigsburg.
"""

from dataclasses import dataclass

from cms.demo.context import DemoContext
from page_types.models import Municipality, Organisation

Kind = Organisation.Kind


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: str
    municipality: str
    description: str


ORGANISATIONS = (
    OrganisationSpec(
        "neckartal-antriebstechnik",
        "Neckartal Antriebstechnik GmbH",
        Kind.COMPANY,
        "bietigheim-bissingen",
        "Familienunternehmen für elektrische Antriebe und Getriebemotoren, 1910 als Schlosserei gegründet.",
    ),
    OrganisationSpec(
        "strohgaeu-sensorik",
        "Strohgäu Sensorik GmbH",
        Kind.COMPANY,
        "ditzingen",
        "Entwickelt und fertigt optische Sensoren für Verpackungstechnik, Labor und Fahrzeugbau.",
    ),
    OrganisationSpec(
        "neckarbogen-kreislaufwerk",
        "Neckarbogen Kreislaufwerk GmbH",
        Kind.COMPANY,
        "freiberg-am-neckar",
        "Bereitet Bauschutt und Kunststoffe aus der Region zu neuen Rohstoffen auf.",
    ),
    OrganisationSpec(
        "buergerenergie-bottwartal",
        "Bürgerenergie Bottwartal eG",
        Kind.COMPANY,
        "grossbottwar",
        "Energiegenossenschaft von Bürgerinnen, Bürgern und Betrieben aus dem Bottwartal.",
    ),
    OrganisationSpec(
        "enzblick-medizintechnik",
        "Enzblick Medizintechnik GmbH",
        Kind.COMPANY,
        "vaihingen-an-der-enz",
        "Hersteller von Infusions- und Dialysepumpen mit eigener Entwicklung am Standort.",
    ),
    OrganisationSpec(
        "gueterdrehscheibe-kornwestheim",
        "Güterdrehscheibe Kornwestheim GmbH",
        Kind.COMPANY,
        "kornwestheim",
        "Betreibt ein Terminal für den Umschlag von Containern zwischen Straße und Schiene.",
    ),
    OrganisationSpec(
        "glemstal-holzbau",
        "Glemstal Holzbau GmbH",
        Kind.COMPANY,
        "markgroeningen",
        "Zimmerei und Holzbaubetrieb mit digitaler Vorfertigung.",
    ),
    OrganisationSpec(
        "barockstadt-software",
        "Barockstadt Software GmbH",
        Kind.COMPANY,
        "ludwigsburg",
        "Softwarehaus für Anwendungen in Verwaltung und Mittelstand.",
    ),
    OrganisationSpec(
        "neckardata-rechenzentrum",
        "NeckarData Rechenzentrum GmbH",
        Kind.COMPANY,
        "remseck-am-neckar",
        "Regionales Rechenzentrum, dessen Abwärme ein Wohngebiet heizt.",
    ),
    OrganisationSpec(
        "porzellanmanufaktur-ludwigsburg",
        "Porzellanmanufaktur Ludwigsburg",
        Kind.COMPANY,
        "ludwigsburg",
        "1758 gegründete herzogliche Porzellanmanufaktur im Ludwigsburger Schloss.",
    ),
    OrganisationSpec(
        "gemeinschaftsschule-am-lemberg",
        "Gemeinschaftsschule am Lemberg",
        Kind.SCHOOL,
        "affalterbach",
        "Gemeinschaftsschule mit Profil Naturwissenschaft und Technik.",
    ),
    OrganisationSpec(
        "gymnasium-neckar-enz",
        "Gymnasium Neckar-Enz",
        Kind.SCHOOL,
        "besigheim",
        "Allgemeinbildendes Gymnasium mit Schülerfirma für Solartechnik.",
    ),
    OrganisationSpec(
        "th-neckar-enz",
        "Technische Hochschule Neckar-Enz",
        Kind.UNIVERSITY,
        "bietigheim-bissingen",
        "Hochschule für Ingenieurwesen, Informatik und Medizintechnik.",
    ),
    OrganisationSpec(
        "hochschule-angewandte-informatik-ludwigsburg",
        "Hochschule für angewandte Informatik Ludwigsburg",
        Kind.UNIVERSITY,
        "ludwigsburg",
        "Hochschule mit Schwerpunkten Softwaretechnik, Data Science und Verwaltungsinformatik.",
    ),
    OrganisationSpec(
        "mint-netzwerk-landkreis-ludwigsburg",
        "MINT-Netzwerk Landkreis Ludwigsburg e. V.",
        Kind.ASSOCIATION,
        "ludwigsburg",
        "Verbindet Schulen, Betriebe und Hochschulen, die junge Menschen für MINT begeistern.",
    ),
    OrganisationSpec(
        "jugendforschungszentrum-strohgaeu",
        "Jugendforschungszentrum Strohgäu e. V.",
        Kind.ASSOCIATION,
        "korntal-muenchingen",
        "Offene Forschungswerkstatt für Jugendliche von 12 bis 19 Jahren.",
    ),
    OrganisationSpec(
        "makerspace-kornwestheim",
        "Makerspace Kornwestheim e. V.",
        Kind.ASSOCIATION,
        "kornwestheim",
        "Offene Werkstatt mit 3D-Druckern, Lasercutter und Elektronikplatz.",
    ),
    OrganisationSpec(
        "sternfreunde-kirbachtal",
        "Sternfreunde Kirbachtal e. V.",
        Kind.ASSOCIATION,
        "sachsenheim",
        "Verein für Amateurastronomie mit eigener Beobachtungsstation.",
    ),
    OrganisationSpec(
        "erfahrungsnetz-neckar",
        "Erfahrungsnetz Neckar e. V.",
        Kind.ASSOCIATION,
        "marbach-am-neckar",
        "Fach- und Führungskräfte im Ruhestand, die ihr Wissen an Gründerinnen und Gründer weitergeben.",
    ),
    OrganisationSpec(
        "landratsamt-wirtschaftsfoerderung",
        "Landratsamt Ludwigsburg – Wirtschaftsförderung",
        Kind.AUTHORITY,
        "ludwigsburg",
        "Wirtschaftsförderung des Landkreises Ludwigsburg, Hindenburgstraße 40, 71638 Ludwigsburg.",
    ),
    OrganisationSpec(
        "zweckverband-gewerbepark-strohgaeu",
        "Zweckverband Gewerbepark Strohgäu",
        Kind.AUTHORITY,
        "schwieberdingen",
        "Gemeinsamer Zweckverband von Schwieberdingen, Hemmingen und Markgröningen.",
    ),
)


def load_organisations(ctx: DemoContext) -> int:
    """Create the organisations that do not exist yet (by slug); return how many were created."""
    existing = set(
        Organisation.objects.filter(slug__in=[o.slug for o in ORGANISATIONS]).values_list("slug", flat=True)
    )
    missing = [spec for spec in ORGANISATIONS if spec.slug not in existing]
    Organisation.objects.bulk_create(
        Organisation(
            slug=spec.slug,
            name=spec.name,
            kind=spec.kind,
            municipality=ctx.term(Municipality, spec.municipality),
            description=spec.description,
        )
        for spec in missing
    )
    return len(missing)
