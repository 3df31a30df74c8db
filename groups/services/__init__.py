"""The room domain's writes, one module per concern: ``messages`` (a message's lifecycle and
the only ``seq``), ``sessions`` (the one opener), ``connections`` (presence, typing),
``memberships`` (members, agreements, certifications), ``groups`` and ``roles``.
Each runs in one transaction and sends its events only after commit."""
