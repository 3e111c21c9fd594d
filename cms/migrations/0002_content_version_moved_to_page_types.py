"""The content version now belongs to the content plugin (page_types.ContentVersion); its counter restarts
there, which only makes every client revalidate once."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_content_version"), ("page_types", "0005_content_version")]

    operations = [migrations.DeleteModel(name="ContentVersion")]
