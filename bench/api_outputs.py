"""Output guard for the content API: record every answer of a broad set of URLs, and compare two records.

Optimising the API must not change a byte of what it answers. This script prepares a throw-away SQLite
database with the demo content (as ``bench/api.py`` does, plus a document and one password-protected
page), then asks the API in-process through Django's test client — production settings, all middleware —
for the index, a ``fields=*`` listing of every page type, every page's detail, the filters, ordering,
paging, field selections, rich text formats, images, documents, ``find`` and the errors. Each URL is asked
rendered (cache cleared), again (the kept body), as a revalidation with ``If-None-Match`` (and
``If-Modified-Since`` where given), and revalidated once more after the cache was cleared. It records
status, body and every header but the time of the answer (``Date``, ``Expires``).

    .venv/bin/python bench/api_outputs.py record before.json --var-dir /tmp/api-guard   # before a change
    .venv/bin/python bench/api_outputs.py record after.json --var-dir /tmp/api-guard    # after it
    .venv/bin/python bench/api_outputs.py compare before.json after.json

Reuse the same ``--var-dir`` for both records: ETags and Last-Modified follow the database's content
version. Answers with ``upcoming=true`` change their ETag every minute, so only its presence is compared.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import HOST, ROOT, environment  # noqa: E402  (bench/api.py)

PORT = 8000
SERVER = f"{HOST}:{PORT}"
VOLATILE_HEADERS = {"date", "expires"}  # the time of the answer
CLOCK_DEPENDENT = "upcoming=true"


def prepare(var_dir: Path, env: dict[str, str]) -> None:
    """Migrate, load the demo content and add a document and a private page, once per ``var_dir``."""
    marker = var_dir / "prepared"
    if marker.exists():
        return
    var_dir.mkdir(parents=True, exist_ok=True)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run([sys.executable, __file__, "_extras"], env=env, cwd=ROOT, check=True)
    marker.touch()


def add_extras() -> None:
    """A document (the demo has none) and a password-protected news page, which must never appear."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction

    from page_types.models import InternalNewsPage

    get_document_model().objects.create(title="Jahresbericht", file=ContentFile(b"%PDF-1.4\n", "bericht.pdf"))
    page = InternalNewsPage.objects.live().order_by("pk").first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def urls() -> list[str]:
    """The URLs asked for: built from what the database holds, so that every page type and page is in."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, get_page_models

    from page_types.models import Era, GradeBand, MintSubject, Municipality, Topic

    api = "/api/v2"
    pages = list(Page.objects.order_by("pk").values_list("pk", "url_path"))
    found = [
        f"{api}/",
        "/api/health/",
        f"{api}/pages/",
        f"{api}/pages/?fields=*",
        f"{api}/pages/?child_of=root",
        f"{api}/pages/?descendant_of=root&limit=50&fields=*",
        f"{api}/pages/?type=page_types.ContentPage&fields=*&limit=50",
        f"{api}/pages/?type=page_types.MintOfferPage,page_types.LighthouseStoryPage&fields=*",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=*,-body",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=title,occurrences,provider(name)",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=_,id,title",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=*&rich_text_format=db_html",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=*&rich_text_format=markdown",
        f"{api}/pages/?type=page_types.LighthouseStoryPage&fields=*&rich_text_format=db_markdown",
        f"{api}/pages/?type=page_types.MintOfferPage&limit=5&offset=5&order=-title",
        f"{api}/pages/?type=page_types.MintOfferPage&kind=workshop&fields=*",
        f"{api}/pages/?type=page_types.MintOfferPage&ongoing=true",
        f"{api}/pages/?type=page_types.InnovationMilestonePage&order=-year&limit=3&fields=*",
        f"{api}/pages/?type=page_types.InternalNewsPage&published_after=2024-12-31&fields=*",
        f"{api}/pages/?published_before=2025-06-01&order=publish_date",
        f"{api}/pages/?upcoming=true&fields=*",
        f"{api}/pages/?upcoming=false&fields=title,occurrences",
        f"{api}/pages/?search=Roboter",
        f"{api}/pages/?search=Roboter&fields=*",
        f"{api}/pages/?search=Ludwigsburg&search_operator=or&order=title",
        f"{api}/pages/?site={SERVER}&fields=*",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=*&_=1",
        f"{api}/pages/?type=page_types.MintOfferPage&fields=*&format=json",
        f"{api}/pages/?topic=mensch&municipality=bietigheim-bissingen&fields=title,teaser",
        f"{api}/pages/?subject=informatik&grade_band=klasse-8-10&upcoming=true&fields=title,occurrences,location",
        f"{api}/images/",
        f"{api}/images/?fields=*&limit=50",
        f"{api}/images/?fields=*&order=-title&limit=5&offset=2",
        f"{api}/images/?search=Werk",
        f"{api}/documents/",
        f"{api}/documents/?fields=*",
        # errors
        f"{api}/pages/?color=blau",
        f"{api}/pages/?topic=mensch,gibts-nicht",
        f"{api}/pages/?limit=500",
        f"{api}/pages/?subject=informatik&type=page_types.LighthouseStoryPage",
        f"{api}/pages/?type=page_types.Nope",
        f"{api}/pages/?fields=gibtsnicht",
        f"{api}/pages/?fields=*&rich_text_format=pdf",
        f"{api}/pages/?order=body",
        f"{api}/pages/?upcoming=vielleicht",
        f"{api}/pages/?child_of=999999",
        f"{api}/pages/?site=nirgendwo.example",
        f"{api}/pages/999999/",
        f"{api}/pages/abc/",
        f"{api}/images/999999/",
        f"{api}/nichts/",
        f"{api}/page_preview/?content_type=page_types.mintofferpage&token=falsch",
    ]
    for model in get_page_models():
        found.append(f"{api}/pages/?type={model._meta.label}&fields=*&limit=50")
    for pk, url_path in pages:
        found += [f"{api}/pages/{pk}/", f"{api}/pages/{pk}/?fields=*,-body&rich_text_format=markdown"]
        found.append(f"{api}/pages/find/?html_path=" + "/".join(url_path.split("/")[2:]))
    for pk in get_image_model().objects.order_by("pk").values_list("pk", flat=True):
        found.append(f"{api}/images/{pk}/")
    for pk in get_document_model().objects.order_by("pk").values_list("pk", flat=True):
        found.append(f"{api}/documents/{pk}/")
    for model, name in ((Topic, "topic"), (Municipality, "municipality")):
        for slug in model.objects.order_by("pk").values_list("slug", flat=True)[:12]:
            found.append(f"{api}/pages/?{name}={slug}&fields=*")
    for model, name in ((MintSubject, "subject"), (GradeBand, "grade_band")):
        for slug in model.objects.order_by("pk").values_list("slug", flat=True):
            found.append(f"{api}/pages/?{name}={slug}&fields=*")
    for era, _label in Era.choices():
        found.append(f"{api}/pages/?era={era}&fields=year,title")
    return found


def answer(response) -> dict:
    headers = {
        name.lower(): value for name, value in response.items() if name.lower() not in VOLATILE_HEADERS
    }
    if "content-security-policy" in headers:  # its directives come in set order, which varies by process
        headers["content-security-policy"] = _sorted_policy(headers["content-security-policy"])
    return {
        "status": response.status_code,
        "headers": headers,
        "body": response.content.decode("utf-8", "replace"),
    }


def _sorted_policy(policy: str) -> str:
    directives = (directive.split() for directive in policy.split(";") if directive.strip())
    return "; ".join(sorted(" ".join([name, *sorted(sources)]) for name, *sources in directives))


def record(path: Path) -> None:
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST=SERVER)
    asked = urls()
    for url in asked:  # creates the image renditions, as on a warm site
        client.get(url)
    cache.clear()
    results = {}
    for url in asked:
        first = client.get(url)
        again = client.get(url)
        entry = {"first": answer(first), "again": answer(again)}
        if first.has_header("ETag"):
            entry["if_none_match"] = answer(client.get(url, headers={"if-none-match": first["ETag"]}))
        if first.has_header("Last-Modified"):
            since = first["Last-Modified"]
            entry["if_modified_since"] = answer(client.get(url, headers={"if-modified-since": since}))
        results[url] = entry
    cache.clear()  # revalidations that find no kept body (another process answered first)
    for url, entry in results.items():
        if etag := entry["first"]["headers"].get("etag"):
            entry["if_none_match_cold"] = answer(client.get(url, headers={"if-none-match": etag}))
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True))
    statuses = sorted({entry["first"]["status"] for entry in results.values()})
    print(f"{len(results)} URLs recorded in {path} (statuses {statuses})")


def compare(before_path: Path, after_path: Path) -> int:
    """Print every difference; the number of URLs that differ."""
    before, after = json.loads(before_path.read_text()), json.loads(after_path.read_text())
    differing = 0
    for url in sorted(before.keys() | after.keys()):
        old, new = before.get(url), after.get(url)
        if old is None or new is None:
            print(f"{url}: only in {'after' if old is None else 'before'}")
            differing += 1
            continue
        problems = []
        for step in sorted(old.keys() | new.keys()):
            a, b = old.get(step), new.get(step)
            if a is None or b is None:
                problems.append(f"{step}: only {'after' if a is None else 'before'}")
                continue
            if CLOCK_DEPENDENT in url:
                a, b = _without_etag(a), _without_etag(b)
            for part in ("status", "headers", "body"):
                if a[part] != b[part]:
                    problems.append(f"{step} {part}: {str(a[part])[:300]!r} != {str(b[part])[:300]!r}")
        if problems:
            differing += 1
            print(url, *problems, sep="\n    ")
    print(f"{len(before)} URLs before, {len(after)} after; {differing} differ")
    return differing


def _without_etag(entry: dict) -> dict:
    headers = dict(entry["headers"])
    if "etag" in headers:
        headers["etag"] = "<present>"
    return {**entry, "headers": headers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare", "_extras"])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--var-dir", type=Path, default=Path("/tmp/leuchtturm-api-guard"))
    options = parser.parse_args()
    if options.action == "compare":
        sys.exit(1 if compare(*options.files) else 0)

    import django

    if options.action == "_extras":
        django.setup()
        add_extras()
        return
    env = environment(options.var_dir.resolve(), PORT)
    env["SECRET_KEY"] = "api-output-guard-Nf5Wq2Xj8Tb4Lz7Cv1Rk6Hs"  # the same in both records
    prepare(options.var_dir.resolve(), env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    django.setup()
    record(options.files[0])


if __name__ == "__main__":
    main()
