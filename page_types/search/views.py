"""The search page (``/suche/``): the form, the results with their filter links, and help when nothing is
found.

Search words are personal enough to be kept out of the logs: nothing here logs them, and the page is
``noindex`` and not linked from other sites (the ``Referrer-Policy`` is ``same-origin``).
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest
from django.template.response import TemplateResponse

from page_types.search import query as search_query
from page_types.search.forms import SearchForm
from page_types.search.suggestions import suggestion

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> TemplateResponse:
    """Search the site's content pages; an invalid filter or result page is a 400 with a message."""
    form = SearchForm(request.GET or None)
    pages = search_query.site_pages(request)
    words = form.words
    context = {"form": form, "words": words, "page_obj": None, "hits": [], "kept_filters": kept_filters(form)}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif words or form.has_filters():
        results = search_query.find(words, search_query.narrowed(pages, form))
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get(search_query.PAGE_PARAMETER) or 1)
        except (PageNotAnInteger, EmptyPage):
            page_obj, status = None, 400
        context.update(searched=True, paginator=paginator, page_obj=page_obj)
        context["query_without_page"] = search_query.query_with(
            request.GET, search_query.PAGE_PARAMETER, None
        )
        if page_obj is not None:
            context["filter_groups"] = search_query.filter_groups(request.GET, form, words, pages, results)
            context["hits"] = search_query.hits(page_obj.object_list, words)
        if paginator.count == 0 and words:
            context["suggestion"] = _suggestion_with_results(words, search_query.narrowed(pages, form))
    if not context["hits"]:
        context["popular_interests"] = search_query.popular_interests(pages)
        context["index_pages"] = search_query.index_pages(request)
    return TemplateResponse(request, "page_types/search/search.html", context, status=status)


def kept_filters(form: SearchForm) -> list[tuple[str, str]]:
    """The valid filters as (name, value), kept as hidden fields when the reader searches again."""
    if not form.is_bound or not form.is_valid():
        return []
    return [(name, form.data[name]) for name in ("family", "municipality", "interest") if form.data.get(name)]


def _suggestion_with_results(words: str, pages) -> str | None:
    """A near miss of ``words`` that finds something, or ``None``."""
    corrected = suggestion(words, pages)
    if corrected and search_query.find(corrected, pages).count():
        return corrected
    return None
