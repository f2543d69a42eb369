from common.sitemaps import PublishableSitemap
from gallery.models import Album, Film


class AlbumSitemap(PublishableSitemap):
    model = Album


class FilmSitemap(PublishableSitemap):
    model = Film
