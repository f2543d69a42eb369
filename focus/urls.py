from django.urls import path

from focus import views

app_name = "focus"
urlpatterns = [
    path("", views.TopicIndexView.as_view(), name="index"),
    path("<uslug:slug>/", views.TopicView.as_view(), name="topic"),
]
