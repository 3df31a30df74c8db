"""Server-rendered pages: login, the caller's groups, and the room."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groups import selectors
from groups.errors import GroupNotFound, ServiceError
from groups.services import memberships
from groups.throttle import ThrottledAuthenticationForm
from moderation import selectors as moderation_selectors
from moderation.services import own_data, transcripts

login_page = LoginView.as_view(
    template_name="frontend/login.html",
    redirect_authenticated_user=True,
    authentication_form=ThrottledAuthenticationForm,
)
logout_page = LogoutView.as_view(next_page="/login/")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The caller's groups, each linking to its room."""
    memberships = selectors.memberships_for_user(user=request.user)
    return render(request, "frontend/home.html", {"memberships": memberships})


@login_required
def room(request: HttpRequest, slug: str) -> HttpResponse:
    """The room, or first the group agreement to accept."""
    try:
        membership = selectors.membership_for(user=request.user, slug=slug)
    except GroupNotFound:
        raise Http404("No such group.") from None
    agreement = selectors.agreement_current(group_id=membership.group_id)
    context: dict[str, Any] = {
        "group": membership.group,
        "membership": membership,
        "agreement": agreement,
    }
    if not selectors.agreement_accepted(membership=membership, agreement=agreement):
        return render(request, "frontend/agreement.html", context)
    context["is_facilitator"] = membership.role == "facilitator"
    context["heartbeat_seconds"] = settings.CIRCLES_HEARTBEAT_SECONDS
    context["resources"] = moderation_selectors.crisis_resources_for(
        region=membership.group.crisis_region
    )
    return render(request, "frontend/room.html", context)


@login_required
@require_POST
def agree(request: HttpRequest, slug: str) -> HttpResponse:
    """Record acceptance of the agreement version the member was shown."""
    try:
        version = int(request.POST.get("version", ""))
        memberships.agreement_accept(user=request.user, slug=slug, version=version)
    except GroupNotFound:
        raise Http404("No such group.") from None
    except (ValueError, ServiceError):
        # The agreement changed while they read it (or the form was tampered with):
        # show the current one again.
        pass
    return redirect("room", slug=slug)


@login_required
def transcript_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's session transcripts."""
    try:
        membership = selectors.membership_for(user=request.user, slug=slug)
        sessions = transcripts.transcript_list(user=request.user, slug=slug)
    except GroupNotFound:
        raise Http404("No such group.") from None
    return render(
        request,
        "frontend/transcripts.html",
        {"group": membership.group, "sessions": sessions},
    )


@login_required
def transcript_page(request: HttpRequest, slug: str, transcript_id: int) -> HttpResponse:
    """One transcript, readable (the read is audited)."""
    try:
        transcript = transcripts.transcript_read(
            user=request.user, transcript_id=transcript_id, now=timezone.now(), download=False
        )
    except GroupNotFound:
        raise Http404("No such transcript.") from None
    if transcript.group_slug != slug:
        raise Http404("No such transcript.")
    return render(request, "frontend/transcript.html", {"transcript": transcript})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The caller's own data: download it, or erase it (after confirming)."""
    return render(
        request,
        "frontend/my_data.html",
        {"memberships": selectors.memberships_for_user(user=request.user)},
    )


@login_required
@require_POST
def my_data_erase(request: HttpRequest) -> HttpResponse:
    """Erase the caller once they have ticked the confirmation."""
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "frontend/my_data.html",
            {
                "memberships": selectors.memberships_for_user(user=request.user),
                "error": "Tick the box to confirm that you want everything erased.",
            },
            status=400,
        )
    own_data.own_data_erase(user=request.user, now=timezone.now())
    logout(request)
    return render(request, "frontend/erased.html")
