"""Article URLs. Included last by the root URLconf: a section's slug is the
first segment of the address, so every fixed first segment must match first."""

from django.urls import path

from articles import feeds, views

app_name = "articles"
urlpatterns = [
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestArticlesFeed)(), name="feed_atom"),
    path("tags/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<uslug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<uslug:slug>/feed/atom/", feeds.atom(feeds.TagFeed)(), name="tag_feed_atom"),
    # Topic pages belong to focus/; their feeds list articles, so they live here.
    path("focus/<uslug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("focus/<uslug:slug>/feed/atom/", feeds.atom(feeds.TopicFeed)(), name="topic_feed_atom"),
    path("authors/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("most-viewed/", views.most_viewed, name="most_viewed"),
    path("views/<int:pk>/", views.count_view, name="count_view"),
    path("<uslug:section_slug>/", views.SectionView.as_view(), name="section"),
    path("<uslug:section_slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("<uslug:section_slug>/feed/atom/", feeds.atom(feeds.SectionFeed)(), name="section_feed_atom"),
    path("<uslug:section_slug>/<int:pk>/<str:slug>/", views.article_detail, name="article"),
    # A shortened or truncated link still finds the article (301 to the full address).
    path("<uslug:section_slug>/<int:pk>/", views.article_detail, {"slug": ""}, name="article_short"),
]
