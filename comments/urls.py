from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("start/", views.start_comment, name="start"),
    path("post/", views.post_comment, name="post"),
    path("sent/", views.comment_sent, name="sent"),
]
