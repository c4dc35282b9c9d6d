"""Recovery reminders: a SQLite store, a schedule with per-kind policies, the plan and voice answers.

Modules: ``store`` (database), ``schedule`` (when to speak), ``parse`` (times and recurrences),
``plan`` (the recovery plan and date answers), ``voice`` (the patient's spoken replies), ``cli``.
"""
