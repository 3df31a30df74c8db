"""Ship the default crisis lines (SPEC 4). Facts only: when in doubt, a number is left out.

``last_verified`` is left empty on purpose: these were not checked against the services'
own pages when shipped, and the admin shows that until a coordinator verifies each one.
"""

from django.db import migrations

SOURCE = "Circles default; verify against the service's own site and set last verified"

DEFAULTS = [
    # country, order, name, phone, text, url, hours
    ("US", 1, "988 Suicide & Crisis Lifeline", "988", "text 988", "https://988lifeline.org", "24/7"),
    ("US", 2, "Crisis Text Line", "", "text HOME to 741741", "https://www.crisistextline.org", "24/7"),
    ("US", 9, "Emergency services", "911", "", "", "24/7"),
    ("CA", 1, "9-8-8 Suicide Crisis Helpline", "988", "text 988", "https://988.ca", "24/7"),
    ("CA", 9, "Emergency services", "911", "", "", "24/7"),
    ("GB", 1, "Samaritans", "116 123", "", "https://www.samaritans.org", "24/7"),
    ("GB", 2, "Shout", "", "text SHOUT to 85258", "https://giveusashout.org", "24/7"),
    ("GB", 9, "Emergency services", "999", "", "", "24/7"),
    ("IE", 1, "Samaritans Ireland", "116 123", "", "https://www.samaritans.org/ireland/", "24/7"),
    ("IE", 9, "Emergency services", "112", "", "", "24/7"),
    ("AU", 1, "Lifeline Australia", "13 11 14", "", "https://www.lifeline.org.au", "24/7"),
    ("AU", 9, "Emergency services", "000", "", "", "24/7"),
    ("NZ", 1, "1737 Need to talk?", "1737", "text 1737", "https://1737.org.nz", "24/7"),
    ("NZ", 9, "Emergency services", "111", "", "", "24/7"),
]


def add_defaults(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    for country, order, name, phone, text, url, hours in DEFAULTS:
        CrisisResource.objects.get_or_create(
            country=country,
            name=name,
            defaults={
                "order": order,
                "phone": phone,
                "text": text,
                "url": url,
                "hours": hours,
                "source": SOURCE,
            },
        )


def remove_defaults(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    for country, _order, name, *_ in DEFAULTS:
        CrisisResource.objects.filter(country=country, name=name, source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
