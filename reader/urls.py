from django.urls import path, re_path

from . import review, views

app_name = "reader"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_read, name="article_read"),
    path("gloss/<str:word>/", views.word_gloss, name="word_gloss"),
    path("about/", views.about, name="about"),
    path("preferences/", views.preferences_update, name="preferences_update"),
    path("segments/<int:segment_id>/bookmark/", views.bookmark_toggle, name="bookmark_toggle"),
    path("bookmarks/", views.bookmark_list, name="bookmark_list"),
    re_path(
        r"^bookmarks/export\.(?P<fmt>csv|apkg)$", views.bookmark_export, name="bookmark_export"
    ),
    path("bookmarks/<int:bookmark_id>/note/", views.bookmark_note, name="bookmark_note"),
    path("bookmarks/<int:bookmark_id>/delete/", views.bookmark_delete, name="bookmark_delete"),
    path("review/", review.review, name="review"),
    path("review/<str:key>/answer/", review.review_answer, name="review_answer"),
    path("accounts/signup/", views.account_signup, name="account_signup"),
]
