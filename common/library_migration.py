"""Moving pictures stored on content models into the image library, for data migrations.

Each content app's migration names, per model, where the old picture lived and which
new foreign key points at its library entry. Files are not copied: the library entry
takes over the stored file by name, so nothing stored is lost and existing renditions
keep their names. Rows that showed the same file with the same words share one library
entry; a row whose description, caption or credit differed gets its own entry for the
same file, so no row's words are lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from common.images import SourceImage, generate_renditions

DESCRIPTION_LENGTH, CAPTION_LENGTH, CREDIT_LENGTH = 250, 300, 150


@dataclass(frozen=True)
class OldPicture:
    """Where a model kept its picture before the library: ``file`` with its ``width`` and
    ``height`` fields, optional text fields, and the new foreign key ``to``."""

    model: str
    file: str
    width: str
    height: str
    to: str
    # Fields (or dotted paths) whose first non-empty value describes the picture (alt text).
    description_from: tuple[str, ...] = field(default_factory=tuple)
    caption: str = ""
    credit: str = ""


def _text(row: Any, path: str) -> str:
    """The text at ``path`` on the row: a field name, or a dotted path such as "album.title"."""
    value: Any = row
    for name in path.split(".") if path else []:
        value = getattr(value, name, "")
    return str(value or "").strip() if path else ""


def move_to_library(apps: Any, app_label: str, pictures: list[OldPicture]) -> None:
    Image = apps.get_model("common", "Image")
    entries: dict[tuple[str, str, str, str], Any] = {
        (image.file.name, image.description, image.caption, image.credit): image
        for image in Image.objects.all()
    }
    cut: set[str] = set()
    for picture in pictures:
        Model = apps.get_model(app_label, picture.model)
        for row in Model.objects.exclude(**{picture.file: ""}).exclude(**{f"{picture.file}__isnull": True}):
            name = getattr(row, picture.file).name
            texts = (_text(row, source) for source in picture.description_from)
            description = (next((text for text in texts if text), "") or "Picture")[:DESCRIPTION_LENGTH]
            caption = _text(row, picture.caption)[:CAPTION_LENGTH]
            credit = _text(row, picture.credit)[:CREDIT_LENGTH]
            key = (name, description, caption, credit)
            image = entries.get(key)
            if image is None:
                image = entries[key] = Image.objects.create(
                    file=name,
                    width=getattr(row, picture.width) or 0,
                    height=getattr(row, picture.height) or 0,
                    description=description,
                    caption=caption,
                    credit=credit,
                )
            if name not in cut and image.width and image.height:
                # The crops around the focal point are new; the whole-picture renditions exist.
                generate_renditions(SourceImage(name, image.file.storage, image.width, image.height))
                cut.add(name)
            setattr(row, picture.to, image)
            row.save(update_fields=[picture.to])


def move_back_from_library(apps: Any, app_label: str, pictures: list[OldPicture]) -> None:
    for picture in pictures:
        Model = apps.get_model(app_label, picture.model)
        for row in Model.objects.exclude(**{f"{picture.to}__isnull": True}).select_related(picture.to):
            image = getattr(row, picture.to)
            setattr(row, picture.file, image.file.name)
            setattr(row, picture.width, image.width)
            setattr(row, picture.height, image.height)
            updated = [picture.file, picture.width, picture.height]
            for name, value in (
                (picture.description_from[0] if picture.description_from else "", image.description),
                (picture.caption, image.caption),
                (picture.credit, image.credit),
            ):
                if name:
                    setattr(row, name, value)
                    updated.append(name)
            row.save(update_fields=updated)
