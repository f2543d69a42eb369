from common.sitemaps import PublishableSitemap
from maps.models import Map


class MapSitemap(PublishableSitemap):
    model = Map
