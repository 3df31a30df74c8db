"""Server-rendered pages."""

from django.urls import path

from frontend import coordinator, views

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("logout/", views.logout_page, name="logout"),
    path("", views.home, name="home"),
    path("groups/<slug:slug>/", views.room, name="room"),
    path("groups/<slug:slug>/agree/", views.agree, name="agree"),
    path("groups/<slug:slug>/transcripts/", views.transcript_list, name="transcripts"),
    path(
        "groups/<slug:slug>/transcripts/<int:transcript_id>/",
        views.transcript_page,
        name="transcript",
    ),
    path("me/", views.my_data, name="my_data"),
    path("me/erase/", views.my_data_erase, name="my_data_erase"),
    path("coordinator/", coordinator.coordinator_page, name="coordinator"),
    path(
        "coordinator/escalations/<int:escalation_id>/",
        coordinator.coordinator_act,
        name="coordinator_act",
    ),
]
