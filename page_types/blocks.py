"""The StreamField blocks shared by every content family.

One body block set keeps the editing experience and the API representation the same across stories,
offers, milestones and news; images always carry their own alt text because the same block is rendered on
the site, in the API and in e-mails.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class AccessibleImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text and an optional caption and credit."""

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=250,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen können."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Bildnachweis"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "page_types/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person (and role) who said it."""

    quote = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Person"), required=False, max_length=200)
    role = blocks.CharBlock(label=_("Funktion"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "page_types/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    """One key figure, e.g. "1.200 | Arbeitsplätze in Ludwigsburg"."""

    value = blocks.CharBlock(label=_("Wert"), max_length=40)
    label = blocks.CharBlock(label=_("Beschriftung"), max_length=120)
    source = blocks.CharBlock(label=_("Quelle"), required=False, max_length=200)

    class Meta:
        icon = "order"
        label = _("Kennzahl")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of key figures with an optional heading."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Kennzahlen"))

    class Meta:
        icon = "list-ol"
        label = _("Kennzahlen")
        template = "page_types/blocks/key_figures.html"


class GalleryBlock(blocks.StructBlock):
    """A gallery of accessible images."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    images = blocks.ListBlock(AccessibleImageBlock(), min_num=1, max_num=12, label=_("Bilder"))

    class Meta:
        icon = "image"
        label = _("Bildergalerie")
        template = "page_types/blocks/gallery.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page of the site or an external address."""

    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Beschriftung des Links"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Seite"), required=False)
    url = blocks.URLBlock(label=_("Externe Adresse"), required=False)

    class Meta:
        icon = "link"
        label = _("Handlungsaufforderung")
        template = "page_types/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Bitte genau eine Seite oder eine Adresse."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = blocks.CharBlock(label=_("Zwischenüberschrift"), form_classname="title", max_length=120)
    paragraph = blocks.RichTextBlock(label=_("Absatz"), features=RICH_TEXT_FEATURES)
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    image = AccessibleImageBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock(
        label=_("Eingebettetes Medium"),
        max_width=960,
        # Rendered as a plain link: a third-party player would set cookies without consent.
        template="page_types/blocks/embed.html",
    )
    call_to_action = CallToActionBlock()

    class Meta:
        block_counts = {}
