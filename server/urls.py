"""HTTP routes."""

from django.contrib import admin
from django.urls import include, path

from groups.throttle import ThrottledAdminAuthenticationForm
from server.api import api
from server.health import healthz

# The admin's login counts failures and shows the throttle's message like the others.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("frontend.urls")),
]
