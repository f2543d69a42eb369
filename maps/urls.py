from django.urls import path

from maps import feeds, views

app_name = "maps"
urlpatterns = [
    path("", views.MapListView.as_view(), name="index"),
    path("feed/", feeds.MapFeed(), name="feed"),
    path("feed/atom/", feeds.MapAtomFeed(), name="feed_atom"),
    path("<int:pk>/<str:slug>/", views.map_detail, name="map"),
    path("<int:pk>/", views.map_detail, {"slug": ""}, name="map_short"),
    path("<int:pk>/<str:slug>/data.geojson", views.map_data, name="data"),
]
