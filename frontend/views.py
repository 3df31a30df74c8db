"""Server-rendered pages (placeholder until the room page lands)."""

from django.http import HttpRequest, HttpResponse


def login_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("login")


def logout_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("logout")


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("home")


def room(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("room")
