"""What every command shares: settings, the store, and messages on stderr."""

from __future__ import annotations

from dataclasses import dataclass

import click

from geobrief.settings import Settings
from geobrief.store import Store, open_store


@dataclass
class Context:
    settings: Settings
    quiet: bool = False

    def store(self) -> Store:
        return open_store(self.settings.db, timeout=self.settings.lock_timeout)

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def error(self, message: str) -> None:
        click.echo(f"error: {message}", err=True)


pass_context = click.make_pass_decorator(Context)
