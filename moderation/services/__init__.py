"""The moderation app's writes, one module per concern: ``submission`` (a member's send:
screen, then groups' message lifecycle, then review items), ``review_items`` (flags, holds
and escalations opened for a message or a report), ``reviews`` (the one transition of any
review item or escalation), ``escalations`` (paging coordinators), ``notes`` and
``crisis_cards``."""
