"""Benchmarks: figures for accuracy and speed, printed by `run.py bench` or run as modules."""
