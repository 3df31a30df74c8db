"""``python -m moderation``: see ``moderation.screen.cli`` (imports no Django)."""

import sys

from moderation.screen.cli import main

sys.exit(main())
