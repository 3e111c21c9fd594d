"""Abstract illustrations for the demo pages, drawn with Pillow and kept in Wagtail's image library.

Nothing is downloaded and no font file is shipped: the pictures are gradients and shapes with a short label
in Pillow's bundled default font. The same title always yields the same picture (the drawing is seeded by
the title), and an image whose title is already in the demo collection is reused, so ``load_demo`` can run
any number of times without growing the library.
"""

import functools
import hashlib
import math
import random
import zlib
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from page_types.slugs import GERMAN_TRANSLITERATION

COLLECTION_NAME = "Demo-Inhalte"
LISTING_SIZE = (960, 540)
HERO_SIZE = (1600, 640)
JPEG_QUALITY = 86
DETAIL_SCALE = 8


@dataclass(frozen=True)
class Palette:
    """Two gradient colours and an accent, with the German words the alt text uses for them."""

    description: str
    start: str
    end: str
    accent: str


PALETTES = (
    Palette("Blau- und Türkistönen", "#0b3d6e", "#1f9e9a", "#f2c14e"),
    Palette("Grün- und Gelbtönen", "#1e5631", "#a4c639", "#fff3b0"),
    Palette("Violett- und Rosatönen", "#3c1f5c", "#c2508c", "#ffd6e8"),
    Palette("Orange- und Rottönen", "#8a2b06", "#f08a24", "#ffe8c2"),
    Palette("Nachtblau und Gold", "#101c3d", "#34508f", "#e8b931"),
    Palette("Petrol- und Sandtönen", "#0f4c5c", "#5f8f8b", "#f3dfa2"),
)


class Motif(StrEnum):
    """What is drawn over the gradient; each content family has its own."""

    BEAMS = "beams"
    NETWORK = "network"
    RINGS = "rings"
    TILES = "tiles"
    WAVES = "waves"


MOTIF_DESCRIPTIONS = {
    Motif.BEAMS: "Lichtstrahlen wie von einem Leuchtturm",
    Motif.NETWORK: "verbundenen Kreisen wie in einem Molekülmodell",
    Motif.RINGS: "konzentrischen Ringen und einem Zeitstrahl",
    Motif.TILES: "überlappenden Flächen wie Häuserfronten",
    Motif.WAVES: "geschwungenen Wellenbändern",
}


@dataclass(frozen=True)
class Illustration:
    """One picture to draw: its library title, the word written on it, its motif and size."""

    title: str
    label: str
    motif: Motif
    size: tuple[int, int] = LISTING_SIZE

    @property
    def palette(self) -> Palette:
        return PALETTES[zlib.crc32(self.title.encode()) % len(PALETTES)]

    @property
    def alt_text(self) -> str:
        """What the picture shows, for readers who cannot see it."""
        return (
            f"Abstrakte Illustration in {self.palette.description} mit "
            f"{MOTIF_DESCRIPTIONS[self.motif]} und dem Schriftzug „{self.label}“"
        )


def _rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), alpha)


def _gradient(size: tuple[int, int], palette: Palette, rng: random.Random) -> Image.Image:
    """A diagonal gradient between the palette's two colours, in a direction chosen by ``rng``.

    The mask is computed small and scaled up: a gradient loses nothing by it, and scaling is the costly step.
    """
    small = (size[0] // DETAIL_SCALE, size[1] // DETAIL_SCALE)
    vertical = Image.linear_gradient("L").resize(small)
    horizontal = Image.linear_gradient("L").rotate(90).resize(small)
    mask = Image.blend(vertical, horizontal, rng.uniform(0.25, 0.75))
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = mask.resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, palette.end), Image.new("RGB", size, palette.start), mask)


def _add_glow(image: Image.Image, rng: random.Random) -> Image.Image:
    """Large soft light spots that give the flat gradient some depth (blurred small, then scaled up)."""
    width, height = image.width // DETAIL_SCALE, image.height // DETAIL_SCALE
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(3):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.2, 0.45) * width
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=45)
    mask = mask.filter(ImageFilter.GaussianBlur(width // 12)).resize(image.size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", image.size, "white"), image, mask)


def _draw_beams(draw: ImageDraw.ImageDraw, size, palette: Palette, rng: random.Random) -> None:
    width, height = size
    lamp = (width * rng.uniform(0.55, 0.8), height * rng.uniform(0.25, 0.4))
    for index in range(rng.randint(3, 5)):
        angle = -0.6 + index * 0.45 + rng.uniform(-0.1, 0.1)
        far_x = lamp[0] - width * 1.2
        spread = height * 0.18
        draw.polygon(
            [lamp, (far_x, lamp[1] + angle * height - spread), (far_x, lamp[1] + angle * height + spread)],
            fill=_rgba(palette.accent, 55),
        )
    radius = height * 0.06
    draw.ellipse(
        (lamp[0] - radius, lamp[1] - radius, lamp[0] + radius, lamp[1] + radius),
        fill=_rgba(palette.accent, 235),
    )
    tower_top, tower_base = lamp[1] + radius, height * 0.92
    draw.polygon(
        [
            (lamp[0] - radius * 0.8, tower_top),
            (lamp[0] + radius * 0.8, tower_top),
            (lamp[0] + radius * 1.6, tower_base),
            (lamp[0] - radius * 1.6, tower_base),
        ],
        fill=(255, 255, 255, 200),
    )


def _draw_network(draw: ImageDraw.ImageDraw, size, palette: Palette, rng: random.Random) -> None:
    width, height = size
    nodes = [(rng.uniform(0.05, 0.95) * width, rng.uniform(0.05, 0.75) * height) for _ in range(9)]
    for (x1, y1), (x2, y2) in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        draw.line((x1, y1, x2, y2), fill=(255, 255, 255, 110), width=max(2, width // 300))
    for x, y in nodes:
        radius = rng.uniform(0.02, 0.07) * width
        colour = _rgba(palette.accent, 200) if rng.random() < 0.4 else (255, 255, 255, 150)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _draw_rings(draw: ImageDraw.ImageDraw, size, palette: Palette, rng: random.Random) -> None:
    width, height = size
    centre = (width * rng.uniform(0.6, 0.85), height * rng.uniform(0.3, 0.6))
    for step in range(7, 0, -1):
        radius = step * height * 0.09
        draw.ellipse(
            (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
            outline=(255, 255, 255, 60 + step * 12),
            width=max(3, width // 250),
        )
    line_y = height * 0.62
    draw.line((0, line_y, width, line_y), fill=_rgba(palette.accent, 220), width=max(4, width // 200))
    for index in range(6):
        x = width * (0.08 + index * 0.17)
        radius = height * 0.025
        draw.ellipse((x - radius, line_y - radius, x + radius, line_y + radius), fill=(255, 255, 255, 230))


def _draw_tiles(draw: ImageDraw.ImageDraw, size, palette: Palette, rng: random.Random) -> None:
    width, height = size
    x = -width * 0.02
    while x < width:
        tile_width = rng.uniform(0.08, 0.16) * width
        top = rng.uniform(0.2, 0.55) * height
        alpha = rng.randint(70, 160)
        colour = _rgba(palette.accent, alpha) if rng.random() < 0.3 else (255, 255, 255, alpha)
        draw.rounded_rectangle((x, top, x + tile_width, height * 1.05), radius=width // 80, fill=colour)
        x += tile_width * rng.uniform(0.7, 1.05)


def _draw_waves(draw: ImageDraw.ImageDraw, size, palette: Palette, rng: random.Random) -> None:
    width, height = size
    for band in range(4):
        base = height * (0.35 + band * 0.15)
        amplitude = height * rng.uniform(0.04, 0.1)
        phase = rng.uniform(0, 2 * math.pi)
        points = [
            (x, base + amplitude * math.sin(x / width * 3 * math.pi + phase))
            for x in range(0, width + 20, 20)
        ]
        colour = _rgba(palette.accent, 120) if band % 2 else (255, 255, 255, 90)
        draw.polygon([*points, (width, height), (0, height)], fill=colour)


MOTIF_PAINTERS = {
    Motif.BEAMS: _draw_beams,
    Motif.NETWORK: _draw_network,
    Motif.RINGS: _draw_rings,
    Motif.TILES: _draw_tiles,
    Motif.WAVES: _draw_waves,
}


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _draw_label(image: Image.Image, label: str) -> None:
    """The label in white on a dark rounded plate, bottom left.

    Pillow's default font has no umlauts, so they are written out (ä → ae) as on a street sign.
    """
    width, height = image.size
    text = label.translate(GERMAN_TRANSLITERATION)
    font = _font(height // 9)
    draw = ImageDraw.Draw(image, "RGBA")
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    margin, padding = width // 24, height // 30
    x, y = margin, height - margin - (bottom - top) - 2 * padding
    draw.rounded_rectangle(
        (x, y, x + (right - left) + 2 * padding, y + (bottom - top) + 2 * padding),
        radius=padding,
        fill=(10, 20, 40, 205),
    )
    draw.text((x + padding - left, y + padding - top), text, font=font, fill=(255, 255, 255, 255))


def draw(illustration: Illustration) -> bytes:
    """The illustration as JPEG bytes; the same illustration always gives the same picture."""
    rng = random.Random(illustration.title)
    palette = illustration.palette
    image = _add_glow(_gradient(illustration.size, palette, rng), rng)
    # An RGBA drawing context on an RGB image blends the translucent shapes into it.
    MOTIF_PAINTERS[illustration.motif](ImageDraw.Draw(image, "RGBA"), illustration.size, palette, rng)
    _draw_label(image, illustration.label)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def demo_collection() -> Collection:
    """The collection that holds every demo image, created below the root collection on first use."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(name=COLLECTION_NAME)


class ImageLibrary:
    """The demo images in Wagtail's library, looked up by title; an illustration is drawn only once."""

    def __init__(self) -> None:
        self.created = 0

    @functools.cached_property
    def collection(self) -> Collection:
        """The demo collection, made on first use: steps without images (``bootstrap_site``) make none."""
        return demo_collection()

    @functools.cached_property
    def _by_title(self) -> dict:
        return {image.title: image for image in get_image_model().objects.filter(collection=self.collection)}

    def image(self, illustration: Illustration):
        """The stored image for ``illustration``, drawing and storing it if the library lacks it."""
        if illustration.title not in self._by_title:
            data = draw(illustration)
            filename = f"demo-{zlib.crc32(illustration.title.encode()):08x}.jpg"
            self._by_title[illustration.title] = get_image_model().objects.create(
                title=illustration.title,
                description=illustration.alt_text,
                collection=self.collection,
                file=ImageFile(BytesIO(data), name=filename),
                # What Wagtail's upload form records too; its duplicate check compares the hash.
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
            )
            self.created += 1
        return self._by_title[illustration.title]
