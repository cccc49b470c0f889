from django.urls import path, re_path

from . import class_views, review, views, word_views

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
    path("classes/", class_views.class_list, name="class_list"),
    path("classes/new/", class_views.class_create, name="class_create"),
    path("classes/join/", class_views.class_join, name="class_join"),
    path("classes/join/<str:code>/", class_views.class_join_code, name="class_join_code"),
    path("classes/<int:class_id>/", class_views.class_detail, name="class_detail"),
    path("classes/<int:class_id>/leave/", class_views.class_leave, name="class_leave"),
    path("classes/<int:class_id>/edit/", class_views.class_update, name="class_update"),
    path("classes/<int:class_id>/archive/", class_views.class_archive, name="class_archive"),
    path("classes/<int:class_id>/code/", class_views.class_new_code, name="class_new_code"),
    path(
        "classes/<int:class_id>/teachers/", class_views.class_add_teacher, name="class_add_teacher"
    ),
    path(
        "classes/<int:class_id>/learners/<int:user_id>/remove/",
        class_views.class_remove_learner,
        name="class_remove_learner",
    ),
    path("classes/<int:class_id>/progress.csv", class_views.class_export, name="class_export"),
    path("classes/<int:class_id>/assignments/", class_views.assignment_add, name="assignment_add"),
    path(
        "classes/<int:class_id>/assignments/<int:assignment_id>/",
        class_views.assignment_detail,
        name="assignment_detail",
    ),
    path(
        "classes/<int:class_id>/assignments/<int:assignment_id>/delete/",
        class_views.assignment_delete,
        name="assignment_delete",
    ),
    path(
        "classes/<int:class_id>/assignments/<int:assignment_id>/sentences/<int:segment_id>/",
        class_views.assignment_detail,
        name="assignment_sentence",
    ),
    path("accounts/signup/", views.account_signup, name="account_signup"),
]
