"""The baseline vocabulary of the strategy workshop, seeded by a data migration.

Editors may add terms in the admin; these are the ones every installation starts with, because feeds,
API clients and subscriber preferences refer to them by slug.
"""

from pathlib import Path

MUNICIPALITIES_FILE = Path(__file__).resolve().parent / "data" / "municipalities.txt"

# The four success factors of the workshop and the headings below them: (name, [sub-topic names]).
TOPICS: list[tuple[str, list[str]]] = [
    ("Mensch", ["Fachkräftegewinnung", "Lebenswerter Landkreis"]),
    ("Infrastruktur", ["Raum", "Energie & Verkehr", "Wissenschaft & Wirtschaft"]),
    ("Politik & Verwaltung", ["Verwaltung als Impulsgeber", "Wirtschaftsförderung"]),
    ("Image", ["Identität", "Außenkommunikation", "Innenkommunikation"]),
]

# What contact points for newcomers help with: sub-topics of "Mensch" (where welcome culture belongs).
CONTACT_TOPICS_PARENT = "Mensch"
CONTACT_TOPICS = ["Arbeit", "Anerkennung von Abschlüssen", "Sprache", "Wohnen", "Familie"]

# What readers choose, in plain words: (name, one sentence for the sign-up form, [editorial topics gathered]).
# The topics are names from TOPICS and CONTACT_TOPICS; the success factors themselves and the internal ones
# (Verwaltung als Impulsgeber, Außen- and Innenkommunikation) belong to no interest.
INTERESTS: list[tuple[str, str, list[str]]] = [
    (
        "Ausbildung & Beruf",
        "Ausbildung, Studium, Arbeit und Weiterbildung im Landkreis",
        ["Fachkräftegewinnung", "Arbeit", "Anerkennung von Abschlüssen"],
    ),
    (
        "Forschung & Technik",
        "Hochschulen, Forschung und neue Technik aus der Region",
        ["Wissenschaft & Wirtschaft", "Energie & Verkehr"],
    ),
    (
        "Unternehmen vor Ort",
        "Firmen, Gründungen und Erfolgsgeschichten aus der Nachbarschaft",
        ["Wirtschaftsförderung", "Identität", "Wissenschaft & Wirtschaft"],
    ),
    ("Wohnen & Mobilität", "Bauen, Wohnen, Verkehr und Energie", ["Raum", "Energie & Verkehr", "Wohnen"]),
    (
        "Leben & Ankommen",
        "Familie, Sprache und Freizeit – und Hilfe für alle, die neu hier sind",
        ["Lebenswerter Landkreis", "Sprache", "Familie"],
    ),
]

# The English names of the vocabulary readers see (interests, MINT subjects, grade bands, what contact
# points help with), by German name; editors add further languages in the admin.
ENGLISH_NAMES: dict[str, str] = {
    "Ausbildung & Beruf": "Training & jobs",
    "Forschung & Technik": "Research & technology",
    "Unternehmen vor Ort": "Local businesses",
    "Wohnen & Mobilität": "Housing & mobility",
    "Leben & Ankommen": "Living here & settling in",
    "Mathematik": "Mathematics",
    "Informatik": "Computer science",
    "Naturwissenschaften": "Natural sciences",
    "Technik": "Technology",
    "Klasse 1–4": "Grades 1–4",
    "Klasse 5–7": "Grades 5–7",
    "Klasse 8–10": "Grades 8–10",
    "Klasse 11–13": "Grades 11–13",
    "Ausbildung/Studium": "Apprenticeship/university",
    "Lehrkräfte": "Teachers",
    "Eltern": "Parents",
    "Arbeit": "Work",
    "Anerkennung von Abschlüssen": "Recognition of qualifications",
    "Sprache": "Language",
    "Wohnen": "Housing",
    "Familie": "Family",
}

# The languages contact points most often speak in the district: ISO 639-1 code and the language's own name.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("hr", "Hrvatski"),
    ("sr", "Српски"),
    ("bs", "Bosanski"),
    ("sq", "Shqip"),
    ("el", "Ελληνικά"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ku", "Kurdî"),
    ("ti", "ትግርኛ"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
    ("hi", "हिन्दी"),
]

MINT_SUBJECTS = ["Mathematik", "Informatik", "Naturwissenschaften", "Technik"]

GRADE_BANDS = [
    ("Klasse 1–4", "klasse-1-4"),
    ("Klasse 5–7", "klasse-5-7"),
    ("Klasse 8–10", "klasse-8-10"),
    ("Klasse 11–13", "klasse-11-13"),
    ("Ausbildung/Studium", "ausbildung-studium"),
    ("Lehrkräfte", "lehrkraefte"),
    ("Eltern", "eltern"),
]


def municipality_names() -> list[str]:
    """The 39 municipalities, read from the data file (comment lines start with ``#``)."""
    lines = MUNICIPALITIES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
