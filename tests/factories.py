"""factory_boy factories for the site's models, and real image files made with Pillow."""

from __future__ import annotations

import functools
import io
from datetime import timedelta

import av
import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, EditorsPick, RelatedArticle, Section
from comments.models import Comment
from common.models import Image as LibraryImage
from focus.models import Topic
from gallery.models import Album, Film, Photo
from tests.jobs import run_queued_jobs


def image_bytes(image_format: str = "JPEG", size: tuple[int, int] = (1200, 800), **save_options) -> bytes:
    colour = (180, 40, 40) if image_format != "GIF" else (10, 90, 160)
    image = Image.new("RGB", size, colour)
    output = io.BytesIO()
    image.save(output, image_format, **save_options)
    return output.getvalue()


def uploaded_image(
    name: str = "photo.jpg", image_format: str = "JPEG", size: tuple[int, int] = (1200, 800)
) -> SimpleUploadedFile:
    content_types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    return SimpleUploadedFile(name, image_bytes(image_format, size), content_type=content_types[image_format])


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image made from a real JPEG, uploaded as an editor would; the job queue then
    prepares it (the worker runs here, in-process) unless ``prepared=False``."""

    class Meta:
        model = LibraryImage
        skip_postgeneration_save = True

    file = factory.LazyFunction(lambda: uploaded_image("picture.jpg", size=(1200, 800)))
    description = factory.Sequence(lambda number: f"A street in the old town, picture {number}")
    caption = ""
    credit = ""

    @factory.post_generation
    def prepared(self, create: bool, extracted: bool | None, **kwargs) -> None:
        if create and extracted is not False:
            run_queued_jobs()
            self.refresh_from_db()


def library_image(name: str = "picture.jpg", size: tuple[int, int] = (1200, 800), **fields) -> LibraryImage:
    """A library image of the given file name and size."""
    return ImageFactory(file=uploaded_image(name, size=size), **fields)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"user{number}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create: bool, names: list[str] | None, **kwargs) -> None:
        if create and names:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.add(*Group.objects.filter(name__in=names))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda number: f"Section {number}")
    slug = factory.Sequence(lambda number: f"section-{number}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda number: f"Reporter {number}")
    slug = factory.Sequence(lambda number: f"reporter-{number}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, dated one hour ago unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda number: f"Headline number {number}")
    section = factory.LazyFunction(lambda: SectionFactory(name="News", slug="news"))
    lead = "A short lead that says what happened."
    body = "<p>The body of the article.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create: bool, names: list[str] | None, **kwargs) -> None:
        if create and names:
            self.tags.set(names)

    @factory.post_generation
    def authors(self, create: bool, authors: list[Author] | None, **kwargs) -> None:
        if create and authors:
            self.authors.set(authors)


class EditorsPickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditorsPick

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    article = factory.SubFactory(ArticleFactory)
    related = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda number: f"Topic {number}")
    slug = factory.Sequence(lambda number: f"topic-{number}")
    description = "A movement the newsroom follows closely."
    parent = None
    status = Topic.Status.PUBLISHED


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment on a new article unless told otherwise."""

    class Meta:
        model = Comment

    content_object = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda number: f"Reader {number}")
    email = factory.Sequence(lambda number: f"reader{number}@example.com")
    text = "I read this with interest."
    status = Comment.Status.APPROVED


@functools.lru_cache(maxsize=16)
def video_bytes(kind: str = "webm", seconds: int = 2, codec: str | None = None) -> bytes:
    """A real, playable film made with PyAV: ``seconds`` of 64×48 frames at 10 a second,
    changing colour (H.264 in MP4, VP9 in WebM unless ``codec`` says otherwise)."""
    codec = codec or ("libx264" if kind == "mp4" else "libvpx-vp9")
    output = io.BytesIO()
    with av.open(output, mode="w", format=kind) as container:
        stream = container.add_stream(codec, rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for number in range(seconds * 10):
            picture = Image.new("RGB", (64, 48), (number * 12 % 256, 80, 160))
            container.mux(stream.encode(av.VideoFrame.from_image(picture)))
        container.mux(stream.encode(None))
    return output.getvalue()


def sound_only_bytes(kind: str = "mp4") -> bytes:
    """An MP4 (or WebM) holding a second of silence and no picture."""
    output = io.BytesIO()
    with av.open(output, mode="w", format=kind) as container:
        stream = container.add_stream(
            "aac" if kind == "mp4" else "libopus", rate=8000 if kind == "mp4" else 48000
        )
        stream.layout = "mono"
        for number in range(10):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
            frame.planes[0].update(bytes(4096))
            frame.sample_rate, frame.pts = stream.rate, number * 1024
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return output.getvalue()


class AlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Album

    title = factory.Sequence(lambda number: f"Album {number}")
    status = Album.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    class Params:
        caption = factory.Sequence(lambda number: f"Caption {number}")
        credit = ""

    album = factory.SubFactory(AlbumFactory)
    image = factory.LazyAttribute(
        lambda photo: library_image("photo.jpg", size=(900, 600), caption=photo.caption, credit=photo.credit)
    )
    position = factory.Sequence(int)


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda number: f"Film {number}")
    status = Film.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    poster = factory.LazyFunction(lambda: library_image("poster.jpg", size=(1280, 720)))
    embed_url = "https://www.youtube.com/watch?v=AbCdEfGhIjK"
