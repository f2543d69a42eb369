from django.urls import path

from gallery import views

app_name = "gallery"
urlpatterns = [
    path("", views.GalleryIndexView.as_view(), name="index"),
    path("photos/<int:pk>/<str:slug>/", views.album_detail, name="album"),
    path("photos/<int:pk>/", views.album_detail, {"slug": ""}, name="album_short"),
    path("films/<int:pk>/<str:slug>/", views.film_detail, name="film"),
    path("films/<int:pk>/", views.film_detail, {"slug": ""}, name="film_short"),
]
