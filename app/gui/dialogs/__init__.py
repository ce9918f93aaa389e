"""Dialogs of the workspace: each returns values; the main window turns them into commands."""
