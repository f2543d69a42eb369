"""Maps of the latest developments: dated editions with numbered developments and areas of control.

A map edition (:class:`Map`) is publishable content like an article. Its developments
are points with a time, a kind from the legend and a short text; its areas are polygons
held by a party. Kinds and parties are editable lists, each with what tells it apart
besides colour (a symbol, a pattern and a short label).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.models.content import SECTION_NAME_FIELDS
from common.plain_text import LineField, LinesField
from common.publishing import PublishableModel, PublishableQuerySet
from common.reversing import cached_reverse
from common.slugs import unicode_slug
from focus.models import Topic
from maps import geometry
from maps.colours import HEX_COLOUR, validate_area_colour, validate_marker_colour
from maps.projection import Bounds


class Symbol(models.TextChoices):
    CIRCLE = "circle", _("Circle")
    SQUARE = "square", _("Square")
    TRIANGLE = "triangle", _("Triangle")
    DIAMOND = "diamond", _("Diamond")
    PENTAGON = "pentagon", _("Pentagon")
    HEXAGON = "hexagon", _("Hexagon")


class Pattern(models.TextChoices):
    SOLID = "solid", _("Solid tint")
    HATCHED = "hatched", _("Diagonal lines")
    CROSS_HATCHED = "cross-hatched", _("Crossed lines")
    DOTTED = "dotted", _("Dots")
    STRIPED = "striped", _("Horizontal lines")


class DevelopmentKind(models.Model):
    """One entry of the legend of developments: clash, air strike, advance…"""

    name = LineField(_("name"), max_length=60, unique=True)
    symbol = models.CharField(
        _("symbol"),
        max_length=12,
        choices=Symbol.choices,
        default=Symbol.CIRCLE,
        help_text=_("The marker's shape: kinds differ by shape as well as colour."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#8a1616",
        validators=[validate_marker_colour],
        help_text=_("Dark enough for the white number on the marker (the form checks the contrast)."),
    )
    position = models.PositiveIntegerField(_("position in the legend"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kind of development")
        verbose_name_plural = _("kinds of development")
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=HEX_COLOUR.pattern), name="development_kind_colour_is_hex"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    """Who holds an area: its name, colour, pattern and the short label written on its areas."""

    name = LineField(_("name"), max_length=80, unique=True)
    short_name = LineField(
        _("label"),
        max_length=16,
        help_text=_("Written on its areas so that they are told apart without colour: “SAA”, “SDF”."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[validate_area_colour],
        help_text=_("Outlines, patterns and labels are drawn in it; it must stand out from the land."),
    )
    pattern = models.CharField(_("pattern"), max_length=16, choices=Pattern.choices, default=Pattern.SOLID)
    position = models.PositiveIntegerField(_("position in the legend"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(condition=Q(colour__regex=HEX_COLOUR.pattern), name="party_colour_is_hex")
        ]

    def __str__(self) -> str:
        return self.name


class MapQuerySet(PublishableQuerySet):
    def editions(self) -> MapQuerySet:
        """Newest situation first (the date each map describes, then the newest edition)."""
        return self.order_by("-describes_at", "-id")

    def before(self, map_: Map) -> MapQuerySet:
        """Editions describing an earlier situation than ``map_``, the closest first."""
        earlier = Q(describes_at__lt=map_.describes_at) | Q(describes_at=map_.describes_at, id__lt=map_.pk)
        return self.filter(earlier).editions()

    def after(self, map_: Map) -> MapQuerySet:
        """Editions describing a later situation than ``map_``, the closest first."""
        later = Q(describes_at__gt=map_.describes_at) | Q(describes_at=map_.describes_at, id__gt=map_.pk)
        return self.filter(later).order_by("describes_at", "id")

    def for_listing(self) -> MapQuerySet:
        """What a card shows: title, dates, summary and the shared picture; one query."""
        return self.only(
            "id",
            "title",
            "slug",
            "language",
            "summary",
            "describes_at",
            "published_at",
            "status",
            "share_image",
        ).editions()

    def with_features(self) -> MapQuerySet:
        """A map with its developments and areas (what its data and picture show): three queries."""
        developments = Development.objects.select_related("kind", "article__section").defer(
            "article__body", "article__body_text", "article__search_extra", "article__lead"
        )
        return self.prefetch_related(
            Prefetch("developments", queryset=developments),
            Prefetch("areas", queryset=Area.objects.select_related("party")),
        )

    def with_drawing(self) -> MapQuerySet:
        """A map with everything its page draws and lists, in a fixed number of queries."""
        related = (
            Article.objects.published()
            .select_related("section")
            .only("id", "title", "slug", "language", "section__slug", *SECTION_NAME_FIELDS)
        )
        return self.with_features().prefetch_related(
            Prefetch("related_articles", queryset=related.newest_first()), "topics"
        )


class Map(PublishableModel):
    title = LineField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("The readable end of the address. Made from the title when left empty."),
    )
    describes_at = models.DateTimeField(
        _("situation as of"),
        default=timezone.now,
        help_text=_("The date and time the map describes; readers see it with the title."),
    )
    summary = LinesField(
        _("summary"),
        max_length=1000,
        help_text=_("A few sentences on what changed; shown with the map and in lists."),
    )
    west = models.FloatField(_("west"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    south = models.FloatField(_("south"), validators=[MinValueValidator(-85), MaxValueValidator(85)])
    east = models.FloatField(_("east"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    north = models.FloatField(_("north"), validators=[MinValueValidator(-85), MaxValueValidator(85)])
    topics = models.ManyToManyField(Topic, verbose_name=_("In Focus topics"), blank=True, related_name="maps")
    related_articles = models.ManyToManyField(
        Article, verbose_name=_("related articles"), blank=True, related_name="+"
    )
    # Drawn by the site when the map is saved (maps/share_image.py), for social sites and feeds.
    share_image = models.ImageField(_("shared picture"), upload_to="maps/shared/", blank=True, editable=False)

    objects = MapQuerySet.as_manager()

    class Meta(PublishableModel.Meta):
        verbose_name = _("map")
        verbose_name_plural = _("maps")
        permissions = [("publish_map", _("Can publish, schedule and unpublish maps"))]
        constraints = [
            *PublishableModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(west__lt=models.F("east")) & Q(south__lt=models.F("north")),
                name="map_bounds_are_a_box",
                violation_error_message=_(
                    "The west edge must lie west of the east edge, and south south of north."
                ),
            ),
        ]
        indexes = [
            *PublishableModel.Meta.indexes,
            # /maps/ and the home page: the newest situations published.
            models.Index(
                fields=["language", "-describes_at", "-id"],
                name="map_editions",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unicode_slug(self.title, 200, fallback="map")
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if None not in (self.west, self.south, self.east, self.north):
            try:
                geometry.validate_bounds(self.bounds)
            except ValidationError as error:
                raise ValidationError({"west": error.messages}) from error

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.west, self.south, self.east, self.north)

    def get_absolute_url(self) -> str:
        return cached_reverse("maps:map", language=self.language, pk=self.pk, slug=self.slug)

    def get_data_url(self) -> str:
        return cached_reverse("maps:data", language=self.language, pk=self.pk, slug=self.slug)

    def listing_keys(self) -> list[str]:
        """The lists this map appears in: every list of maps (and the home page's block, the
        editions' links) and its topics' pages."""
        keys = ["maps"]
        if self.pk:
            keys += Topic.objects.listing_keys(self.topics.values_list("pk", flat=True))
        return keys

    def numbered_developments(self) -> list[tuple[int, Development]]:
        """Developments in the order they happened, numbered from 1 as on the map (reads the
        prefetch of with_features())."""
        return list(enumerate(self.developments.all(), start=1))


def map_in_hand(part: Development | Area) -> Map | None:
    """The map a development or area belongs to, when its bounds are known: saved, or being
    added in the same form (admin gives the inline rows the new, unsaved map)."""
    map_ = part.map if part.map_id or type(part).map.is_cached(part) else None
    if map_ is None or None in (map_.west, map_.south, map_.east, map_.north):
        return None
    try:
        geometry.validate_bounds(map_.bounds)
    except ValidationError:
        return None  # the map's own form says what is wrong with its bounds
    return map_


class Development(models.Model):
    map = models.ForeignKey(Map, verbose_name=_("map"), on_delete=models.CASCADE, related_name="developments")
    occurred_at = models.DateTimeField(_("when"))
    place = LineField(_("place"), max_length=120)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    kind = models.ForeignKey(
        DevelopmentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="developments"
    )
    description = LinesField(_("what happened"), max_length=600)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: the story readers can follow from this development."),
    )

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("development")
        verbose_name_plural = _("developments")
        indexes = [models.Index(fields=["map", "occurred_at", "id"], name="development_in_map_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="development_on_earth",
            )
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.kind}" if self.kind_id else self.place

    def clean(self) -> None:
        super().clean()
        map_ = map_in_hand(self)
        if map_ is None or self.latitude is None or self.longitude is None:
            return
        if not map_.bounds.contains_point(self.longitude, self.latitude):
            raise ValidationError(
                {
                    "latitude": _(
                        "%(place)s (%(latitude).4f, %(longitude).4f) lies outside the map's bounds. "
                        "Check the coordinates (latitude first) or widen the map."
                    )
                    % {
                        "place": self.place or _("This place"),
                        "latitude": self.latitude,
                        "longitude": self.longitude,
                    }
                }
            )


class Area(models.Model):
    map = models.ForeignKey(Map, verbose_name=_("map"), on_delete=models.CASCADE, related_name="areas")
    party = models.ForeignKey(
        Party, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="areas"
    )
    label = LineField(
        _("name of the area"), max_length=80, blank=True, help_text=_("Optional, e.g. “Idlib pocket”.")
    )
    geometry = models.JSONField(
        _("outline (GeoJSON)"),
        help_text=_(
            "A GeoJSON Polygon or MultiPolygon in degrees. It is checked, simplified and rounded when saved."
        ),
    )
    label_longitude = models.FloatField(editable=False, default=0)
    label_latitude = models.FloatField(editable=False, default=0)

    class Meta:
        ordering = ["party__position", "id"]
        verbose_name = _("area of control")
        verbose_name_plural = _("areas of control")

    def __str__(self) -> str:
        return self.label or str(self.party)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever saves an area (a form, an import, a script) stores it checked and tidy.
        self.geometry = geometry.clean_area(self.geometry, self.map.bounds)
        self.label_longitude, self.label_latitude = geometry.label_point(self.geometry)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.geometry is not None and not isinstance(self.geometry, dict):
            raise ValidationError({"geometry": _("Paste a GeoJSON Polygon or MultiPolygon.")})
        map_ = map_in_hand(self)
        if map_ is None or self.geometry is None:
            return
        try:
            self.geometry = geometry.clean_area(self.geometry, map_.bounds)
        except ValidationError as error:
            raise ValidationError({"geometry": error.messages}) from error
