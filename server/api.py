"""The JSON API (django-ninja), with its OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.security import django_auth

from groups import selectors, throttle
from groups.errors import GroupNotFound, ServiceError
from groups.services import memberships
from moderation import coordinators
from moderation import selectors as moderation_selectors
from moderation.services import own_data, transcripts

api = NinjaAPI(
    title="Circles API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    # The interactive docs load Swagger UI from a CDN: development only. The schema itself
    # stays public, as the interface's contract.
    docs_url="/docs" if settings.DEBUG else None,
)


class ValidationErrorOut(Schema):
    detail: list[dict[str, object]]


class LoginIn(Schema):
    username: str
    password: str


class Detail(Schema):
    detail: str


class LoginOut(Schema):
    username: str


class GroupOut(Schema):
    slug: str
    name: str
    topic: str
    pseudonym: str
    role: str


class AgreementOut(Schema):
    version: int | None
    text: str
    accepted: bool


class CrisisResourceOut(Schema):
    country: str
    name: str
    phone: str
    text: str
    url: str
    hours: str
    last_verified: str | None


class AcceptIn(Schema):
    version: int


@api.exception_handler(GroupNotFound)
def group_not_found(request: HttpRequest, exc: GroupNotFound):  # type: ignore[no-untyped-def]
    # One answer for "missing" and "forbidden" (SPEC 6).
    return api.create_response(request, {"detail": exc.detail}, status=404)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError):  # type: ignore[no-untyped-def]
    return api.create_response(request, {"detail": exc.detail, "code": exc.code}, status=400)


@api.post(
    "/login",
    response={200: LoginOut, 401: Detail, 415: Detail, 422: ValidationErrorOut, 429: Detail},
    auth=None,
)
def api_login(request: HttpRequest, payload: LoginIn) -> Status[dict[str, str]]:
    """Log in with username and password; sets the session and CSRF cookies."""
    if request.content_type != "application/json":
        # Login CSRF: a page on another site can post a form (even a text/plain one that
        # looks like JSON) but cannot send application/json without a CORS preflight, which
        # this server never grants. So a member cannot be logged into someone else's account.
        return Status(415, {"detail": "Send JSON (Content-Type: application/json)."})
    if "\x00" in payload.username or "\x00" in payload.password:
        # No account has a NUL in its name, and PostgreSQL refuses one in a query.
        return Status(401, {"detail": "Wrong username or password."})
    if throttle.blocked(payload.username, request):
        # Before the password is checked: a flood of guesses costs a cache read each.
        return Status(429, {"detail": throttle.message()})
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None and getattr(request, "login_throttled", False):
        # Others got in first: this one's attempt was past the limit, and not checked.
        return Status(429, {"detail": throttle.message()})
    if user is None or not user.is_active:
        return Status(401, {"detail": "Wrong username or password."})
    login(request, user)
    # Hand out the CSRF token now so an API client can make its next POST.
    get_token(request)
    return Status(200, {"username": user.get_username()})


@api.post("/logout", response={204: None, 403: Detail}, auth=None)
def api_logout(request: HttpRequest) -> Status[Any]:
    """End the session (harmless when not logged in). A logged-in caller must send the CSRF
    token, so another site cannot log a member out."""
    if request.user.is_authenticated and _csrf_refused(request):
        return Status(403, {"detail": "CSRF check failed: send the X-CSRFToken header."})
    logout(request)
    return Status(204, None)


def _csrf_refused(request: HttpRequest) -> bool:
    """Django's own CSRF check, for a route that takes no authentication class."""

    def view(_: HttpRequest) -> HttpResponse:
        return HttpResponse()

    return CsrfViewMiddleware(view).process_view(request, view, (), {}) is not None


@api.get("/groups", response={200: list[GroupOut], 401: Detail}, auth=django_auth)
def api_groups(request: HttpRequest) -> list[dict[str, str]]:
    """The caller's groups, with their pseudonym and role in each."""
    return [
        {
            "slug": m.group.slug,
            "name": m.group.name,
            "topic": m.group.topic,
            "pseudonym": m.pseudonym,
            "role": m.role,
        }
        for m in selectors.memberships_for_user(user=request.user)
    ]


@api.get(
    "/groups/{slug}/agreement",
    response={200: AgreementOut, 401: Detail, 404: Detail},
    auth=django_auth,
)
def api_agreement(request: HttpRequest, slug: str) -> dict[str, object]:
    """The group's current agreement and whether the caller accepted it."""
    membership = selectors.membership_for(user=request.user, slug=slug)
    agreement = selectors.agreement_current(group_id=membership.group_id)
    return {
        "version": agreement.version if agreement else None,
        "text": agreement.text if agreement else "",
        "accepted": selectors.agreement_accepted(membership=membership, agreement=agreement),
    }


@api.post(
    "/groups/{slug}/agreement",
    response={
        200: AgreementOut,
        400: Detail,
        401: Detail,
        403: Detail,
        404: Detail,
        422: ValidationErrorOut,
    },
    auth=django_auth,
)
def api_agreement_accept(request: HttpRequest, slug: str, payload: AcceptIn) -> dict[str, object]:
    """Record the caller's acceptance of the given agreement version."""
    memberships.agreement_accept(user=request.user, slug=slug, version=payload.version)
    return api_agreement(request, slug)


@api.get(
    "/groups/{slug}/crisis-resources",
    response={200: list[CrisisResourceOut], 401: Detail, 404: Detail},
    auth=django_auth,
)
def api_crisis_resources(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    """The crisis lines behind the room's "Get help now" button (the group's region)."""
    membership = selectors.membership_for(user=request.user, slug=slug)
    return moderation_selectors.crisis_resources_for(region=membership.group.crisis_region)


class CoordinatorPageOut(Schema):
    page_id: int
    escalation_id: int
    group: str
    severity: str
    state: str
    paged_at: datetime
    waiting: bool


class CoordinatorPagesOut(Schema):
    waiting: int
    pages: list[CoordinatorPageOut]


@api.get(
    "/coordinator/pages",
    response={200: CoordinatorPagesOut, 401: Detail, 404: Detail},
    auth=django_auth,
    url_name="coordinator_pages",
)
def api_coordinator_pages(request: HttpRequest) -> Status[dict[str, object]]:
    """The caller's in-app pages, newest first, and how many still wait for someone (their
    escalation is open). Polled by the coordinator page; never message text or names.
    Anyone who coordinates no group gets the same 404 as the page."""
    if not coordinators.is_coordinator(user=request.user):
        return Status(404, {"detail": "Not found."})
    pages = coordinators.coordinator_pages(user=request.user)
    return Status(
        200,
        {
            "waiting": sum(1 for p in pages if p.waiting),
            "pages": [
                {
                    "page_id": p.page_id,
                    "escalation_id": p.escalation_id,
                    "group": p.group,
                    "severity": p.severity,
                    "state": p.state,
                    "paged_at": p.paged_at,
                    "waiting": p.waiting,
                }
                for p in pages
            ],
        },
    )


class TranscriptSummaryOut(Schema):
    id: int
    started: datetime
    ended: datetime | None
    message_count: int


class TranscriptLineOut(Schema):
    seq: int
    author: str
    at: datetime
    text: str


class TranscriptOut(Schema):
    id: int
    group: str
    started: datetime
    ended: datetime | None
    in_progress: bool
    messages: list[TranscriptLineOut]


@api.get(
    "/groups/{slug}/transcripts",
    response={200: list[TranscriptSummaryOut], 401: Detail, 404: Detail},
    auth=django_auth,
)
def api_transcripts(request: HttpRequest, slug: str) -> list[transcripts.TranscriptSummary]:
    """The group's sessions with transcripts, newest first (members and facilitators)."""
    return transcripts.transcript_list(user=request.user, slug=slug)


def _transcript_out(transcript: transcripts.Transcript) -> dict[str, object]:
    return {
        "id": transcript.id,
        "group": transcript.group,
        "started": transcript.started,
        "ended": transcript.ended,
        "in_progress": transcript.in_progress,
        "messages": list(transcript.lines),
    }


@api.get(
    "/transcripts/{transcript_id}.md",
    # Before the JSON route, so that "5.md" is not read as the id "5.md".
    response={200: str, 401: Detail, 404: Detail, 422: ValidationErrorOut},
    auth=django_auth,
    openapi_extra={
        "responses": {"200": {"description": "Markdown", "content": {"text/markdown": {}}}}
    },
)
def api_transcript_markdown(request: HttpRequest, transcript_id: int) -> HttpResponse:
    """The transcript as a Markdown download (audited)."""
    transcript = transcripts.transcript_read(
        user=request.user, transcript_id=transcript_id, now=timezone.now(), download=True
    )
    response = HttpResponse(
        transcripts.transcript_markdown(transcript), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="circles-transcript-{transcript.id}.md"'
    )
    return response


@api.get(
    "/transcripts/{transcript_id}",
    response={200: TranscriptOut, 401: Detail, 404: Detail, 422: ValidationErrorOut},
    auth=django_auth,
)
def api_transcript(request: HttpRequest, transcript_id: int) -> dict[str, object]:
    """One anonymised transcript (audited). Missing and not yours are the same 404."""
    transcript = transcripts.transcript_read(
        user=request.user, transcript_id=transcript_id, now=timezone.now(), download=False
    )
    return _transcript_out(transcript)


class ExportAccountOut(Schema):
    username: str
    joined: datetime


class ExportMembershipOut(Schema):
    group: str
    group_name: str
    pseudonym: str
    role: str
    state: str
    joined: datetime


class ExportMessageOut(Schema):
    group: str
    session: int | None
    seq: int | None
    state: str
    text: str
    created: datetime


class ExportOut(Schema):
    account: ExportAccountOut
    memberships: list[ExportMembershipOut]
    messages: list[ExportMessageOut]


class EraseIn(Schema):
    confirm: bool


class EraseOut(Schema):
    messages: int
    memberships: int


@api.get("/me/export", response={200: ExportOut, 401: Detail}, auth=django_auth)
def api_export(request: HttpRequest) -> dict[str, object]:
    """Everything of the caller's: account, memberships with pseudonyms, messages."""
    return own_data.own_data_export(user=request.user)


@api.post(
    "/me/erase",
    response={200: EraseOut, 400: Detail, 401: Detail, 403: Detail, 422: ValidationErrorOut},
    auth=django_auth,
)
def api_erase(request: HttpRequest, payload: EraseIn) -> Status[Any]:
    """Erase the caller: messages everywhere (transcripts included), pseudonyms, account.
    ``{"confirm": true}`` is required; it cannot be undone."""
    if not payload.confirm:
        return Status(400, {"detail": 'Send {"confirm": true} to erase your account.'})
    counts = own_data.own_data_erase(user=request.user, now=timezone.now())
    logout(request)
    return Status(200, counts)
