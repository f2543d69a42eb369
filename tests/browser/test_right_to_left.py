"""A reader of the Arabic and Persian editions, on a phone and on a desktop: every page is the
English page's mirror image, Persian and Arabic are set in the site's own Vazirmatn, numbers
and Latin words stay in order, and nothing comes from another host."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import models

from common.editions import local_digits
from gallery.models import Album
from tests.browser.conftest import PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    EditorsPickFactory,
    PhotoFactory,
    RelatedArticleFactory,
    library_image,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": WIDE}


@dataclass(frozen=True)
class Story:
    """An edition's words for the test content: headlines with Latin words and numbers in them."""

    title: str
    lead: str
    body: str
    related: str
    comment: str
    album: str
    captions: tuple[str, str, str]
    search: str
    filler: str


STORIES = {
    "fa": Story(
        title="نشست OPEC+ در وین: قیمت نفت ۳ درصد بالا رفت",
        lead="وزیران نفت ۲۳ کشور عضو اوپک‌پلاس (OPEC+) روز دوشنبه در وین درباره سهمیه‌های تولید گفت‌وگو کردند.",
        body="<p>به گفته نمایندگان، تولید روزانه ۴۰۰ هزار بشکه کم می‌شود.</p>"
        "<p>کارشناسان می‌گویند بازار تا پایان سال آرام می‌ماند.</p>",
        related="بازگشت آب به محله‌های شرقی حلب",
        comment="ممنون از گزارش. آیا نماینده WFP هم در نشست بود؟",
        album="نوروز در ایران",
        captions=("سفره هفت‌سین در تهران", "چهارشنبه‌سوری در شیراز", "سیزده‌بدر در تبریز"),
        search="وین",
        filler="گزارش کوتاه شماره",
    ),
    "ar": Story(
        title="اجتماع OPEC+ في فيينا: أسعار النفط ترتفع ٣ بالمئة",
        lead="ناقش وزراء النفط في ٢٣ دولة من أعضاء أوبك بلس (OPEC+) يوم الاثنين في فيينا حصص الإنتاج.",
        body="<p>قال المندوبون إن الإنتاج اليومي سينخفض ٤٠٠ ألف برميل.</p>"
        "<p>ويتوقع الخبراء أن تبقى السوق هادئة حتى نهاية العام.</p>",
        related="عودة المياه إلى أحياء حلب الشرقية",
        comment="شكراً على التقرير. هل حضر ممثل WFP الاجتماع؟",
        album="حلب القديمة تستعيد أسواقها",
        captions=("سوق النحاسين في حلب", "خان الشونة بعد الترميم", "باب أنطاكية مساءً"),
        search="فيينا",
        filler="تقرير قصير رقم",
    ),
}


def in_edition(path: str, language: str) -> str:
    """``path`` in the edition's address space, whether or not the content's address has it."""
    prefix = f"/{language}/"
    return path if path.startswith(prefix) else f"/{language}{path}"


def edition_fields(model: type[models.Model], language: str) -> dict[str, str]:
    """``language=…`` for models that belong to an edition (albums may not have the field yet)."""
    names = {field.name for field in model._meta.get_fields()}
    return {"language": language} if "language" in names else {}


@dataclass
class Edition:
    language: str
    home: str
    section: str
    article: str
    english_article: str
    album: str
    search: str


def make_edition(language: str) -> Edition:
    """A front page, a section of two pages, an article with Related Content and a comment,
    an album of three photos, in ``language``; and one English article to compare with."""
    story = STORIES[language]
    picture = library_image("city.jpg", size=(1200, 800), caption="", credit="Alwaght")
    related = ArticleFactory(title=story.related, language=language, hero_image=picture)
    article = ArticleFactory(
        title=story.title,
        lead=story.lead,
        body=story.body,
        language=language,
        hero_image=picture,
        tags=["OPEC+"],
    )
    RelatedArticleFactory(article=article, related=related)
    CommentFactory(content_object=article, name="Reza", text=story.comment)
    EditorsPickFactory(article=article)
    for number in range(1, 21):  # with the two above, more than a page of the section
        ArticleFactory(title=f"{story.filler} {local_digits(number, language)}", language=language)
    english = ArticleFactory(
        title="OPEC+ meets in Vienna", lead="Oil ministers met.", body=story.body, hero_image=picture
    )
    RelatedArticleFactory(article=english, related=ArticleFactory(title="Water returns to Aleppo"))
    album = Album.objects.create(
        title=story.album,
        status=Album.Status.PUBLISHED,
        published_at=article.published_at,
        **edition_fields(Album, language),
    )
    for position, caption in enumerate(story.captions):
        PhotoFactory(album=album, position=position, caption=caption)
    return Edition(
        language=language,
        home=f"/{language}/",
        section=in_edition(article.section.get_absolute_url(), language),
        article=in_edition(article.get_absolute_url(), language),
        english_article=english.get_absolute_url(),
        album=in_edition(album.get_absolute_url(), language),
        search=f"/{language}/search/?q={story.search}",
    )


def box(page, selector: str) -> dict[str, float]:
    """The first match's bounding box, with its right edge."""
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not laid out"
    return {**found, "right": found["x"] + found["width"]}


def transform(page, selector: str) -> str:
    """The computed transform of the first match ("none", or a matrix)."""
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).transform")


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport_name", VIEWPORTS)
@pytest.mark.parametrize("language", ["fa", "ar"])
def test_every_page_type_reads_right_to_left_accessibly_from_this_host(
    open_page, language, viewport_name
) -> None:
    edition = make_edition(language)
    pages = {
        "home": edition.home,
        "section": edition.section,
        "article": edition.article,
        "gallery": f"/{language}/gallery/",
        "album-viewer": f"{edition.album}?photo=2",
        "search": edition.search,
        "not-found": f"/{language}/no-such-page/",
    }
    page, watch = open_page(VIEWPORTS[viewport_name])
    for name, path in pages.items():
        response = page.goto(path)
        assert response is not None and response.status == (404 if name == "not-found" else 200), path
        root = page.locator("html")
        assert (root.get_attribute("lang"), root.get_attribute("dir")) == (language, "rtl"), path
        assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways"

        # The header mirrors: the site's name on the right, the search box on its left, and the
        # menu starts at the right edge.
        brand, search = box(page, ".brand"), box(page, ".search-box")
        if viewport_name == "desktop":
            assert search["right"] < brand["x"], path
        else:  # the search box wraps under the name, which keeps to the right
            assert brand["right"] > PHONE["width"] - 24, path
        menu, first_item = box(page, ".site-nav__list"), box(page, ".site-nav__list a")
        assert abs(first_item["right"] - menu["right"]) < 2, path

        page.evaluate("document.fonts.ready")
        save_screenshot(page, f"rtl-{language}-{name}-{viewport_name}")
        assert serious_accessibility_violations(page) == [], path
        if name != "not-found":  # (last: its own 404 is the console's one error)
            assert watch.console_errors == [], path
    assert watch.foreign_requests == []


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_article_puts_related_content_on_the_left_where_english_has_it_on_the_right(
    open_page, language
) -> None:
    edition = make_edition(language)
    page, _ = open_page(WIDE)

    page.goto(edition.english_article)
    aside, body = box(page, ".article__aside"), box(page, ".article__body")
    assert aside["x"] > body["right"]  # English: the text, then Related Content on its right

    page.goto(edition.article)
    aside, body = box(page, ".article__aside"), box(page, ".article__body")
    assert aside["right"] < body["x"]  # mirrored: Related Content on the left
    title, article = box(page, ".article__title"), box(page, ".article")
    assert title["right"] > article["right"] - 80  # the headline starts at the right edge

    # On a phone the text comes first, Related Content after it, in both directions.
    page.set_viewport_size(PHONE)
    aside, body = box(page, ".article__aside"), box(page, ".article__body")
    assert aside["y"] > body["y"] + body["height"] - 1
    assert horizontal_overflow(page) <= 0


SIGN_AFTER_LATIN_WORD = """
element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode, at = text.data.indexOf("OPEC+");
    if (at < 0) continue;
    const range = document.createRange(), left = (index) => {
      range.setStart(text, index); range.setEnd(text, index + 1); return range.getBoundingClientRect().left;
    };
    return left(at + 4) - left(at + 3);  // "+" minus "C": positive when the sign follows the word
  }
  return null;
}
"""


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_latin_words_keep_their_signs_inside_persian_and_arabic_text(open_page, language) -> None:
    edition = make_edition(language)
    page, _ = open_page(PHONE)
    for path, selectors in (
        (edition.article, (".article__title", ".article__lead", ".tag-list a")),
        (edition.home, (".card--lead .card__title",)),
    ):
        page.goto(path)
        for selector in selectors:
            # Plain bidi would draw "+OPEC" (the sign takes the Persian paragraph's side).
            assert page.locator(selector).first.evaluate(SIGN_AFTER_LATIN_WORD) > 0, (path, selector)


def test_pagination_and_more_links_point_the_way_the_page_reads(open_page) -> None:
    edition = make_edition("fa")
    ArticleFactory.create_batch(20)  # English: two pages too
    page, _ = open_page(WIDE)
    mirrored = "matrix(-1, 0, 0, 1, 0, 0)"

    def pager(path: str) -> dict[str, dict[str, float]]:
        page.goto(path)
        links = {"current": box(page, ".pagination__current")}
        for rel, name in (("prev", "newer"), ("next", "older")):
            if page.locator(f".pagination__link[rel={rel}]").count():
                links[name] = box(page, f".pagination__link[rel={rel}]")
        return links

    english_first, english_second = pager("/news/"), pager("/news/?page=2")
    assert english_first["older"]["x"] > english_first["current"]["right"]  # Page 1 of 2   Older →
    assert english_second["newer"]["right"] < english_second["current"]["x"]  # ← Newer   Page 2 of 2
    assert transform(page, ".pagination__link .arrow") == "none"

    persian_first, persian_second = pager(edition.section), pager(f"{edition.section}?page=2")
    assert persian_first["older"]["right"] < persian_first["current"]["x"]  # the older page is to the left
    assert persian_second["newer"]["x"] > persian_second["current"]["right"]  # the newer one to the right
    assert page.locator(".pagination__link .arrow").first.get_attribute("aria-hidden") == "true"
    assert transform(page, ".pagination__link .arrow") == mirrored  # → drawn as ←, pointing right…
    page.goto(edition.section)
    older = box(page, ".pagination__link[rel=next]")
    assert (
        box(page, ".pagination__link[rel=next] .arrow")["x"] - older["x"] < 20
    )  # …and "Older ←" ends with it, on the left

    page.goto(edition.home)
    assert transform(page, ".block__more .arrow") == mirrored


@pytest.mark.parametrize("viewport_name", VIEWPORTS)
def test_photo_viewer_moves_forward_to_the_left_in_persian(open_page, viewport_name) -> None:
    edition = make_edition("fa")
    first, second, third = STORIES["fa"].captions
    page, watch = open_page(VIEWPORTS[viewport_name])
    page.goto(edition.album)
    page.locator(".photo-grid a").first.click()
    dialog = page.locator("dialog.photo-dialog")
    assert first in dialog.locator("figcaption").inner_text()

    previous_button, next_button = box(page, "dialog [data-move='-1']"), box(page, "dialog [data-move='1']")
    assert next_button["right"] < previous_button["x"]  # "next" on the left
    page.keyboard.press("ArrowLeft")
    assert second in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowLeft")
    assert third in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowRight")
    assert second in dialog.locator("figcaption").inner_text()
    save_screenshot(page, f"rtl-fa-photo-dialog-{viewport_name}")
    page.keyboard.press("Escape")

    # Without the dialog (the server's viewer), the same sides.
    page.goto(f"{edition.album}?photo=2")
    assert (
        box(page, ".photo-viewer__nav [rel=next]")["right"] < box(page, ".photo-viewer__nav [rel=prev]")["x"]
    )
    assert watch.foreign_requests == [] and watch.console_errors == []


def test_persian_and_arabic_are_set_in_vazirmatn_from_this_site_and_english_pages_never_load_it(
    open_page, live_site
) -> None:
    fa, ar = make_edition("fa"), make_edition("ar")
    page, watch = open_page(WIDE)
    fonts_fetched = []
    page.on("response", lambda response: fonts_fetched.append(response) if ".woff2" in response.url else None)

    for edition in (fa, ar):
        page.goto(edition.article)
        page.evaluate("document.fonts.ready")
        title = page.locator(".article__title")
        assert title.evaluate("e => getComputedStyle(e).fontFamily").split(",")[0].strip('"') == "Vazirmatn"
        # What Chromium really drew the headline and the comment with: Vazirmatn for the
        # Arabic script, the Latin word (OPEC+, WFP) from the reader's own sans-serif.
        headline_fonts = rendered_fonts(page, ".article__title")
        assert headline_fonts.get("Vazirmatn NL", 0) > 20 and len(headline_fonts) > 1, headline_fonts
        assert rendered_fonts(page, ".comment__text p").get("Vazirmatn NL", 0) > 20
        assert "OPEC+" in title.inner_text()

    assert fonts_fetched, "no web font was fetched"
    for response in fonts_fetched:
        assert response.url.startswith(f"{live_site}/static/fonts/vazirmatn/Vazirmatn-NL-Variable.")
        assert response.status == 200
        assert response.header_value("content-type") == "font/woff2"
    assert watch.foreign_requests == []

    english, _ = open_page(WIDE)
    english_fonts = []
    english.on(
        "request", lambda request: english_fonts.append(request.url) if ".woff2" in request.url else None
    )
    for path in ("/", fa.english_article, "/gallery/", "/search/?q=OPEC"):
        english.goto(path)
        english.evaluate("document.fonts.ready")
    assert english_fonts == []


def rendered_fonts(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text right inside ``selector`` with, and how many glyphs each
    (Vazirmatn's Non-Latin build calls itself "Vazirmatn NL")."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}
