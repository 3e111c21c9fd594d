"""The media bucket's storage (needs the ``s3`` extra): django-storages' S3 storage, except that a document
gets a signed URL that expires within a minute instead of a permanent public one (``cms.media`` says why)."""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from cms.media import SIGNED_URL_SECONDS, is_private


class MediaS3Storage(S3Storage):
    """Plain permanent URLs for images, short-lived signed ones for documents (also behind a CDN host)."""

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        if not is_private(name):
            return super().url(name, parameters, expire, http_method)
        params = {"Bucket": self.bucket.name, "Key": self._normalize_name(clean_name(name))}
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=SIGNED_URL_SECONDS
        )
