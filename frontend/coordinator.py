"""The coordinator page: escalations of the groups one coordinates, the ladder's buttons,
notes, and the groups' crisis lines. Thin: reads from and writes through
``moderation.coordinators``. Anyone who coordinates no group gets the same 404 as any page
that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from groups.errors import ServiceError
from moderation import coordinators
from moderation.selectors import crisis_resources_for

# The buttons: form value → (state it moves to, visible label). Labels are SPEC 6's names.
LADDER: dict[str, tuple[str, str]] = {
    "acknowledge": ("acknowledged", "Acknowledge"),
    "in_contact": ("in_contact", "In contact"),
    "handed_off": ("handed_off", "Handed off"),
    "close": ("closed", "Close"),
}


def _require_coordinator(request: HttpRequest) -> None:
    if not coordinators.is_coordinator(user=request.user):
        raise Http404("No such page.")


@login_required
@require_GET
def coordinator_page(request: HttpRequest) -> HttpResponse:
    """Escalations (live first) with their history and next steps; crisis lines per region."""
    _require_coordinator(request)
    groups = list(coordinators.coordinated_groups(user=request.user))
    escalations = coordinators.coordinator_escalations(user=request.user)
    histories = coordinators.escalation_histories(escalations)
    items: list[dict[str, Any]] = []
    for escalation in escalations:
        allowed = coordinators.coordinator_steps(escalation.state)
        items.append(
            {
                "escalation": escalation,
                "pseudonym": escalation.flag.message.author_pseudonym,
                "history": histories[escalation.pk],
                "actions": [
                    (value, label) for value, (state, label) in LADDER.items() if state in allowed
                ],
                "overdue": escalation.state == "open" and escalation.ack_deadline <= timezone.now(),
            }
        )
    regions = sorted({g.crisis_region for g in groups})
    resources = [
        (
            region,
            ", ".join(g.name for g in groups if g.crisis_region == region),
            crisis_resources_for(region=region),
        )
        for region in regions
    ]
    # The same count the live badge polls: the caller's pages still waiting for someone.
    waiting = sum(1 for page in coordinators.coordinator_pages(user=request.user) if page.waiting)
    context = {
        "items": items,
        "groups": groups,
        "resources": resources,
        "waiting": waiting,
        "pages_url": reverse("api:coordinator_pages"),
    }
    return render(request, "frontend/coordinator.html", context)


@login_required
@require_POST
def coordinator_act(request: HttpRequest, escalation_id: int) -> HttpResponse:
    """One button of the ladder, or a note; then back to the page at that escalation."""
    _require_coordinator(request)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    now = timezone.now()
    try:
        if action == "note":
            coordinators.coordinator_escalation_note(
                acting_user=request.user,  # type: ignore[arg-type]
                escalation_id=escalation_id,
                text=note,
                now=now,
            )
            messages.success(request, "Note added.")
        elif action in LADDER:
            state, label = LADDER[action]
            coordinators.coordinator_escalation_update(
                acting_user=request.user,  # type: ignore[arg-type]
                escalation_id=escalation_id,
                state=state,
                note=note,
                now=now,
            )
            messages.success(request, f"Escalation {escalation_id}: {label.lower()}.")
        else:
            messages.error(request, "That is not something an escalation can do.")
    except ServiceError as exc:
        if exc.code == "not_found":
            raise Http404("No such page.") from None
        messages.error(request, exc.detail)
    return redirect(f"{reverse('coordinator')}#escalation-{escalation_id}")
