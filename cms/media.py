"""Where uploads live: the local disk by default, an S3-compatible bucket by configuration.

Several web hosts must all see every upload (and every image rendition one of them creates), so beyond one
machine media go to a bucket — AWS S3 or any S3-compatible service (MinIO, Ceph, a cloud provider's object
storage). Setting ``AWS_STORAGE_BUCKET_NAME`` switches; credentials come from ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``, which django-storages and boto3 read from the environment themselves.

Images are public; documents are not. Wagtail stores documents under ``documents/`` and serves them only
through its document view, which checks collection privacy — so their files must not be reachable under a
public URL as well: on the local disk they lie outside ``MEDIA_ROOT`` (in ``PRIVATE_MEDIA_ROOT``, which no web
server serves), and in a bucket the public-read policy covers only the image prefixes, while the storage
gives a document only a signed URL that expires within a minute.
"""

from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage

from cms.csp import origin_of
from cms.env import env_str

FILESYSTEM = "cms.media.MediaFileSystemStorage"
S3 = "cms.s3_storage.MediaS3Storage"
# Key prefixes of files that only a view may hand out (Wagtail's ``upload_to`` for documents).
PRIVATE_PREFIXES = ("documents/",)
# Key prefixes a bucket policy may make publicly readable (Wagtail's originals and renditions).
PUBLIC_PREFIXES = ("original_images/", "images/")
SIGNED_URL_SECONDS = 60


def is_private(name: str) -> bool:
    """Whether the file ``name`` (a storage name) may only be handed out by a view."""
    return str(name).replace("\\", "/").lstrip("/").startswith(PRIVATE_PREFIXES)


class MediaFileSystemStorage(Storage):
    """Two directories behind one storage: ``MEDIA_ROOT`` for public files, served at ``MEDIA_URL``, and
    ``private_location`` for private ones (documents), which have no URL."""

    def __init__(self, location=None, base_url=None, *, private_location: str = "", **kwargs) -> None:
        self.public = FileSystemStorage(location, base_url, **kwargs)
        default_private = Path(self.public.location).parent / "private-media"
        self.private = FileSystemStorage(private_location or default_private)

    def _for(self, name: str) -> FileSystemStorage:
        return self.private if is_private(name) else self.public

    def _open(self, name: str, mode: str = "rb"):
        return self._for(name)._open(name, mode)

    def _save(self, name: str, content) -> str:
        return self._for(name)._save(name, content)

    def path(self, name: str) -> str:
        return self._for(name).path(name)

    def delete(self, name: str) -> None:
        self._for(name).delete(name)

    def exists(self, name: str) -> bool:
        return self._for(name).exists(name)

    def listdir(self, path: str):
        return self._for(f"{path.rstrip('/')}/").listdir(path)

    def size(self, name: str) -> int:
        return self._for(name).size(name)

    def get_accessed_time(self, name: str):
        return self._for(name).get_accessed_time(name)

    def get_created_time(self, name: str):
        return self._for(name).get_created_time(name)

    def get_modified_time(self, name: str):
        return self._for(name).get_modified_time(name)

    def url(self, name: str) -> str:
        if is_private(name):
            raise NotImplementedError("Documents are served by Wagtail's document view only.")
        return self.public.url(name)


def media_storage(private_location: str | Path | None = None) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for the configured media location.

    Media URLs end up in newsletters that stay in inboxes for years, so images have plain public URLs (no
    expiring signatures); documents have none that works without the site's document view. A new upload
    never overwrites an older file of the same name.
    """
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"BACKEND": FILESYSTEM, "OPTIONS": {"private_location": str(private_location or "")}}
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
