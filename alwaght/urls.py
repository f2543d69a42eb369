"""Root URLs. The URL contract is in DESIGN.md; section pages come last because
their first segment is free-form."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.i18n import set_language

from alwaght import views
from alwaght.models import SitePage
from alwaght.sitemaps import SitePageSitemap
from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from articles.sitemaps import NewsSitemap
from common.admin import NewsroomAutocompleteView
from common.surrogate_keys import with_keys
from focus.sitemaps import TopicSitemap
from gallery.sitemaps import AlbumSitemap, FilmSitemap
from maps.sitemaps import MapSitemap

SITEMAPS = {
    **ARTICLE_SITEMAPS,
    "topics": TopicSitemap,
    "albums": AlbumSitemap,
    "films": FilmSitemap,
    "maps": MapSitemap,
    "pages": SitePageSitemap,
}
# Sitemaps list whole kinds: they carry the kinds' keys, purged when one of them comes or goes.
sitemap_keys = with_keys("articles", "sections", "tags", "topics", "albums", "films", "maps", "sitepages")

handler500 = "alwaght.views.server_error"

# Every edition's reader pages: English at /, Arabic under /ar/, Persian under /fa/.
reader_patterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("corrections/", views.corrections, name="corrections"),
    # About us, Contact, Privacy policy: one name, the page in the arguments (reverse finds it).
    *(path(f"{slug}/", views.site_page, {"slug": slug}, name="site_page") for slug in SitePage.Slug.values),
    path("focus/", include("focus.urls")),
    path("comments/", include("comments.urls")),
    path("gallery/", include("gallery.urls")),
    path("maps/", include("maps.urls")),
    # Last: its first segment is a section's slug.
    path("", include("articles.urls")),
]

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    # The admin's language menu (the editor's choice is kept in a cookie).
    path("i18n/setlang/", set_language, name="set_language"),
    path(
        "sitemap.xml",
        sitemap_keys(require_safe(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    # Before the generic pattern: the same address, rendered with the Google News template.
    path(
        "sitemaps/news.xml",
        with_keys("articles")(require_safe(sitemap_views.sitemap)),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemaps/<section>.xml",
        sitemap_keys(require_safe(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("favicon.ico", views.favicon),
    # Before the admin's own: the same address, with fuller labels (common/admin.py).
    path(
        "admin/autocomplete/",
        admin.site.admin_view(NewsroomAutocompleteView.as_view(admin_site=admin.site)),
        name="newsroom-autocomplete",
    ),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Local runs only; production serves MEDIA_ROOT from the reverse proxy or object storage.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media_file)]

urlpatterns += i18n_patterns(*reader_patterns, prefix_default_language=False)
