from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Groups, rooms and messages"

    def ready(self) -> None:
        # Revocation: logging out, an admin's ban or removal close the sockets at once.
        from groups import revocation  # noqa: F401
