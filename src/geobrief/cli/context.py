"""What every command shares: the application object, and messages on stderr."""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from geobrief.app import Geobrief
from geobrief.settings import Settings
from geobrief.store import Store


@dataclass
class Context:
    settings: Settings
    quiet: bool = False
    _app: Geobrief | None = field(default=None, repr=False)

    def app(self) -> Geobrief:
        """The application object of this command (closed when the command ends)."""
        if self._app is None:
            self._app = Geobrief(self.settings)
            click.get_current_context().call_on_close(self._app.close)
        return self._app

    def store(self) -> Store:
        return self.app().store

    def reading(self, update: bool) -> Geobrief:
        """The app for a read command: brought up to date first with ``--update``, else
        a one-line notice on stderr when the store is behind (reads never write)."""
        gb = self.app()
        if update:
            gb.update(self.say)
        else:
            behind = gb.backlog()
            if behind.behind:
                click.echo(f"note: the store is behind ({behind.words()}); run "
                           "`geobrief analyse` or add --update", err=True)
        return gb

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def error(self, message: str) -> None:
        click.echo(f"error: {message}", err=True)


pass_context = click.make_pass_decorator(Context)

update_option = click.option(
    "--update", is_flag=True,
    help="Bring the store up to date first (analyse, place into stories), as `analyse` does.")
