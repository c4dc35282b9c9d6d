"""The carers' web page: recovery plan, reminders, today's timeline, the log and speech settings.

Modules: ``server`` (``run.py carer``), ``app`` (the Flask application and its access gate),
``auth`` (PIN, sessions, tokens, lock-out), ``views`` and ``reminder_views`` (pages), ``forms``
(form fields to reminders), ``records`` (changes to the shared reminder store), ``history``
(timeline and log), ``words`` (schedules in carers' words), ``db`` (the page's own tables).
"""

from __future__ import annotations

import argparse


def cmd_carer(args: argparse.Namespace) -> int:
    """``run.py carer``: see ``assistant.carer.server.cmd_carer``."""
    from assistant.carer.server import cmd_carer as run

    return run(args)
