"""Running a site search: the site's pages that match the words and the reader's filters, and the links to
narrow them further.

Words go to the configured Wagtail search backend; family, municipality and interest narrow the pages before
that with ``ContentPageQuerySet.matching``, the rule every outlet shares. Without words, the filters alone
list pages, newest first (so "all offers in Ludwigsburg" is a search, too).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, QuerySet, prefetch_related_objects
from django.http import HttpRequest, QueryDict
from django.utils.safestring import SafeString
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from page_types.models import ContentPage, Interest, ListingIndexPage, Municipality
from page_types.search.families import families, family_label
from page_types.search.forms import SearchForm
from page_types.search.highlight import highlight, query_terms

PAGE_PARAMETER = "seite"
# Municipalities and interests offered as filter links: the most frequent among the results.
TERM_LINKS = 12
POPULAR_INTERESTS = 6
DATES = "page_types/search/dates"


def site_pages(request: HttpRequest) -> QuerySet:
    """The live, public content pages of the site the request is for, in the language of its address (the
    tree of the home page's translation; German where the home page has none)."""
    site = Site.find_for_request(request)
    if site is None:
        return ContentPage.objects.none()
    return ContentPage.objects.live().public().descendant_of(site.root_page.localized)


def narrowed(pages: QuerySet, form: SearchForm, *, by_family: bool = True) -> QuerySet:
    """``pages`` narrowed by the reader's valid filters (the family only if ``by_family``)."""
    if not form.is_valid():
        return pages
    pages = pages.matching(**form.chosen_terms())
    if by_family and (model := form.family_model()):
        pages = pages.type(model)
    return pages


def find(words: str, pages: QuerySet):
    """The pages among ``pages`` that match ``words``, best first; without words, ``pages`` newest first."""
    if not words:
        return pages.order_by("-publish_date", "-pk")
    # The backend filters by plain indexed fields only, not by the subqueries of ``matching``.
    within = ContentPage.objects.filter(pk__in=pages.values("pk"))
    return get_search_backend().search(words, within, operator="and")


def counts_by(results, field: str) -> dict:
    """How many of ``results`` (search results or a queryset) have each value of ``field``."""
    if isinstance(results, QuerySet):
        rows = results.order_by().values_list(field).annotate(count=Count("pk"))
        return dict(rows)
    return dict(results.facet(field))


@dataclass(frozen=True)
class FilterLink:
    """A link that narrows (or widens) the results: its label, query string and whether it is chosen."""

    label: str
    query: str
    selected: bool = False
    count: int | None = None


def query_with(query: QueryDict, name: str, value: str | None) -> str:
    """The current query string with ``name`` set to ``value`` (or removed), from the first result page."""
    changed = query.copy()
    changed.pop(PAGE_PARAMETER, None)
    changed.pop(name, None)
    if value:
        changed[name] = value
    return changed.urlencode()


def family_links(query: QueryDict, form: SearchForm, words: str, pages: QuerySet) -> list[FilterLink]:
    """Every family with results, with its count among the results of all families."""
    counts = counts_by(find(words, narrowed(pages, form, by_family=False)), "content_type_id")
    chosen = form.cleaned_data.get("family")
    links = []
    for slug, model in families().items():
        count = counts.get(ContentType.objects.get_for_model(model).pk, 0)
        if count or slug == chosen:
            label = str(model._meta.verbose_name_plural)
            links.append(FilterLink(label, query_with(query, "family", slug), slug == chosen, count))
    return links


def term_links(query: QueryDict, name: str, terms: list[Model], chosen: Model | None) -> list[FilterLink]:
    """Links to the given terms, the chosen one first if it is not among them."""
    if chosen is not None and chosen not in terms:
        terms = [chosen, *terms]
    return [FilterLink(term.name, query_with(query, name, term.slug), term == chosen) for term in terms]


def frequent_terms(model: type[Model], page_ids, limit: int) -> list[Model]:
    """The terms of ``model`` most often given to the pages ``page_ids``."""
    terms = model.objects.filter(pages__in=page_ids).annotate(uses=Count("pages"))
    return list(terms.order_by("-uses", "slug")[:limit])


def frequent_interests(page_ids, limit: int) -> list[Interest]:
    """The interests most pages of ``page_ids`` belong to (through their topics, ``Interest.by_topic``)."""
    by_topic = Interest.objects.by_topic()
    pages_of: dict[Interest, set[int]] = defaultdict(set)
    rows = ContentPage.topics.through.objects.filter(contentpage_id__in=page_ids)
    for page_id, topic_id in rows.values_list("contentpage_id", "topic_id"):
        for interest in by_topic.get(topic_id, ()):
            pages_of[interest].add(page_id)
    ranked = sorted(pages_of, key=lambda interest: (-len(pages_of[interest]), interest.slug))
    return ranked[:limit]


@dataclass(frozen=True)
class FilterGroup:
    """The links of one kind of filter, with the link that removes it."""

    name: str
    heading: str
    all_label: str
    reset_query: str
    links: list[FilterLink]

    @property
    def chosen(self) -> bool:
        return any(link.selected for link in self.links)


def filter_groups(
    query: QueryDict, form: SearchForm, words: str, pages: QuerySet, results
) -> list[FilterGroup]:
    """Family (every family with its count), municipality and interest (the most frequent in the results)."""
    ids = matched_ids(results)
    fields = form.fields
    groups = [
        FilterGroup(
            "family",
            fields["family"].label,
            fields["family"].choices[0][1],
            query_with(query, "family", None),
            family_links(query, form, words, pages),
        )
    ]
    for name, terms in (
        ("municipality", frequent_terms(Municipality, ids, TERM_LINKS)),
        ("interest", frequent_interests(ids, TERM_LINKS)),
    ):
        groups.append(
            FilterGroup(
                name,
                fields[name].label,
                fields[name].empty_label,
                query_with(query, name, None),
                term_links(query, name, terms, form.cleaned_data.get(name)),
            )
        )
    return groups


def matched_ids(results):
    """The ids of all ``results``: a subquery for a queryset, one facet query for search results."""
    if isinstance(results, QuerySet):
        return results.values("pk")
    return list(results.facet("id"))


@dataclass(frozen=True)
class SearchHit:
    """One result as the reader sees it: the (specific) page, its family and the highlighted text."""

    page: ContentPage
    family: str
    title: SafeString
    teaser: SafeString

    @property
    def date_templates(self) -> list[str]:
        """The family's date line (``search/dates/mintofferpage.html``), else the publish date."""
        return [
            f"page_types/search/dates/{self.page._meta.model_name}.html",
            "page_types/search/dates/page.html",
        ]


def hits(pages: Iterable[ContentPage], words: str) -> list[SearchHit]:
    """The results of one result page as specific pages, with what their lines show fetched at once."""
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    ordered = [specific[pk] for pk in ids if pk in specific]
    by_model = sorted(ordered, key=lambda page: page._meta.label)
    for _model, group in groupby(by_model, key=type):
        group = list(group)
        prefetch_related_objects(group, *type(group[0]).search_result_prefetch)
    terms = query_terms(words)
    return [
        SearchHit(page, family_label(type(page)), highlight(page.title, terms), highlight(page.teaser, terms))
        for page in ordered
    ]


def popular_interests(pages: QuerySet) -> list[Interest]:
    """The interests with the most pages on the site, for a reader whose search found nothing."""
    return frequent_interests(pages.values("pk"), POPULAR_INTERESTS)


def index_pages(request: HttpRequest) -> list[ListingIndexPage]:
    """The site's index pages (MINT offers, lighthouses, …), for a reader whose search found nothing."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    children = site.root_page.localized.get_children().live().public().specific()
    return [page for page in children if isinstance(page, ListingIndexPage)]
