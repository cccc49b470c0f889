from django.urls import path, re_path

from . import review, views, word_views

app_name = "reader"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_read, name="article_read"),
    path("articles/<slug:slug>/progress/", views.progress_save, name="progress_save"),
    path("gloss/<str:word>/", views.word_gloss, name="word_gloss"),
    path("gloss/<str:word>/status/", views.word_status, name="word_status"),
    path("gloss/<str:word>/seen/", views.word_seen, name="word_seen"),
    path("about/", views.about, name="about"),
    path("preferences/", views.preferences_update, name="preferences_update"),
    path("segments/<int:segment_id>/bookmark/", views.bookmark_toggle, name="bookmark_toggle"),
    path("bookmarks/", views.bookmark_list, name="bookmark_list"),
    re_path(
        r"^bookmarks/export\.(?P<fmt>csv|apkg)$", views.bookmark_export, name="bookmark_export"
    ),
    path("bookmarks/<int:bookmark_id>/note/", views.bookmark_note, name="bookmark_note"),
    path("bookmarks/<int:bookmark_id>/delete/", views.bookmark_delete, name="bookmark_delete"),
    path("words/", word_views.word_list, name="word_list"),
    re_path(r"^words/export\.(?P<fmt>csv|apkg)$", word_views.word_export, name="word_export"),
    path("words/import/", word_views.word_import, name="word_import"),
    path("words/placement/", word_views.word_place, name="word_place"),
    path("words/placement/undo/", word_views.word_place_undo, name="word_place_undo"),
    path("words/<int:word_id>/status/", word_views.word_status_update, name="word_status_update"),
    path("review/", review.review, name="review"),
    path("review/<str:key>/answer/", review.review_answer, name="review_answer"),
    path("accounts/signup/", views.account_signup, name="account_signup"),
]
