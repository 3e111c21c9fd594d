"""Property-based tests of sign-up input: whatever arrives, the answer is a 2xx or a German 4xx, never a 500,
and a sign-up is stored exactly when it was accepted."""

import string

from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from campaigns.addresses import normalise_email
from campaigns.models import Channel, ConsentEvent, Subscriber
from tests.campaigns.subscribing import unique_ip

SLUGS = ["mint-update", "wirtschaft-im-landkreis", "intern", "", "x" * 200, "mint-update\x00", "../etc"]
TERMS = st.lists(
    st.sampled_from(["klasse-5-7", "informatik", "mensch", "asperg", "nope", "\r\n"]), max_size=4
)
any_text = st.text(max_size=300)
local_parts = st.text(alphabet=string.ascii_letters + string.digits + ".+-_", min_size=1, max_size=70)
domains = st.sampled_from(
    ["example.org", "bücher.de", "EXAMPLE.ORG", "xn--bcher-kva.de", "example", "-bad-.de"]
)
addresses = st.one_of(any_text, st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains))
json_values = st.one_of(st.none(), st.booleans(), st.integers(), any_text, st.lists(any_text, max_size=3))

signups = st.fixed_dictionaries(
    {"email": addresses, "channels": st.lists(st.sampled_from(SLUGS), max_size=3), "consent": st.booleans()},
    optional={
        "name": any_text,
        "language": st.sampled_from(["de", "en", "fr", "", "de\n"]),
        "role": st.sampled_from(["teacher", "student", "", "root"]),
        "municipality": st.sampled_from(["asperg", "atlantis", "", "asperg\x00"]),
        "grade_bands": TERMS,
        "subjects": TERMS,
        "interests": TERMS,
        "hobby": json_values,
        "consent_version": st.sampled_from(["2025-01", "1999", "", "2025-01\r\n"]),
    },
)


@override_settings(CAMPAIGNS_SIGNUP_RATE_LIMIT=10**9, CAMPAIGNS_QUEUE_CONFIRMATION_MAILS=False)
class SignupProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        Channel.objects.create(name="MINT-Update", slug="mint-update")
        Channel.objects.create(name="Wirtschaft", slug="wirtschaft-im-landkreis")
        Channel.objects.create(name="Intern", slug="intern", is_public=False)

    def setUp(self):
        self.client = Client(REMOTE_ADDR=unique_ip())

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(signups)
    def test_api_answers_202_or_a_german_4xx_and_stores_only_what_it_accepted(self, data):
        response = self.client.post("/api/subscriptions", data, content_type="application/json")
        self.assertIn(response.status_code, (202, 400, 422))
        if response.status_code == 202:
            subscriber = Subscriber.objects.get()
            self.assertEqual(subscriber.email, normalise_email(data["email"]))
            self.assertTrue(data["consent"])
            self.assertEqual(ConsentEvent.objects.count(), subscriber.subscriptions.count())
        else:
            self.assertIn(response.json()["detail"].split()[0], ("Die", "Der"))
            self.assertFalse(Subscriber.objects.exists() or ConsentEvent.objects.exists())

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(signups)
    def test_form_answers_303_or_400_and_stores_only_what_it_accepted(self, data):
        form = {
            key: value for key, value in data.items() if value is not None and not isinstance(value, bool)
        }
        form["email"] = data["email"].replace("\x00", "")  # a browser form cannot send NUL in a field
        if data["consent"]:
            form["consent"] = "on"
        response = self.client.post("/newsletter/", form)
        self.assertIn(response.status_code, (303, 400))
        self.assertEqual(Subscriber.objects.exists(), response.status_code == 303)

    @given(st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains))
    def test_normalising_is_idempotent(self, address):
        try:
            once = normalise_email(address)
        except ValidationError:
            return
        self.assertEqual(normalise_email(once), once)
        self.assertEqual(once.rpartition("@")[0], address.strip().rpartition("@")[0])
