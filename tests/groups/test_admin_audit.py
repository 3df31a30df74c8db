"""Writes in the Django admin are audited (groups/admin_audit.py): one row per add, change
and delete, in the write's transaction, naming the fields changed but never their values;
a rejected form writes nothing; and the rows show in the audit log's own admin page."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from groups.models import (
    Agreement,
    AgreementAcceptance,
    AuditEntry,
    Certification,
    Group,
    Membership,
    Session,
)
from groups.services import roles
from moderation.models import CrisisResource
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

# What a person types into the forms: none of it may reach an audit row.
PSEUDONYM = "Quiet Heron"
NEW_PSEUDONYM = "Morning Fox"
AGREEMENT_TEXT = "We listen first. Nothing said here leaves the room."
LINE_NAME = "Harbour Night Line"
LINE_PHONE = "0800 555 0199"


@pytest.fixture
def coordinator(group: Group) -> User:
    user = User.objects.create_user("coord", password="pw-coord")
    roles.coordinator_role_grant(acting_user=None, user=user)
    group.coordinators.add(user)
    return user


@pytest.fixture
def coordinator_client(coordinator: User) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser("root", password="pw-root")


@pytest.fixture
def superuser_client(superuser: User) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def admin_rows() -> list[AuditEntry]:
    """The rows the admin wrote (services write their own, e.g. group_create), oldest first."""
    return list(AuditEntry.objects.filter(action__startswith="admin_").order_by("pk"))


def assert_no_values(rows: list[AuditEntry], *values: str) -> None:
    """None of ``values`` (what was typed) is anywhere in the rows."""
    for row in rows:
        stored = json.dumps(row.detail) + row.action + row.target_type + row.target_id
        for value in values:
            assert value not in stored, (row.action, value)


def assert_saved(response: Any) -> None:
    """The admin redirects after a successful save or delete; a 200 is the form again."""
    errors = ""
    if response.status_code == 200 and response.context is not None:
        form = response.context.get("adminform")
        errors = str(form.form.errors) if form is not None else ""
    assert response.status_code == 302, errors


def membership_form(group: Group, user: User, pseudonym: str, **extra: str) -> dict[str, Any]:
    return {
        "user": user.pk,
        "group": group.pk,
        "role": "member",
        "pseudonym": pseudonym,
        "state": "active",
        "muted_until_0": "",
        "muted_until_1": "",
        "removed_from_session": "",
        **extra,
    }


def session_form(group: Group, **extra: str) -> dict[str, Any]:
    data = {"group": group.pk, "state": "scheduled", "opened_by": ""}
    for field in ("scheduled_start", "scheduled_end", "opened_at", "closed_at"):
        data[f"{field}_0"] = data[f"{field}_1"] = ""
    return {**data, **extra}


def crisis_form(**extra: str) -> dict[str, Any]:
    return {
        "country": "GB",
        "name": LINE_NAME,
        "phone": LINE_PHONE,
        "text": "",
        "url": "",
        "hours": "24/7",
        "last_verified": "",
        "source": "",
        "order": "0",
        "active": "on",
        **extra,
    }


# --- A coordinator ---------------------------------------------------------------------------


def test_a_membership_added_changed_and_deleted_is_audited_without_the_pseudonym(
    group: Group, coordinator: User, coordinator_client: Client
) -> None:
    person = User.objects.create_user("newcomer", password="x")
    url = "/admin/groups/membership/"

    assert_saved(coordinator_client.post(f"{url}add/", membership_form(group, person, PSEUDONYM)))
    membership = Membership.objects.get(user=person, group=group)
    [added] = admin_rows()
    assert (added.actor, added.action, added.target_type, added.target_id, added.group_id) == (
        coordinator,
        "admin_add_membership",
        "membership",
        str(membership.pk),
        group.pk,
    )
    assert "pseudonym" in added.detail["fields"]

    changed_form = membership_form(group, person, NEW_PSEUDONYM, role="facilitator")
    assert_saved(coordinator_client.post(f"{url}{membership.pk}/change/", changed_form))
    [_, changed] = admin_rows()
    assert (changed.actor, changed.action, changed.target_id, changed.group_id) == (
        coordinator,
        "admin_change_membership",
        str(membership.pk),
        group.pk,
    )
    assert sorted(changed.detail["fields"]) == ["pseudonym", "role"]

    assert_saved(coordinator_client.post(f"{url}{membership.pk}/delete/", {"post": "yes"}))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    [_, _, deleted] = admin_rows()
    assert (deleted.actor, deleted.action, deleted.target_id, deleted.group_id) == (
        coordinator,
        "admin_delete_membership",
        str(membership.pk),
        group.pk,
    )
    assert_no_values(admin_rows(), PSEUDONYM, NEW_PSEUDONYM, "newcomer")


def test_a_session_added_changed_and_deleted_is_audited(
    group: Group, coordinator: User, coordinator_client: Client
) -> None:
    url = "/admin/groups/session/"
    start = timezone.localtime() + timedelta(days=2)
    when = {"scheduled_start_0": start.strftime("%Y-%m-%d"), "scheduled_start_1": "18:00:00"}

    assert_saved(coordinator_client.post(f"{url}add/", session_form(group, **when)))
    session = Session.objects.filter(group=group, state="scheduled").get()
    assert_saved(
        coordinator_client.post(
            f"{url}{session.pk}/change/",
            session_form(
                group, **when, scheduled_end_0=when["scheduled_start_0"], scheduled_end_1="19:30:00"
            ),
        )
    )
    assert_saved(coordinator_client.post(f"{url}{session.pk}/delete/", {"post": "yes"}))

    rows = admin_rows()
    assert [(r.action, r.target_type, r.target_id, r.group_id, r.actor) for r in rows] == [
        ("admin_add_session", "session", str(session.pk), group.pk, coordinator),
        ("admin_change_session", "session", str(session.pk), group.pk, coordinator),
        ("admin_delete_session", "session", str(session.pk), group.pk, coordinator),
    ]
    assert rows[1].detail == {"fields": ["scheduled_end"]}
    assert rows[2].detail == {}
    assert_no_values(rows, "18:00", "19:30", when["scheduled_start_0"])


def test_a_crisis_resource_added_changed_and_deleted_is_audited_with_no_group(
    coordinator: User, coordinator_client: Client
) -> None:
    url = "/admin/moderation/crisisresource/"
    assert_saved(coordinator_client.post(f"{url}add/", crisis_form()))
    line = CrisisResource.objects.get(name=LINE_NAME)
    assert_saved(
        coordinator_client.post(f"{url}{line.pk}/change/", crisis_form(hours="18:00-06:00"))
    )
    assert_saved(coordinator_client.post(f"{url}{line.pk}/delete/", {"post": "yes"}))

    rows = admin_rows()
    assert [(r.action, r.target_type, r.target_id, r.group_id, r.actor) for r in rows] == [
        ("admin_add_crisisresource", "crisisresource", str(line.pk), None, coordinator),
        ("admin_change_crisisresource", "crisisresource", str(line.pk), None, coordinator),
        ("admin_delete_crisisresource", "crisisresource", str(line.pk), None, coordinator),
    ]
    assert rows[1].detail == {"fields": ["hours"]}
    assert_no_values(rows, LINE_NAME, LINE_PHONE, "18:00-06:00", "24/7")


def test_a_certification_added_changed_and_deleted_is_audited(
    coordinator: User, coordinator_client: Client
) -> None:
    facilitator = User.objects.create_user("fac", password="x")
    url = "/admin/groups/certification/"
    form = {"user": facilitator.pk, "certified_on": "2025-01-15", "expires_on": "2026-01-15"}
    assert_saved(coordinator_client.post(f"{url}add/", form))
    certification = Certification.objects.get(user=facilitator)
    assert_saved(
        coordinator_client.post(
            f"{url}{certification.pk}/change/", {**form, "expires_on": "2027-03-01"}
        )
    )
    assert Certification.objects.get(pk=certification.pk).expires_on == date(2027, 3, 1)
    assert_saved(coordinator_client.post(f"{url}{certification.pk}/delete/", {"post": "yes"}))

    rows = admin_rows()
    assert [(r.action, r.target_id, r.group_id, r.actor) for r in rows] == [
        ("admin_add_certification", str(certification.pk), None, coordinator),
        ("admin_change_certification", str(certification.pk), None, coordinator),
        ("admin_delete_certification", str(certification.pk), None, coordinator),
    ]
    assert rows[1].detail == {"fields": ["expires_on"]}
    assert_no_values(rows, "2025-01-15", "2027-03-01")


def test_an_agreement_edited_inline_on_its_group_is_audited_without_its_text(
    group: Group, coordinator: User, coordinator_client: Client
) -> None:
    """Agreements are edited on their group's page: each inline object gets its own row."""
    current = Agreement.objects.get(group=group)
    form = {
        "slug": group.slug,
        "name": group.name,
        "topic": group.topic,
        "description": "",
        "capacity": str(group.capacity),
        "crisis_region": group.crisis_region,
        "moderation_policy": "{}",
        # A field with a callable default carries its initial value in a hidden input,
        # which is what the admin compares with to know whether it changed.
        "initial-moderation_policy": "{}",
        "coordinators": [coordinator.pk],
        "agreements-TOTAL_FORMS": "2",
        "agreements-INITIAL_FORMS": "1",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "1000",
        "agreements-0-id": str(current.pk),
        "agreements-0-group": str(group.pk),
        "agreements-0-version": "1",
        "agreements-0-text": current.text,
        "agreements-1-id": "",
        "agreements-1-group": str(group.pk),
        "agreements-1-version": "2",
        "agreements-1-text": AGREEMENT_TEXT,
    }
    assert_saved(coordinator_client.post(f"/admin/groups/group/{group.pk}/change/", form))
    new = Agreement.objects.get(group=group, version=2)

    rows = admin_rows()
    assert [(r.action, r.target_type, r.target_id, r.group_id, r.actor) for r in rows] == [
        ("admin_change_group", "group", str(group.pk), group.pk, coordinator),
        ("admin_add_agreement", "agreement", str(new.pk), group.pk, coordinator),
    ]
    # Saving the group's page changed none of the group's own fields: the row says who
    # saved it, with no fields.
    assert rows[0].detail == {"fields": []}
    assert sorted(rows[1].detail["fields"]) == ["text", "version"]
    assert_no_values(rows, AGREEMENT_TEXT)

    # Deleting the old version inline: a row with the pk it had.
    form.update(
        {
            "agreements-INITIAL_FORMS": "2",
            "agreements-0-DELETE": "on",
            "agreements-1-id": str(new.pk),
        }
    )
    assert_saved(coordinator_client.post(f"/admin/groups/group/{group.pk}/change/", form))
    assert not Agreement.objects.filter(pk=current.pk).exists()
    assert [(r.action, r.target_id) for r in admin_rows()[2:]] == [
        ("admin_change_group", str(group.pk)),
        ("admin_delete_agreement", str(current.pk)),
    ]


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/admin/groups/membership/add/", "bad_membership"),
        ("/admin/groups/session/add/", "bad_session"),
        ("/admin/moderation/crisisresource/add/", "bad_crisis"),
        ("/admin/groups/certification/add/", "bad_certification"),
    ],
)
def test_a_rejected_form_writes_no_audit_row(
    group: Group, coordinator_client: Client, url: str, form: str
) -> None:
    taken = make_member(group, "alice", pseudonym=PSEUDONYM)
    person = User.objects.create_user("newcomer", password="x")
    forms = {
        # The pseudonym is already someone's in this group.
        "bad_membership": membership_form(group, person, PSEUDONYM),
        "bad_session": session_form(group, state="not-a-state"),
        "bad_crisis": crisis_form(url="not a url"),
        "bad_certification": {"user": person.pk, "certified_on": "soon", "expires_on": ""},
    }
    before = AuditEntry.objects.count()
    response = coordinator_client.post(url, forms[form])
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert AuditEntry.objects.count() == before
    assert Membership.objects.filter(group=group).get() == taken


def test_a_rejected_change_writes_no_audit_row(
    group: Group, member: Membership, coordinator_client: Client
) -> None:
    before = AuditEntry.objects.count()
    response = coordinator_client.post(
        f"/admin/groups/membership/{member.pk}/change/",
        membership_form(group, member.user, "", role="facilitator"),
    )
    assert response.status_code == 200
    assert AuditEntry.objects.count() == before
    member.refresh_from_db()
    assert member.role == "member"


def test_the_rows_show_in_the_audit_log_admin(group: Group, coordinator_client: Client) -> None:
    assert_saved(coordinator_client.post("/admin/groups/session/add/", session_form(group)))
    [row] = admin_rows()
    listing = coordinator_client.get("/admin/groups/auditentry/?action=admin_add_session")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "admin_add_session" in body and "coord" in body
    # The log is view only, for coordinators as for everyone.
    page = coordinator_client.get(f"/admin/groups/auditentry/{row.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert coordinator_client.post(f"/admin/groups/auditentry/{row.pk}/delete/").status_code == 403


# --- A superuser ---------------------------------------------------------------------------


def test_a_superusers_edits_are_audited_as_theirs(
    group: Group, superuser: User, superuser_client: Client
) -> None:
    person = User.objects.create_user("newcomer", password="x")
    assert_saved(
        superuser_client.post(
            "/admin/groups/membership/add/", membership_form(group, person, PSEUDONYM)
        )
    )
    assert_saved(superuser_client.post("/admin/moderation/crisisresource/add/", crisis_form()))
    rows = admin_rows()
    assert [(r.action, r.actor, r.group_id) for r in rows] == [
        ("admin_add_membership", superuser, group.pk),
        ("admin_add_crisisresource", superuser, None),
    ]
    assert_no_values(rows, PSEUDONYM, LINE_NAME, LINE_PHONE)


def test_delete_selected_writes_one_row_per_object(
    group: Group, superuser: User, superuser_client: Client
) -> None:
    sessions = [Session.objects.create(group=group) for _ in range(2)]
    certified = [
        Certification.objects.create(
            user=User.objects.create_user(f"fac{n}"),
            certified_on=date(2025, 1, 1),
            expires_on=date(2026, 1, 1),
        )
        for n in range(2)
    ]
    for url, objects in (
        ("/admin/groups/session/", sessions),
        ("/admin/groups/certification/", certified),
    ):
        response = superuser_client.post(
            url,
            {
                "action": "delete_selected",
                "_selected_action": [o.pk for o in objects],
                "post": "yes",
            },
        )
        assert response.status_code == 302
    assert not Session.objects.filter(pk__in=[s.pk for s in sessions]).exists()
    assert sorted((r.action, r.target_id, r.group_id, r.actor) for r in admin_rows()) == sorted(
        [("admin_delete_session", str(s.pk), group.pk, superuser) for s in sessions]
        + [("admin_delete_certification", str(c.pk), None, superuser) for c in certified]
    )


def test_an_acceptance_deleted_is_audited_under_its_memberships_group(
    group: Group, member: Membership, superuser_client: Client
) -> None:
    acceptance = AgreementAcceptance.objects.get(membership=member)
    url = f"/admin/groups/agreementacceptance/{acceptance.pk}/delete/"
    assert_saved(superuser_client.post(url, {"post": "yes"}))
    [row] = admin_rows()
    assert (row.action, row.target_id, row.group_id) == (
        "admin_delete_agreementacceptance",
        str(acceptance.pk),
        group.pk,
    )


def test_a_deleted_group_keeps_its_row_with_the_group_named_by_target(
    group: Group, member: Membership, superuser_client: Client
) -> None:
    """The group's audit rows lose their group link when it goes (SET_NULL), the row of its
    deletion included; the target id still says which group it was."""
    pk = group.pk
    assert_saved(superuser_client.post(f"/admin/groups/group/{pk}/delete/", {"post": "yes"}))
    assert not Group.objects.filter(pk=pk).exists()
    [row] = admin_rows()
    assert (row.action, row.target_type, row.target_id, row.group_id) == (
        "admin_delete_group",
        "group",
        str(pk),
        None,
    )


def test_a_failed_write_leaves_no_row(
    group: Group, coordinator_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The row and the write share a transaction: if the save fails after the row is
    written, both are rolled back."""
    from groups.admin import SessionAdmin

    def broken_save_related(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the save fails after the audit row")

    monkeypatch.setattr(SessionAdmin, "save_related", broken_save_related)
    before = (AuditEntry.objects.count(), Session.objects.count())
    with pytest.raises(RuntimeError):
        coordinator_client.post("/admin/groups/session/add/", session_form(group))
    assert (AuditEntry.objects.count(), Session.objects.count()) == before
