"""About us, Contact and Privacy policy: written by editors in admin for each edition, linked from
every page's footer, cached and purged like other reader pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from reversion.models import Version

from alwaght.demo import SITE_PAGES, seed_site_pages
from alwaght.models import SitePage
from articles.models import Section
from common.models import Purge
from tests.factories import SectionFactory, UserFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/alwaght/sitepage/add/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(language: str = "en", slug: str = "about", **fields: object) -> SitePage:
    values = {"title": f"About us ({language})", "body": "<p>Who we are.</p>", "published": True, **fields}
    return SitePage.objects.create(language=language, slug=slug, **values)


def purged_keys() -> set[str]:
    return {key for purge in Purge.objects.all() for key in purge.keys}


def page_form(**fields: object) -> dict[str, object]:
    return {
        "language": "en",
        "slug": "contact",
        "title": "Contact",
        "description": "How to reach us.",
        "body": "<p>Write to us.</p>",
        "published": "on",
        **fields,
    }


# --- readers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "direction"),
    [("/about/", "en", "ltr"), ("/ar/about/", "ar", "rtl"), ("/fa/about/", "fa", "rtl")],
)
def test_each_edition_shows_its_own_page(client: Client, path: str, language: str, direction: str) -> None:
    for code in ("en", "ar", "fa"):
        page(code, title=f"Title {code}", body=f"<p>Body {code}</p>")
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert_in_html(f'<h1 class="site-page__title">Title {language}</h1>', html)
    assert f"Body {language}" in html
    assert f'<article class="site-page__article" lang="{language}" dir="{direction}">' in html
    # Its versions in the other editions are its alternates, for readers and search engines.
    for code, address in (("en", "/about/"), ("ar", "/ar/about/"), ("fa", "/fa/about/")):
        assert f'hreflang="{code}" href="http://testserver{address}"' in html
    assert f'<link rel="canonical" href="http://testserver{path}">' in html


def test_an_edition_without_the_page_shows_the_english_one_marked_as_such(client: Client) -> None:
    page("en", title="About us", body="<p>Who we are.</p>")
    response = client.get("/fa/about/")
    assert response.status_code == 200
    html = response.content.decode()
    # The Persian page around it, the English text in its own language and direction.
    assert '<html lang="fa" dir="rtl">' in html
    assert '<article class="site-page__article" lang="en" dir="ltr">' in html
    assert "Who we are." in html
    assert 'class="site-page__notice" role="note"' in html
    # Search engines are sent to the English original; no Persian alternate is claimed.
    assert '<link rel="canonical" href="http://testserver/about/">' in html
    assert 'hreflang="fa"' not in html.split("</head>")[0]


def test_a_page_with_its_own_version_says_nothing_about_fallbacks(client: Client) -> None:
    page("en")
    assert "site-page__notice" not in client.get("/about/").content.decode()


def test_without_english_another_editions_version_is_shown(client: Client) -> None:
    page("ar", title="من نحن")
    response = client.get("/fa/about/")
    assert response.status_code == 200
    assert '<article class="site-page__article" lang="ar" dir="rtl">' in response.content.decode()


def test_a_page_no_edition_has_published_is_a_404(client: Client) -> None:
    page("en", published=False)
    page("ar", slug="contact", published=False)
    for path in ("/about/", "/ar/about/", "/contact/", "/fa/privacy/"):
        assert client.get(path).status_code == 404, path


def test_an_unpublished_version_falls_back_to_a_published_one(client: Client) -> None:
    page("en", title="Published English")
    page("ar", title="Arabic draft", published=False)
    html = client.get("/ar/about/").content.decode()
    assert "Published English" in html and "Arabic draft" not in html


def test_editors_preview_an_unpublished_page_never_cached(editor_client: Client) -> None:
    page("en", title="Draft about", published=False)
    response = editor_client.get("/about/")
    assert response.status_code == 200
    assert "Draft about" in response.content.decode()
    assert 'class="preview-banner"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_the_body_is_sanitised_when_saved() -> None:
    saved = page(body='<p onclick="x()">Hi<script>alert(1)</script>\x0b<a href="javascript:x">y</a></p>')
    saved.refresh_from_db()
    assert saved.body == "<p>Hi\n<a>y</a></p>"


def test_titles_keep_no_control_characters() -> None:
    saved = page(title="About\x0bus\x1b", description="One\x00 line")
    saved.refresh_from_db()
    assert (saved.title, saved.description) == ("About us", "One line")


def test_one_page_of_a_kind_per_edition() -> None:
    page("en")
    page("ar")  # the same page in another edition is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        page("en", title="A second About page")


def test_page_queries_do_not_depend_on_how_many_editions_have_it(
    client: Client, django_assert_num_queries
) -> None:
    page("en")
    client.get("/about/")  # the navigation's sections, read once and kept
    with django_assert_num_queries(1):  # every edition's version of the page
        assert client.get("/about/").status_code == 200
    page("ar")
    page("fa")
    client.get("/fa/about/")
    with django_assert_num_queries(1):
        assert client.get("/fa/about/").status_code == 200
    client.get("/ar/privacy/")
    with django_assert_num_queries(1):  # a page no edition has: the same query, then the 404
        assert client.get("/ar/privacy/").status_code == 404


BAD_ADDRESSES = [
    "/terms/",  # no such page (a section's address: none by that slug either)
    "/ar/imprint/",
    "/" + "a" * 5000 + "/",
    "/about%00/",
    "/about%0b/",
    "/%1b[31m/",
    "/about%E2%80%8F/",  # with a right-to-left mark
    "/%D8%AD%D9%88%D9%84/",  # Arabic
    "/%F0%9F%93%B0/",  # an emoji
    "/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    "/about/extra/",
]


@pytest.mark.parametrize("path", BAD_ADDRESSES)
def test_bad_addresses_are_a_404(client: Client, path: str) -> None:
    page("en")
    response = client.get(path)
    assert response.status_code == 404, path


def test_query_strings_do_not_change_the_page(client: Client) -> None:
    page("en")
    response = client.get("/about/?page=%00&q=<script>&slug=privacy")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_only_reading_methods_are_allowed(client: Client) -> None:
    page("en")
    assert client.post("/about/").status_code == 405
    assert client.head("/about/").status_code == 200


# --- the footer ----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/ar", "/fa"])
def test_every_page_footer_links_the_newsroom_pages_of_its_edition(client: Client, prefix: str) -> None:
    html = client.get(f"{prefix}/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for slug in ("about", "contact", "privacy", "corrections"):
        assert f'href="{prefix}/{slug}/"' in footer, slug


# --- caching -------------------------------------------------------------------------------


def test_a_page_carries_its_keys_and_a_change_purges_them(client: Client) -> None:
    about = page("en")
    response = client.get("/about/")
    keys = set(response["xkey"].split())
    assert {f"sitepage:{about.pk}", "sitepages"} <= keys
    Purge.objects.all().delete()
    about.title = "About Alwaght"
    about.save()
    assert {f"sitepage:{about.pk}", "sitepages"} <= purged_keys()


def test_a_new_edition_version_replaces_the_fallback(client: Client, settings) -> None:
    """The Persian address showed the English page; it carries the key any version purges."""
    settings.PAGE_CACHE_SECONDS = 60
    page("en", title="English about")
    assert "English about" in client.get("/fa/about/").content.decode()
    page("fa", title="درباره ما")
    html = client.get("/fa/about/").content.decode()
    assert "درباره ما" in html and "English about" not in html


def test_deleting_a_page_purges_it(client: Client) -> None:
    about = page("en")
    Purge.objects.all().delete()
    pk = about.pk
    about.delete()
    assert {f"sitepage:{pk}", "sitepages"} <= purged_keys()
    assert client.get("/about/").status_code == 404


# --- search engines and the URL contract ------------------------------------------------------


def test_the_sitemap_lists_published_pages_with_their_versions(client: Client) -> None:
    page("en")
    page("ar")
    page("fa", slug="privacy", title="حریم خصوصی")
    page("en", slug="contact", published=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemaps/pages.xml" in index
    root = ET.fromstring(client.get("/sitemaps/pages.xml").content)
    locations = sorted(element.text for element in root.iter(f"{SITEMAP}loc"))
    assert locations == [
        "http://testserver/about/",
        "http://testserver/ar/about/",
        "http://testserver/fa/privacy/",
    ]
    alternates = {link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")}
    assert alternates == {"http://testserver/about/", "http://testserver/ar/about/"}


@pytest.mark.parametrize("slug", ["about", "contact", "privacy"])
def test_a_section_cannot_take_a_newsroom_pages_address(editor_client: Client, slug: str) -> None:
    response = editor_client.post(
        "/admin/articles/section/add/",
        {"name": f"{slug.title()} desk", "slug": slug, "position": "1", "description": ""},
    )
    assert response.status_code == 200
    assert "already used by another part of the site" in str(
        response.context["adminform"].form.errors["slug"]
    )
    assert not Section.objects.filter(slug=slug).exists()


def test_an_existing_section_does_not_hide_the_pages(client: Client) -> None:
    SectionFactory(slug="news")
    page("en")
    assert client.get("/about/").status_code == 200


# --- the newsroom --------------------------------------------------------------------------


def test_an_editor_writes_a_page_and_readers_see_it(editor_client: Client) -> None:
    form_page = editor_client.get(ADD_URL)
    assert form_page.status_code == 200
    assert set(form_page.context["adminform"].form.fields["slug"].choices) >= {
        ("about", "About us"),
        ("contact", "Contact"),
        ("privacy", "Privacy policy"),
    }
    response = editor_client.post(ADD_URL, page_form(body='<p>Write to us.<img src=x onerror="y()"></p>'))
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = SitePage.objects.get()
    assert saved.body == '<p>Write to us.<img src="x"></p>'
    editor_client.logout()
    assert "Write to us." in editor_client.get("/contact/").content.decode()


def test_a_second_page_of_a_kind_in_an_edition_is_refused_in_plain_words(editor_client: Client) -> None:
    page("en", slug="contact")
    response = editor_client.post(ADD_URL, page_form())
    assert response.status_code == 200
    assert "This edition already has this page" in response.content.decode()
    assert SitePage.objects.count() == 1


@pytest.mark.parametrize("slug", ["terms", "", "a" * 300, "about\x00"])
def test_a_page_the_site_has_no_address_for_is_refused(editor_client: Client, slug: str) -> None:
    response = editor_client.post(ADD_URL, page_form(slug=slug))
    assert response.status_code == 200
    assert not SitePage.objects.exists()


def test_writers_cannot_open_the_pages(client: Client) -> None:
    about = page("en")
    client.force_login(UserFactory(username="a-writer", groups=["Writers"]))
    assert client.get("/admin/alwaght/sitepage/").status_code == 403
    assert client.get(f"/admin/alwaght/sitepage/{about.pk}/change/").status_code == 403
    assert client.post(ADD_URL, page_form()).status_code == 403
    assert SitePage.objects.count() == 1


def test_an_editions_desk_edits_its_own_editions_pages_only(client: Client) -> None:
    english = page("en", title="English about")
    client.force_login(UserFactory(username="arabic-desk", groups=["Editors", "Arabic edition"]))
    changed = client.post(
        f"/admin/alwaght/sitepage/{english.pk}/change/",
        page_form(slug="about", title="Changed by the Arabic desk"),
    )
    assert changed.status_code == 302  # "does not exist" for this desk: nothing saved
    english.refresh_from_db()
    assert english.title == "English about"
    # A new page goes into the desk's edition only.
    refused = client.post(ADD_URL, page_form(language="en"))
    assert refused.status_code == 200 and not SitePage.objects.filter(slug="contact").exists()
    assert client.post(ADD_URL, page_form(language="ar")).status_code == 302
    assert SitePage.objects.get(slug="contact").language == "ar"


def test_every_save_keeps_a_version(editor_client: Client) -> None:
    editor_client.post(ADD_URL, page_form())
    saved = SitePage.objects.get()
    assert Version.objects.get_for_object(saved).count() == 1


# --- the demo ------------------------------------------------------------------------------


def test_the_demo_publishes_every_page_in_every_edition_once(client: Client) -> None:
    assert seed_site_pages() == 9
    assert seed_site_pages() == 0
    assert set(SITE_PAGES) == {"en", "ar", "fa"}
    for prefix in ("", "/ar", "/fa"):
        for slug in ("about", "contact", "privacy"):
            response = client.get(f"{prefix}/{slug}/")
            assert response.status_code == 200, (prefix, slug)
            assert "site-page__notice" not in response.content.decode()


def test_the_demo_keeps_an_editors_own_text() -> None:
    page("en", title="Our own words")
    seed_site_pages()
    assert SitePage.objects.get(language="en", slug="about").title == "Our own words"
