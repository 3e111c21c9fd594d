"""Where uploads live: the local disk by default, an S3-compatible bucket by configuration.

Several web hosts must all see every upload (and every image rendition one of them creates), so beyond one
machine media go to a bucket — AWS S3 or any S3-compatible service (MinIO, Ceph, a cloud provider's object
storage). Setting ``AWS_STORAGE_BUCKET_NAME`` switches; credentials come from ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``, which django-storages and boto3 read from the environment themselves.
"""

from typing import Any

from cms.csp import origin_of
from cms.env import env_str

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"


def media_storage() -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for the configured media location.

    Media URLs end up in newsletters that stay in inboxes for years, so they are plain public URLs (no
    expiring signatures), and a new upload never overwrites an older file of the same name.
    """
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return dict(FILESYSTEM)
    endpoint = env_str("AWS_S3_ENDPOINT_URL") or None
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
    }
    if endpoint:
        # S3-compatible services name buckets in the path (``endpoint/bucket/key``); not all of them give
        # each bucket a DNS name.
        options["addressing_style"] = "path"
    return {"BACKEND": S3, "OPTIONS": options}


def media_origins(storage: dict[str, Any]) -> list[str]:
    """The origins that serve media of ``storage`` other than the site itself, for the CSP."""
    if storage["BACKEND"] != S3:
        return []
    options = storage["OPTIONS"]
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        return [origin_of(options["endpoint_url"]) or options["endpoint_url"]]
    bucket, region = options["bucket_name"], options["region_name"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
