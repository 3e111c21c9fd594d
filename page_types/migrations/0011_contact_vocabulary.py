"""Seed what contact points help with (sub-topics of "Mensch") and the languages they most often speak."""

from django.db import migrations

from page_types.slugs import german_slug
from page_types.vocabulary import CONTACT_TOPICS, CONTACT_TOPICS_PARENT, LANGUAGES


def seed(apps, schema_editor):
    Topic = apps.get_model("page_types", "Topic")
    Language = apps.get_model("page_types", "Language")
    parent = Topic.objects.filter(slug=german_slug(CONTACT_TOPICS_PARENT)).first()
    base = parent.sort_order + 5 if parent else 0
    for order, name in enumerate(CONTACT_TOPICS):
        Topic.objects.get_or_create(
            slug=german_slug(name), defaults={"name": name, "parent": parent, "sort_order": base + order}
        )
    for order, (code, name) in enumerate(LANGUAGES):
        Language.objects.get_or_create(slug=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("page_types", "0010_contact_points_and_guide")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
