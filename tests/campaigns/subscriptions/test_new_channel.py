"""Adding a channel later always says what happens: the new channel gets its confirmation mail even within
the cool-down of the last one (which still holds for repeated sign-ups), and the preference page shows it as
waiting with a button to send the mail again."""

from datetime import timedelta

from django.utils import timezone

from campaigns.models import Subscriber, Subscription
from campaigns.tokens import PREFERENCES, UNSUBSCRIBE, make_token
from tests.campaigns.subscribing import confirm_token, link_in, signup_data
from tests.page_types.markup import soup

Status = Subscription.Status


def sign_up(visitor, capture, channels: list[str]) -> None:
    with capture(execute=True):
        assert visitor.post("/newsletter/", signup_data(channels=channels)).status_code == 303


def confirm_first(visitor, smtp_sink, capture) -> Subscriber:
    sign_up(visitor, capture, ["mint-update"])
    [mail] = smtp_sink.handler.to("lena@example.org")
    visitor.post(link_in(mail.message.get_content(), "confirm"))
    subscriber = Subscriber.objects.get(email="lena@example.org")
    assert subscriber.subscriptions.get().status == Status.ACTIVE
    return subscriber


def test_a_new_channel_within_the_cool_down_gets_its_confirmation_mail(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirm_first(visitor, smtp_sink, capture)
    sign_up(visitor, capture, ["wirtschaft-im-landkreis"])
    mails = smtp_sink.handler.to("lena@example.org")
    assert len(mails) == 2
    assert "Wirtschaft im Landkreis" in mails[1].message.get_content()
    # Asking again for the same waiting channel within the cool-down sends nothing more.
    sign_up(visitor, capture, ["wirtschaft-im-landkreis"])
    assert len(smtp_sink.handler.to("lena@example.org")) == 2


def test_the_preference_page_shows_the_waiting_channel_and_sends_the_mail_again(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    subscriber = confirm_first(visitor, smtp_sink, capture)
    sign_up(visitor, capture, ["wirtschaft-im-landkreis"])
    url = f"/newsletter/preferences/{make_token(subscriber, PREFERENCES)}/"
    waiting = soup(visitor.get(url)).find(id="wartet")
    assert "Wirtschaft im Landkreis – wartet auf Bestätigung" in waiting.get_text(" ", strip=True)
    assert waiting.find("button", attrs={"name": "resend_confirmation"})

    # Within the cool-down the page says a mail is on its way and sends none.
    with capture(execute=True):
        page = soup(visitor.post(url, {"resend_confirmation": "1"}))
    assert "gerade erst unterwegs" in page.find(attrs={"role": "status"}).get_text()
    assert len(smtp_sink.handler.to("lena@example.org")) == 2

    Subscriber.objects.filter(pk=subscriber.pk).update(
        last_confirmation_sent_at=timezone.now() - timedelta(hours=1)
    )
    with capture(execute=True):
        page = soup(visitor.post(url, {"resend_confirmation": "1"}))
    assert "erneut gesendet" in page.find(attrs={"role": "status"}).get_text()
    mails = smtp_sink.handler.to("lena@example.org")
    assert len(mails) == 3
    # The resent link confirms the waiting channel.
    resent_link = link_in(mails[2].message.get_content(), "confirm")
    assert resent_link == f"/newsletter/confirm/{confirm_token(subscriber)}/"


def test_leaving_one_channel_says_which_continue(visitor, newsletter_channels):
    subscriber = Subscriber.objects.create(email="ida@example.org")
    for channel in (newsletter_channels["mint"], newsletter_channels["wirtschaft"]):
        Subscription.objects.create(subscriber=subscriber, channel=channel, status=Status.ACTIVE)
    url = f"/newsletter/unsubscribe/{make_token(subscriber, UNSUBSCRIBE)}/?channel=mint-update"
    page = soup(visitor.post(url, {"scope": "channel"}))
    assert [li.get_text() for li in page.select(".nl-continuing li")] == ["Wirtschaft im Landkreis"]
    page = soup(visitor.post(url, {"scope": "all"}))
    assert not page.select(".nl-continuing")
    assert "Sie erhalten keine Newsletter mehr von uns." in page.get_text()
