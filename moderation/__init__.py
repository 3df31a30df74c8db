"""The moderation app (Django): screen records, flags, holds, escalations, crisis resources.

The pure screen every message passes is the subpackage ``moderation.screen``; this package
imports nothing, so ``import moderation.screen`` loads no Django.
"""
