from django.urls import path

from . import views

app_name = "reader"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_read, name="article_read"),
    path("preferences/", views.preferences_update, name="preferences_update"),
]
