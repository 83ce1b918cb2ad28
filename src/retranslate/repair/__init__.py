"""Repair: turn findings into edits and apply them."""
