from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reader import views

# Accounts: Django's own views, and our log-in (which also refuses spraying).
# Password reset needs mail: without DJANGO_EMAIL_HOST it is not routed.
accounts = [
    path("login/", views.account_login, name="login"),
    path("logout/", views.account_logout, name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
if settings.DUIZHAO_PASSWORD_RESET:
    accounts += [
        path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
        path(
            "password_reset/done/",
            auth_views.PasswordResetDoneView.as_view(),
            name="password_reset_done",
        ),
        path(
            "reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(),
            name="password_reset_confirm",
        ),
        path(
            "reset/done/",
            auth_views.PasswordResetCompleteView.as_view(),
            name="password_reset_complete",
        ),
    ]

# The reader's own pages first: they are the ones asked for most.
urlpatterns = [
    path("", include("reader.urls")),
    path("accounts/", include(accounts)),
    path("admin/", admin.site.urls),
]
