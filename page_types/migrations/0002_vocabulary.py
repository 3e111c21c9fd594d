"""Seed the 39 municipalities and the workshop's topics, MINT subjects and grade bands."""

from django.db import migrations

from page_types.slugs import german_slug
from page_types.vocabulary import GRADE_BANDS, MINT_SUBJECTS, TOPICS, municipality_names


def seed(apps, schema_editor):
    Municipality = apps.get_model("page_types", "Municipality")
    Topic = apps.get_model("page_types", "Topic")
    MintSubject = apps.get_model("page_types", "MintSubject")
    GradeBand = apps.get_model("page_types", "GradeBand")
    for name in municipality_names():
        Municipality.objects.get_or_create(slug=german_slug(name), defaults={"name": name})
    for order, (name, children) in enumerate(TOPICS):
        parent, _ = Topic.objects.get_or_create(
            slug=german_slug(name), defaults={"name": name, "sort_order": order * 10}
        )
        for child_order, child in enumerate(children, start=1):
            Topic.objects.get_or_create(
                slug=german_slug(child),
                defaults={"name": child, "parent": parent, "sort_order": order * 10 + child_order},
            )
    for order, name in enumerate(MINT_SUBJECTS):
        MintSubject.objects.get_or_create(
            slug=german_slug(name), defaults={"name": name, "sort_order": order}
        )
    for order, (name, slug) in enumerate(GRADE_BANDS):
        GradeBand.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("page_types", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
