"""Article URLs. Included last by the root URLconf: a section's slug is the
first segment of the address, so every fixed first segment must match first."""

from django.urls import path

import alwaght.converters  # noqa: F401 (registers <uslug:…>)
from articles import views

app_name = "articles"
urlpatterns = [
    path("tags/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("most-viewed/", views.most_viewed, name="most_viewed"),
    path("views/<int:pk>/", views.count_view, name="count_view"),
    path("authors/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<uslug:section_slug>/", views.SectionView.as_view(), name="section"),
    path("<uslug:section_slug>/<int:pk>/<str:slug>/", views.article_detail, name="article"),
    # A shortened or truncated link still finds the article (301 to the full address).
    path("<uslug:section_slug>/<int:pk>/", views.article_detail, {"slug": ""}, name="article_short"),
]
