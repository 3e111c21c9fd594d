"""Readers choose interests in plain words instead of the editorial topics: subscribers and audiences keep
every choice they made, as the interests that gather the topics they had chosen.

An expansion: the ``topics`` relations stay for the previous release during a rolling upgrade; a contract
migration of a later release maps what that release wrote meanwhile and drops them."""

from django.db import migrations, models
from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField


def gathering(Interest, topics):
    """The interests gathering any of ``topics``, themselves or through their parent topic."""
    ids = [topic.pk for topic in topics]
    parents = [topic.parent_id for topic in topics if topic.parent_id]
    return Interest.objects.filter(Q(topics__in=ids) | Q(topics__in=parents)).distinct()


def with_sub_topics(topics):
    """A success factor a reader chose stands for its sub-topics."""
    topics = list(topics)
    return topics + [child for topic in topics if topic.parent_id is None for child in topic.children.all()]


def topics_to_interests(apps, schema_editor):
    Interest = apps.get_model("page_types", "Interest")
    Topic = apps.get_model("page_types", "Topic")
    for model_name in ("Subscriber", "Audience"):
        model = apps.get_model("campaigns", model_name)
        # Written through the join table: an audience's parental relation would only be kept in memory.
        through = model.interests.through
        column = f"{model_name.lower()}_id"
        for item in model.objects.filter(topics__isnull=False).distinct().prefetch_related("topics"):
            through.objects.bulk_create(
                through(**{column: item.pk, "interest_id": interest.pk})
                for interest in gathering(Interest, with_sub_topics(item.topics.all()))
            )
    # Sign-ups still waiting for their confirmation state their facets by slug.
    SignupRequest = apps.get_model("campaigns", "SignupRequest")
    for request in SignupRequest.objects.filter(facets__has_key="topics"):
        topics = with_sub_topics(Topic.objects.filter(slug__in=request.facets.pop("topics") or []))
        request.facets["interests"] = list(gathering(Interest, topics).values_list("slug", flat=True))
        request.save(update_fields=["facets"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0018_campaign_texts"),
        ("page_types", "0013_interests"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="interests",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="page_types.interest", verbose_name="Interessen"
            ),
        ),
        migrations.AddField(
            model_name="audience",
            name="interests",
            field=ParentalManyToManyField(
                blank=True, related_name="+", to="page_types.interest", verbose_name="Interessen"
            ),
        ),
        migrations.RunPython(topics_to_interests, migrations.RunPython.noop),
    ]
