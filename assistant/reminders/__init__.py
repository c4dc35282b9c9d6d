"""Recovery reminders: a SQLite store, a schedule with per-kind policies, the plan and voice answers.

Modules: ``store`` (database), ``schedule`` (when to speak, and the patient's answers), ``parse``
(times and recurrences), ``plan`` (the recovery plan and date answers), ``intents`` (what a
spoken request means), ``voice`` (what the assistant answers), ``cli`` (the carers' commands).
"""
