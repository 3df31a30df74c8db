"""Create the demo data of SPEC 6, idempotently (and load rooms with --rooms N)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from groups import selectors
from groups.models import Group, Membership
from groups.services import groups, memberships, roles, sessions

DEMO_AGREEMENT = """\
1. What is shared here stays here.
2. Speak from your own experience; no advice about medication or diagnoses.
3. Be kind. No insults, no harassment.
4. No contact details, no meeting offline, no money.
5. If you are in danger now, use "Get help now" or call your local emergency number.
"""

DEMO_MEMBERS = [
    ("member1", "Willow"),
    ("member2", "River"),
    ("member3", "Sparrow"),
    ("member4", "Juniper"),
]
LOAD_MEMBERS = 12


class Command(BaseCommand):
    help = "Create the demo group, users and open session (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rooms", type=int, default=0, help="Also create load-1..load-N.")
        parser.add_argument("--force", action="store_true", help="Run even with DJANGO_DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates users with a known password; it refuses to run with "
                "DJANGO_DEBUG off. Pass --force if you really mean it."
            )
        rooms = options["rooms"]
        if rooms < 0:
            raise CommandError("--rooms must be 0 or more.")
        # An empty DEMO_PASSWORD must not leave accounts with empty passwords.
        password = os.environ.get("DEMO_PASSWORD") or "circles-demo"
        with transaction.atomic():
            self._seed_demo(password)
            for n in range(1, rooms + 1):
                self._seed_load_room(n, password)
                if n % 10 == 0 or n == rooms:
                    self.stdout.write(f"load rooms: {n}/{rooms}")
        self.stdout.write(self.style.SUCCESS("Demo data ready (password from $DEMO_PASSWORD)."))

    def _user(self, username: str, password: str, *, staff: bool = False) -> AuthUser:
        # Password hashing is deliberately slow; check each user once per run, not per room.
        cache: dict[str, AuthUser] = self.__dict__.setdefault("_users", {})
        if username in cache:
            return cache[username]
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=username)
        if created or not user.check_password(password):
            user.set_password(password)
        if staff:
            user.is_staff = True
        user.save()
        cache[username] = user
        return user

    def _group(self, slug: str, name: str, topic: str, description: str) -> Group:
        group = Group.objects.filter(slug=slug).first()
        if group is None:
            group = groups.group_create(
                acting_user=None,
                slug=slug,
                name=name,
                topic=topic,
                description=description,
                crisis_region="US",
                agreement_text=DEMO_AGREEMENT,
            )
        groups.room_ensure(group=group)
        return group

    def _member(
        self, user: AuthUser, group: Group, pseudonym: str, role: str, *, accept: bool
    ) -> Membership:
        membership = Membership.objects.filter(user=user, group=group).first()
        if membership is None:
            membership = memberships.membership_add(
                acting_user=None, user=user, group=group, pseudonym=pseudonym, role=role
            )
        agreement = selectors.agreement_current(group_id=group.pk)
        if accept and agreement is not None:
            memberships.agreement_record(membership=membership, version=agreement.version)
        return membership

    def _seed_demo(self, password: str) -> None:
        group = self._group(
            "demo",
            "Evening Support Circle",
            "depression",
            "A weekday evening circle for anyone living with low mood.",
        )
        facilitator = self._user("facilitator", password)
        self._member(facilitator, group, "Facilitator Sam", "facilitator", accept=True)
        memberships.certification_ensure(acting_user=None, user=facilitator, days=365)
        for username, pseudonym in DEMO_MEMBERS:
            user = self._user(username, password)
            self._member(user, group, pseudonym, "member", accept=username != "member4")
        coordinator = self._user("coordinator", password, staff=True)
        group.coordinators.add(coordinator)
        roles.coordinator_role_grant(acting_user=None, user=coordinator)
        self._user("outsider", password)
        sessions.session_open(group_id=group.pk, acting_user=facilitator, now=timezone.now())

    def _seed_load_room(self, n: int, password: str) -> None:
        group = self._group(f"load-{n}", f"Load room {n}", "load", "A room for load tests.")
        facilitator = self._user("facilitator", password)
        self._member(facilitator, group, "Facilitator", "facilitator", accept=True)
        for i in range(1, LOAD_MEMBERS + 1):
            user = self._user(f"loader{i}", password)
            self._member(user, group, f"Loader {i}", "member", accept=True)
        sessions.session_open(group_id=group.pk, acting_user=facilitator, now=timezone.now())
