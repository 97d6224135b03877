"""geobrief: world news in, a cited daily geopolitical briefing out.

The library is the product; the ``geobrief`` command is a thin layer over it.
The pipeline runs ingest -> store -> analyse -> stories -> compose -> publish,
each stage reading what the previous one stored.
"""

__version__ = "0.1.0"
