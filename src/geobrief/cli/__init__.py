"""The ``geobrief`` command: a thin click layer over the library."""

from geobrief.cli.main import cli, main

__all__ = ["cli", "main"]
