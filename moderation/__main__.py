"""``python -m moderation``: ``moderation.screen.cli`` (classify, eval) and
``moderation.redaction.cli`` (redact, redact-eval); neither imports Django."""

import sys

if sys.argv[1:2] and sys.argv[1] in {"redact", "redact-eval"}:
    from moderation.redaction.cli import main
else:
    from moderation.screen.cli import main

sys.exit(main())
