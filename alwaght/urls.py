"""Root URLs. The URL contract is in DESIGN.md; section pages come last because
their first segment is free-form."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from alwaght import views
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
}
# Sitemaps list whole kinds: they carry the kinds' keys, purged when one of them comes or goes.
sitemap_keys = with_keys("articles", "sections", "tags", "topics", "albums", "films", "maps")

handler500 = "alwaght.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("corrections/", views.corrections, name="corrections"),
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
    path("focus/", include("focus.urls")),
    path("comments/", include("comments.urls")),
    path("gallery/", include("gallery.urls")),
    path("maps/", include("maps.urls")),
]

if settings.SERVE_MEDIA:
    # Local runs only; production serves MEDIA_ROOT from the reverse proxy or object storage.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media_file)]

# Last: its first segment is a section's slug.
urlpatterns += [path("", include("articles.urls"))]
