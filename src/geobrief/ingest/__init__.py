"""Ingest: fetch, parse, sanitise and normalise sources into articles, then store them."""

from geobrief.ingest.sources import IngestReport, ingest_sources

__all__ = ["IngestReport", "ingest_sources"]
