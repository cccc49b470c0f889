from django.contrib import admin
from django.urls import include, path

from reader import views

# The reader's own pages first: they are the ones asked for most.
urlpatterns = [
    path("", include("reader.urls")),
    path("accounts/login/", views.account_login, name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
