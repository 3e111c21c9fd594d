"""The public newsletter pages: sign-up, confirmation, preference centre, unsubscribe.

A GET never changes anything (mail scanners open links); confirming and unsubscribing take a POST from a
button, except the RFC 8058 one-click POST a mail provider sends to the unsubscribe URL. Links end
(``campaigns.tokens``): an expired preference or unsubscribe link offers a fresh one by mail to the
subscriber's own address, and only a fresh preference link or a confirmation opens the preference centre.
The token pages need no CSRF protection: the signed token in the URL is the secret, and whoever holds it
could post directly anyway — while a CSRF cookie would only stop people whose browser refuses cookies.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from campaigns import app_settings
from campaigns.models import Channel, ConsentEvent, ConsentText, SignupRequest, Subscriber, Subscription
from campaigns.rendering.fitting import fitting_items
from campaigns.subscriptions import ratelimit
from campaigns.subscriptions.confirmation_mail import LINK_TASK, SEND_TASK
from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.forms import PreferencesForm, SignupForm, is_slug
from campaigns.subscriptions.outbox import enqueue
from campaigns.subscriptions.preferences import RECEIVING, unsubscribe, update_preferences
from campaigns.subscriptions.signup import (
    claim_confirmation_mail,
    confirm,
    confirm_as_guardian,
    pending_request,
)
from campaigns.tokens import (
    CONFIRM,
    GUARDIAN,
    PREFERENCES,
    RENEWABLE,
    UNSUBSCRIBE,
    ExpiredToken,
    InvalidToken,
    RevokedToken,
    make_token,
    read_renewable_token,
    read_request_token,
    read_token,
)

Source = ConsentEvent.Source
MAX_TOKEN_LENGTH = 500
# How many current items the page after a confirmation links to.
WELCOME_PAGE_ITEMS = 3
ONE_CLICK = "One-Click"


def privacy_url(request: HttpRequest) -> str | None:
    """The URL of the site's privacy policy page, linked next to the consent text."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    page = site.root_page.get_children().live().filter(slug=app_settings.privacy_page_slug()).first()
    return page.get_url(request) if page else None


def rate_limited(request: HttpRequest, wait: int) -> HttpResponse:
    """The 429 page: the same for everyone, with the seconds to wait in ``Retry-After``."""
    response = render(request, "campaigns/subscriptions/rate_limited.html", status=429)
    response["Retry-After"] = str(wait)
    return response


def _signup_page(request: HttpRequest, form: SignupForm, status: int = 200) -> HttpResponse:
    shown = (
        form.cleaned_data.get("consent_version") if form.is_bound and hasattr(form, "cleaned_data") else None
    )
    consent_text = shown or ConsentText.objects.current()
    if not form.is_bound and consent_text:
        form.initial["consent_version"] = consent_text.version
    context = {"form": form, "consent_text": consent_text, "privacy_url": privacy_url(request)}
    return render(request, "campaigns/subscriptions/signup.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The sign-up form; every accepted request ends on the same thank-you page."""
    if request.method != "POST":
        return _signup_page(request, SignupForm(initial=SignupForm.prefill(request.GET)))
    form = SignupForm(request.POST)
    if (wait := ratelimit.admit(request, form.is_valid)) is not None:
        return rate_limited(request, wait)
    if form.is_bot():
        return see_thanks()
    if not form.is_valid():
        return _signup_page(request, form, status=400)
    if not form.save(source=Source.FORM, ip_address=ratelimit.client_address(request)):
        return render(request, "campaigns/subscriptions/unavailable.html", status=503)
    return see_thanks()


def see_thanks() -> HttpResponseRedirect:
    """303 See Other: the browser shows the thank-you page with a GET, and a reload posts nothing again."""
    return HttpResponseRedirect(reverse("newsletter:thanks"), status=303)


def thanks(request: HttpRequest) -> HttpResponse:
    """The answer to every sign-up: the same whether the address was new, known or suppressed."""
    return render(request, "campaigns/subscriptions/thanks.html")


def token_problem(request: HttpRequest, token: str, purpose: str, error: InvalidToken) -> HttpResponse:
    """The page for a link that does not work: expired (with a fresh link by mail where that helps),
    revoked, or invalid — 410 or 400, in German."""
    context = {"kind": "invalid", "purpose": purpose}
    status = 400
    if isinstance(error, ExpiredToken):
        context["kind"], status = "expired", 410
        if purpose in RENEWABLE:
            context["renew_url"] = reverse("newsletter:renew", kwargs={"token": token})
    elif isinstance(error, RevokedToken):
        context["kind"], status = "revoked", 410
    return render(request, "campaigns/subscriptions/token_invalid.html", context, status=status)


def with_token(purpose: str) -> Callable:
    """Resolve the ``token`` URL argument to its subscriber (and, for confirmations, the request id), or
    answer with ``token_problem``."""
    reader = read_request_token if purpose in (CONFIRM, GUARDIAN) else read_token

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, token: str) -> HttpResponse:
            try:
                if len(token) > MAX_TOKEN_LENGTH:
                    raise InvalidToken("too long")
                resolved = reader(token, purpose)
            except InvalidToken as error:
                return token_problem(request, token, purpose, error)
            return view(request, *resolved) if isinstance(resolved, tuple) else view(request, resolved)

        return wrapper

    return decorator


def preferences_url(subscriber: Subscriber) -> str:
    return reverse("newsletter:preferences", kwargs={"token": make_token(subscriber, PREFERENCES)})


def renew_url(request: HttpRequest) -> str:
    """Where the page's own (preference or unsubscribe) link asks for a fresh one by mail."""
    return reverse("newsletter:renew", kwargs={"token": request.resolver_match.kwargs["token"]})


def _confirmation_page(
    request: HttpRequest, subscriber: Subscriber, request_id: int, purpose: str
) -> HttpResponse:
    guardian = purpose == GUARDIAN
    waiting = SignupRequest.Status.AWAITING_GUARDIAN if guardian else SignupRequest.Status.OPEN
    context = {"guardian": guardian, "subscriber_email": subscriber.email}
    if request.method == "POST":
        act = confirm_as_guardian if guardian else confirm
        result = act(subscriber, request_id, source=Source.FORM, ip_address=ratelimit.client_address(request))
        context.update(done=True, confirmed=result.activated, awaiting_guardian=result.awaiting_guardian)
        if not guardian:
            context["preferences_url"] = preferences_url(subscriber)
            # The reader's own welcome: what they chose and what fits it now (a parent's page names neither).
            context["choices"] = Facets.of(subscriber).summary()
            context["items"] = fitting_items(subscriber, result.activated, WELCOME_PAGE_ITEMS)
    else:
        pending = pending_request(subscriber, request_id, waiting)
        context["pending"] = [event.channel for event in pending.requested_events()] if pending else []
        if not guardian:
            context["preferences_url"] = preferences_url(subscriber)
    return render(request, "campaigns/subscriptions/confirm.html", context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(CONFIRM)
def confirm_page(request: HttpRequest, subscriber: Subscriber, request_id: int) -> HttpResponse:
    """GET shows what will be confirmed and a button; the POST of that button confirms."""
    return _confirmation_page(request, subscriber, request_id, CONFIRM)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(GUARDIAN)
def guardian_page(request: HttpRequest, subscriber: Subscriber, request_id: int) -> HttpResponse:
    """A parent's or guardian's agreement to a pupil's sign-up: GET shows it, the button's POST agrees."""
    return _confirmation_page(request, subscriber, request_id, GUARDIAN)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def renew_link(request: HttpRequest, token: str) -> HttpResponse:
    """Mail fresh preference and unsubscribe links to the address an old link names (and to no other).

    GET shows the button, its POST sends (within the per-client limit and the subscriber's cool-down); the
    answer is the same whether or not a mail went out.
    """
    subscriber = None
    error: InvalidToken = InvalidToken("unknown purpose")
    for purpose in RENEWABLE:
        try:
            subscriber = read_renewable_token(token[:MAX_TOKEN_LENGTH], purpose)
            break
        except InvalidToken as problem:
            error = problem if isinstance(problem, RevokedToken) else error
    if subscriber is None:
        return token_problem(request, token, PREFERENCES, error)
    if request.method != "POST":
        return render(request, "campaigns/subscriptions/renew.html", {"done": False})
    if (wait := ratelimit.admit(request, lambda: True, scope="renew")) is not None:
        return rate_limited(request, wait)
    if claim_confirmation_mail(subscriber):
        enqueue(LINK_TASK, subscriber.pk)
    return render(request, "campaigns/subscriptions/renew.html", {"done": True})


def resend_confirmation(subscriber: Subscriber) -> bool:
    """Send the confirmation mail of the subscriber's waiting sign-up again, unless one went out within the
    cool-down; return whether it is on its way."""
    waiting = subscriber.signup_requests.filter(status=SignupRequest.Status.OPEN).order_by("-pk").first()
    if waiting is None or not claim_confirmation_mail(subscriber):
        return False
    enqueue(SEND_TASK, waiting.pk)
    return True


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(PREFERENCES)
def preferences_page(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """The preference centre: facets and channels, and a button to leave every newsletter."""
    status = 200
    saved = False
    returning = []
    resent = None
    if request.method == "POST" and "unsubscribe_all" in request.POST:
        ended = unsubscribe(subscriber, source=Source.FORM)
        return render(request, "campaigns/subscriptions/unsubscribe.html", {"done": True, "ended": ended})
    if request.method == "POST" and "resend_confirmation" in request.POST:
        form = PreferencesForm(subscriber=subscriber)
        resent = resend_confirmation(subscriber)
    elif request.method == "POST":
        form = PreferencesForm(request.POST, subscriber=subscriber)
        if form.is_valid():
            returning = update_preferences(
                subscriber,
                form.facets(),
                list(form.cleaned_data["channels"]),
                source=Source.FORM,
                consent_text=form.consent_text(),
                ip_address=ratelimit.client_address(request),
                tracking_consent=form.cleaned_data["tracking_consent"],
                deadline_reminders=form.cleaned_data.get("deadline_reminders"),
            )
            form = PreferencesForm(subscriber=subscriber)
            saved = True
        else:
            status = 400
    else:
        form = PreferencesForm(subscriber=subscriber)
    consent_text = ConsentText.objects.current()
    if consent_text and not form.is_bound:
        form.initial["consent_version"] = consent_text.version
    context = {
        "form": form,
        "saved": saved,
        "returning": returning,
        "resent": resent,
        "pending": Channel.objects.filter(
            subscriptions__subscriber=subscriber, subscriptions__status=Subscription.Status.PENDING
        ),
        "subscriber": subscriber,
        "consent_text": consent_text,
        "privacy_url": privacy_url(request),
        "token": request.resolver_match.kwargs["token"],
    }
    return render(request, "campaigns/subscriptions/preferences.html", context, status=status)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@with_token(UNSUBSCRIBE)
def unsubscribe_page(request: HttpRequest, subscriber: Subscriber) -> HttpResponse:
    """GET shows a button; its POST unsubscribes. Also the RFC 8058 one-click target.

    ``?channel=<slug>`` narrows it to one channel (the newsletter the link came with); without it, or for
    an unknown slug, the person leaves every channel — never less than they asked for.
    """
    slug = request.GET.get("channel", "")
    channel = Channel.objects.filter(slug=slug).first() if is_slug(slug) else None
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == ONE_CLICK
        scope = channel if one_click or request.POST.get("scope") != "all" else None
        ended = unsubscribe(subscriber, scope, source=Source.EMAIL if one_click else Source.FORM)
        if one_click:
            return HttpResponse(_("Sie sind abgemeldet."), content_type="text/plain; charset=utf-8")
        continuing = list(
            Channel.objects.filter(
                subscriptions__subscriber=subscriber, subscriptions__status__in=RECEIVING
            ).order_by("sort_order", "pk")
        )
        context = {
            "done": True,
            "ended": ended,
            "continuing": continuing,
            "renew_url": renew_url(request) if continuing else None,
        }
        return render(request, "campaigns/subscriptions/unsubscribe.html", context)
    # Offer only what still applies: no "only this newsletter" for one already left, no button at all
    # when nothing is left to leave.
    receiving = set(
        subscriber.subscriptions.filter(status__in=RECEIVING).values_list("channel_id", flat=True)
    )
    context = {
        "channel": channel,
        "channel_receiving": channel is not None and channel.pk in receiving,
        "receiving": bool(receiving),
        "renew_url": renew_url(request),
    }
    return render(request, "campaigns/subscriptions/unsubscribe.html", context)
