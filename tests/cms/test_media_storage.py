"""Media on S3-compatible storage by configuration: uploads and renditions land in the bucket and are
served from it under permanent URLs; without configuration they stay on the local disk.

The bucket is a real S3 API on loopback (moto's server), spoken to by boto3 over HTTP.
"""

import json
import uuid
from dataclasses import dataclass
from urllib.request import urlopen

import boto3
import pytest
from django.conf import settings
from django.test import override_settings

from cms.csp import site_directives
from cms.media import PUBLIC_PREFIXES, media_origins, media_storage
from tests.factories import make_image

REGION = "eu-central-1"


@dataclass
class Bucket:
    endpoint: str
    name: str

    def keys(self) -> set[str]:
        client = boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION)
        return {item["Key"] for item in client.list_objects_v2(Bucket=self.name).get("Contents", [])}


@pytest.fixture(scope="module")
def s3_server():
    """A moto S3 server on 127.0.0.1 (its state lives in this process, so each test takes a new bucket)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch) -> Bucket:
    """An empty, publicly readable bucket, and the environment that configures media to use it."""
    name = f"leuchtturm-media-{uuid.uuid4().hex[:8]}"
    for variable, value in {
        "AWS_ACCESS_KEY_ID": "leuchtturm-test",
        "AWS_SECRET_ACCESS_KEY": "leuchtturm-test-secret",
        "AWS_S3_REGION_NAME": REGION,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_server,
    }.items():
        monkeypatch.setenv(variable, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    # As docs/OPERATIONS.md tells operators: anyone may read images and their renditions — not documents —
    # and only our key may write.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{name}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read))
    return Bucket(s3_server, name)


def test_without_a_bucket_media_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    storage = media_storage()
    assert storage["BACKEND"] == "cms.media.MediaFileSystemStorage"
    assert media_origins(storage) == []


@pytest.mark.django_db
def test_uploads_and_renditions_go_to_the_bucket_under_permanent_urls(bucket):
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        image = make_image("Hafen")
        rendition = image.get_rendition("fill-80x60")
        url = image.file.url

        assert url.startswith(f"{bucket.endpoint}/{bucket.name}/original_images/Hafen")
        assert "Signature" not in url and "Expires" not in url
        assert {image.file.name, rendition.file.name} <= bucket.keys()
        with urlopen(url, timeout=10) as response:
            assert response.read()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_an_upload_never_overwrites_an_older_file_of_the_same_name(bucket):
    with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
        first = make_image("Rathaus", colour="#ff0000")
        second = make_image("Rathaus", colour="#00ff00")
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= bucket.keys()


def test_the_csp_allows_images_from_the_bucket_and_nothing_broader(bucket, monkeypatch):
    assert site_directives(media_origins=media_origins(media_storage()))["img-src"] == [
        "'self'",
        bucket.endpoint,
        "data:",
    ]
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "medien.leuchtturm.example")
    assert media_origins(media_storage()) == ["https://medien.leuchtturm.example"]
    monkeypatch.delenv("AWS_S3_CUSTOM_DOMAIN")
    monkeypatch.delenv("AWS_S3_ENDPOINT_URL")
    assert media_origins(media_storage()) == [
        f"https://{bucket.name}.s3.amazonaws.com",
        f"https://{bucket.name}.s3.{REGION}.amazonaws.com",
    ]
