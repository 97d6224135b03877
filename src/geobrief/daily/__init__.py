"""The daily cycle: the sources file and `geobrief run` (fetch what is due, ingest,
update, draft the edition at its time)."""
