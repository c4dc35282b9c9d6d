"""Offline voice assistant that reads a patient-information leaflet aloud."""

__version__ = "0.1.0"
