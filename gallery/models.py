"""Photo albums (ordered photos) and films (an uploaded video or an allow-listed embed)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Value
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from common.inline_prefetch import InlinePrefetch, inline_tags, with_inline
from common.models import Image
from common.plain_text import LineField, LinesField
from common.publishing import PublishableModel, PublishableQuerySet
from common.reversing import cached_reverse
from common.slugs import unicode_slug
from common.text_search import edition_vector, ranked_matches
from common.uploads import UploadField, unguessable_name
from focus.models import Topic
from gallery.embeds import parse_embed_url
from gallery.posters import draw_poster
from gallery.videos import validate_video_upload, video_duration, video_mime_type

PROVIDER_LABELS = {"youtube": "YouTube", "vimeo": "Vimeo", "aparat": "Aparat"}


def film_upload_path(film: Film, filename: str) -> str:
    """gallery/films/2026/11/<readable-stem>-<random>.<ext>: an address nobody can guess."""
    return unguessable_name("gallery/films", filename)


class GalleryQuerySet(PublishableQuerySet):
    def search(self, text: str) -> GalleryQuerySet:
        return ranked_matches(self, text, "-published_at", "-id")

    def for_page(self) -> GalleryQuerySet:
        """An album's or film's page: its picture (cover or poster), tags and public topics, in one query."""
        model_name = self.model._meta.model_name
        topics = (
            Topic.objects.public().filter(**{f"{model_name}s": OuterRef("pk")}).order_by("tree_id", "lft")
        )
        picture = "cover" if model_name == "album" else "poster"
        return with_inline(
            self.select_related(picture),
            inline_tags(self.model),
            InlinePrefetch("topics", topics, ("id", "name", "slug")),
        )


class GalleryItem(PublishableModel):
    title = LineField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    description = LinesField(_("description"), max_length=2000, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("In Focus topics"), blank=True, related_name="%(class)ss"
    )
    tags = TaggableManager(_("tags"), blank=True)
    comments_enabled = models.BooleanField(_("comments open"), default=True)
    search_vector = models.GeneratedField(
        expression=edition_vector(("title", "A"), ("description", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = GalleryQuerySet.as_manager()

    class Meta(PublishableModel.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unicode_slug(self.title, 200, fallback=self._meta.model_name)
        super().save(*args, **kwargs)

    def listing_keys(self) -> list[str]:
        """The lists this item appears in: every list of its kind (the gallery, the home page's
        block) and its topics' pages (and their ancestors')."""
        keys = [f"{self._meta.model_name}s"]
        if self.pk:
            keys += Topic.objects.listing_keys(self.topics.values_list("pk", flat=True))
        return keys


# What a card needs of a picture: picture() and its renditions, made at the focal point they were made at.
CARD_IMAGE_FIELDS = (
    "id", "file", "width", "height", "description", "caption", "credit", "focal_x", "focal_y",
    "rendered_focal_x", "rendered_focal_y",
)  # fmt: skip


class AlbumQuerySet(GalleryQuerySet):
    def for_listing(self) -> AlbumQuerySet:
        """Albums with what a card shows: the cover, or else the first photo's image (one query)."""
        first_image = InlinePrefetch(
            "first_images",
            Photo.objects.filter(album=OuterRef("pk")).order_by("position", "id")[:1],
            {field: f"image__{field}" for field in CARD_IMAGE_FIELDS},
            model=Image,
            to_attr="first_images",
        )
        return with_inline(self.defer("description").select_related("cover"), first_image).newest_first()


class Album(GalleryItem):
    cover = models.ForeignKey(
        Image,
        verbose_name=_("cover"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: the first photo is used when there is no cover."),
    )

    objects = AlbumQuerySet.as_manager()

    class Meta(GalleryItem.Meta):
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")
        permissions = [("publish_album", _("Can publish, schedule and unpublish photo albums"))]
        indexes = [
            *GalleryItem.Meta.indexes,
            GinIndex(fields=["search_vector"], name="album_search"),
        ]

    def get_absolute_url(self) -> str:
        return cached_reverse("gallery:album", language=self.language, pk=self.pk, slug=self.slug)

    @property
    def card_image(self) -> Image | None:
        """The cover, or the first photo's image (needs for_listing()'s prefetch)."""
        if self.cover:
            return self.cover
        images = getattr(self, "first_images", None)
        return images[0] if images else None


class Photo(models.Model):
    album = models.ForeignKey(Album, verbose_name=_("album"), on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        indexes = [models.Index(fields=["album", "position", "id"], name="photo_in_album_order")]

    def __str__(self) -> str:
        return _("Photo %(position)s of “%(album)s”") % {"position": self.position, "album": self.album}


def drawn_poster(film: Film) -> Image:
    """A library image drawn for a film without a poster (gallery/posters.py)."""
    label = PROVIDER_LABELS.get(film.embed_provider, "") if film.embed_url else ""
    with translation.override(film.language):  # its readers' language, whoever uploads it
        description = _("A play symbol: the film “%(title)s”") % {"title": film.title[:150]}
    poster = Image(file=draw_poster(label), description=description)
    poster.save()
    return poster


class FilmQuerySet(GalleryQuerySet):
    def for_listing(self) -> FilmQuerySet:
        return self.defer("description").select_related("poster").newest_first()


class Film(GalleryItem):
    poster = models.ForeignKey(
        Image,
        verbose_name=_("poster"),
        on_delete=models.PROTECT,
        blank=True,
        related_name="+",
        help_text=_(
            "Optional: an uploaded film without one gets a frame of itself, an embedded one a poster the "
            "site draws (a play symbol and the provider's name)."
        ),
    )
    video = UploadField(
        _("video file"),
        upload_to=film_upload_path,
        blank=True,
        max_length=255,
        validators=[validate_video_upload],
        help_text=_("MP4 or WebM. Either a file or an embed address, not both."),
    )
    embed_url = models.URLField(
        _("embed from"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of the video's page on YouTube, Vimeo or Aparat. The site builds the player."
        ),
    )
    duration = models.DurationField(
        _("duration"), null=True, blank=True, editable=False, help_text=_("Read from the uploaded file.")
    )
    embed_provider = models.CharField(max_length=20, blank=True, editable=False)
    embed_player_url = models.URLField(max_length=500, blank=True, editable=False)

    objects = FilmQuerySet.as_manager()

    class Meta(GalleryItem.Meta):
        verbose_name = _("film")
        verbose_name_plural = _("films")
        permissions = [("publish_film", _("Can publish, schedule and unpublish films"))]
        constraints = [
            *GalleryItem.Meta.constraints,
            models.CheckConstraint(
                condition=(Q(video="") & ~Q(embed_url="")) | (~Q(video="") & Q(embed_url="")),
                name="film_has_one_source",
                violation_error_message=_("Give either a video file or an embed address, not both."),
            ),
        ]
        indexes = [
            *GalleryItem.Meta.indexes,
            GinIndex(fields=["search_vector"], name="film_search"),
        ]

    def save(self, *args, **kwargs) -> None:
        # The player address is built once, here, from the allow-listed page address.
        if self.embed_url:
            embed = parse_embed_url(self.embed_url)
            self.embed_provider, self.embed_player_url = embed.provider, embed.player_url
        else:
            self.embed_provider, self.embed_player_url = "", ""
        if self.video and not self.video._committed:
            self.duration = video_duration(self.video.file)
        elif not self.video:
            self.duration = None
        if not self.poster_id:
            self.poster = drawn_poster(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("gallery:film", language=self.language, pk=self.pk, slug=self.slug)

    @property
    def card_image(self) -> Image:
        """What a card shows: the poster (albums offer the same name)."""
        return self.poster

    @property
    def video_mime_type(self) -> str:
        return video_mime_type(self.video.name)

    @property
    def embed_provider_label(self) -> str:
        return PROVIDER_LABELS.get(self.embed_provider, self.embed_provider)

    def clean(self) -> None:
        super().clean()
        if self.embed_url:
            try:
                parse_embed_url(self.embed_url)
            except ValidationError as error:
                raise ValidationError({"embed_url": error.messages}) from error


def newest_albums_and_films(count: int) -> tuple[list[Album], list[Film]]:
    """The newest ``count`` published albums and films of the edition shown, ids only (enough
    for their stored cards), in one query."""
    newest = [
        model.objects.published().in_edition().newest_first().annotate(kind=Value(model._meta.model_name))
        .values_list("id", "kind", "published_at")[:count]
        for model in (Album, Film)
    ]  # fmt: skip
    # A union's rows come in no set order: newest first again here.
    rows = sorted(newest[0].union(newest[1], all=True), key=lambda row: (row[2], row[0]), reverse=True)
    return (
        [Album(pk=pk) for pk, kind, _published in rows if kind == "album"],
        [Film(pk=pk) for pk, kind, _published in rows if kind == "film"],
    )
