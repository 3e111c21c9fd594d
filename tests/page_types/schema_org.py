"""A small checker of schema.org JSON-LD, as search engines read it: vocabulary, required and recommended
properties, value formats.

The vocabulary is the part of schema.org that Leuchtturm uses (types with their parents and the properties
schema.org defines on them), so an invented or misspelt property fails. Required and recommended properties
follow Google's structured-data guidelines for events, articles, courses and organisations, trimmed to
what the content model can know (no performers, no street addresses). ``check`` returns every problem as a
readable line; ``missing_recommended`` the recommended properties that are absent.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

SCHEMA = "https://schema.org/"


def words(text: str) -> set[str]:
    return set(text.split())


THING = words(
    "additionalType alternateName description disambiguatingDescription identifier image mainEntityOfPage "
    "name potentialAction sameAs subjectOf url"
)
CREATIVE_WORK = words(
    "about abstract accessMode accessibilityFeature accessibilitySummary aggregateRating "
    "alternativeHeadline audience author citation comment contentLocation contributor copyrightHolder "
    "copyrightYear creator dateCreated dateModified datePublished editor educationalLevel educationalUse "
    "genre hasPart headline inLanguage isAccessibleForFree isPartOf keywords learningResourceType license "
    "locationCreated mainEntity mentions offers position producer provider publisher sourceOrganization "
    "spatialCoverage sponsor teaches temporalCoverage text thumbnailUrl timeRequired typicalAgeRange "
    "version"
)
EVENT = words(
    "about actor aggregateRating attendee audience composer contributor director doorTime duration "
    "endDate eventAttendanceMode eventSchedule eventStatus funder funding inLanguage isAccessibleForFree "
    "keywords location maximumAttendeeCapacity maximumPhysicalAttendeeCapacity "
    "maximumVirtualAttendeeCapacity offers organizer performer previousStartDate recordedIn "
    "remainingAttendeeCapacity review sponsor startDate subEvent superEvent translator typicalAgeRange "
    "workFeatured workPerformed"
)
ORGANIZATION = words(
    "address areaServed brand contactPoint department email employee founder foundingDate legalName "
    "location logo member memberOf parentOrganization subOrganization telephone"
)
PLACE = words("address containedInPlace containsPlace geo hasMap latitude longitude telephone")

# type: (parent, properties defined on the type itself)
VOCABULARY: dict[str, tuple[str | None, set[str]]] = {
    "Thing": (None, THING),
    "CreativeWork": ("Thing", CREATIVE_WORK),
    "Article": ("CreativeWork", words("articleBody articleSection backstory speakable wordCount")),
    "WebSite": ("CreativeWork", words("issn")),
    "Course": (
        "CreativeWork",
        words("courseCode coursePrerequisites educationalCredentialAwarded hasCourseInstance"),
    ),
    "Event": ("Thing", EVENT),
    "EducationEvent": ("Event", words("assesses educationalLevel teaches")),
    "Organization": ("Thing", ORGANIZATION),
    "GovernmentOrganization": ("Organization", set()),
    "EducationalOrganization": ("Organization", words("alumni")),
    "School": ("EducationalOrganization", set()),
    "CollegeOrUniversity": ("EducationalOrganization", set()),
    "Person": ("Thing", words("affiliation birthDate deathDate familyName givenName jobTitle")),
    "Place": ("Thing", PLACE),
    "AdministrativeArea": ("Place", set()),
    "Intangible": ("Thing", set()),
    "StructuredValue": ("Intangible", set()),
    "ContactPoint": (
        "StructuredValue",
        words("areaServed availableLanguage contactType email telephone"),
    ),
    "PostalAddress": (
        "ContactPoint",
        words("addressCountry addressLocality addressRegion postOfficeBoxNumber postalCode streetAddress"),
    ),
    "Offer": (
        "Intangible",
        words(
            "availability availabilityEnds availabilityStarts category eligibleRegion itemOffered offeredBy "
            "price priceCurrency priceSpecification seller validFrom validThrough"
        ),
    ),  # fmt: skip
    "Action": ("Thing", words("actionStatus agent instrument object result target")),
    "SearchAction": ("Action", words("query")),
    "EntryPoint": ("Intangible", words("actionPlatform contentType httpMethod urlTemplate")),
}

ENUMERATIONS = {
    "eventStatus": words("EventScheduled EventCancelled EventMovedOnline EventPostponed EventRescheduled"),
    "eventAttendanceMode": words(
        "OfflineEventAttendanceMode OnlineEventAttendanceMode MixedEventAttendanceMode"
    ),
    "availability": words("InStock SoldOut PreOrder OutOfStock LimitedAvailability Discontinued"),
}
DATES = words("startDate endDate datePublished dateModified validFrom validThrough previousStartDate")
URLS = words("url mainEntityOfPage sameAs urlTemplate @id")
AGE_RANGE = re.compile(r"\d+-(\d+)?")
PRICE = re.compile(r"\d+(\.\d+)?")
CURRENCY = re.compile(r"[A-Z]{3}")
YEAR = re.compile(r"-?\d{4}")


@dataclass(frozen=True)
class Rule:
    required: frozenset[str] = field(default_factory=frozenset)
    recommended: frozenset[str] = field(default_factory=frozenset)


def rule(required: str = "", recommended: str = "") -> Rule:
    return Rule(frozenset(required.split()), frozenset(recommended.split()))


# Google Search Central: Event, Article, Course, Organization — trimmed as the module docstring says.
RULES = {
    "Event": rule(
        "name startDate location",
        "description endDate eventAttendanceMode eventStatus image offers organizer",
    ),
    "EducationEvent": rule(
        "name startDate location",
        "description endDate eventAttendanceMode eventStatus image offers organizer typicalAgeRange",
    ),
    "Article": rule("headline", "author author.name author.url datePublished dateModified image publisher"),
    "Course": rule("name description", "provider offers"),
    "CreativeWork": rule("name", "description url"),
    "Organization": rule("name", "url"),
    "Place": rule("address", "name"),
    "AdministrativeArea": rule("name"),
    "PostalAddress": rule("addressCountry", "addressLocality"),
    "Offer": rule("", "price priceCurrency url availability"),
    "WebSite": rule("name url"),
}


def ancestry(schema_type: str) -> list[str]:
    chain = []
    while schema_type is not None:
        chain.append(schema_type)
        schema_type = VOCABULARY[schema_type][0]
    return chain


def properties_of(schema_type: str) -> set[str]:
    return set().union(*(VOCABULARY[t][1] for t in ancestry(schema_type)))


def rule_of(schema_type: str) -> Rule:
    return next((RULES[t] for t in ancestry(schema_type) if t in RULES), Rule())


def _present(node: dict, path: str) -> bool:
    head, _dot, rest = path.partition(".")
    value = node.get(head)
    if value in (None, "", []):
        return False
    if not rest:
        return True
    values = value if isinstance(value, list) else [value]
    return all(isinstance(v, dict) and _present(v, rest) for v in values)


def _value_problems(name: str, value, where: str) -> list[str]:
    problems = []
    if name in DATES:
        text = str(value)
        try:
            parsed = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
        except ValueError:
            return [f"{where}.{name}: not ISO 8601: {text!r}"]
        if isinstance(parsed, datetime) and parsed.tzinfo is None:
            problems.append(f"{where}.{name}: a date-time without time zone: {text!r}")
    if name in URLS or name == "image":
        for url in value if isinstance(value, list) else [value]:
            if isinstance(url, str) and not (
                urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc
            ):
                problems.append(f"{where}.{name}: not an absolute URL: {url!r}")
    if name in ENUMERATIONS and value not in {SCHEMA + member for member in ENUMERATIONS[name]}:
        problems.append(f"{where}.{name}: not a schema.org {name} value: {value!r}")
    if name == "typicalAgeRange" and not AGE_RANGE.fullmatch(str(value)):
        problems.append(f"{where}.typicalAgeRange: not like '7-9' or '11-': {value!r}")
    if name == "price" and not PRICE.fullmatch(str(value)):
        problems.append(f"{where}.price: not a number with a decimal point: {value!r}")
    if name == "priceCurrency" and not CURRENCY.fullmatch(str(value)):
        problems.append(f"{where}.priceCurrency: not an ISO 4217 code: {value!r}")
    if name == "temporalCoverage" and not YEAR.fullmatch(str(value)):
        problems.append(f"{where}.temporalCoverage: not a year: {value!r}")
    return problems


def check_node(node: dict, where: str = "$") -> list[str]:
    """Problems of one node and the nodes nested in it."""
    schema_type = node.get("@type")
    if schema_type is None:
        return [] if set(node) <= words("@id") else [f"{where}: a node without @type"]
    if schema_type not in VOCABULARY:
        return [f"{where}: unknown type {schema_type}"]
    allowed = properties_of(schema_type)
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            problems += _value_problems(name, value, where) if name == "@id" else []
            continue
        if name.endswith("-input") and "Action" in ancestry(schema_type):
            continue
        if name not in allowed:
            problems.append(f"{where}: {schema_type} has no property {name}")
            continue
        problems += _value_problems(name, value, f"{where}.{name}")
        for index, child in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(child, dict):
                problems += check_node(child, f"{where}.{name}[{index}]")
    for name in sorted(rule_of(schema_type).required):
        if not _present(node, name):
            problems.append(f"{where}: {schema_type} lacks required {name}")
    return problems


def check(document: dict) -> list[str]:
    """Every problem of a JSON-LD document (``@context`` and ``@graph``, or a single node)."""
    if document.get("@context") not in ("https://schema.org", "https://schema.org/"):
        return [f"@context is {document.get('@context')!r}, not https://schema.org"]
    nodes = document.get("@graph", [document])
    return [problem for index, node in enumerate(nodes) for problem in check_node(node, f"$[{index}]")]


def missing_recommended(node: dict) -> set[str]:
    """The recommended properties of the node's type that it lacks."""
    return {name for name in rule_of(node["@type"]).recommended if not _present(node, name)}
