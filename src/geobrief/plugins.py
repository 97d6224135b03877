"""Extension points, as datasette and llm have them: pluggy hooks, found through the
``geobrief`` entry point group. The built-in input formats, sections, renderers and the
extractive writer are registered through the same hooks (``geobrief.builtins``).

A plugin is a module with functions marked ``@geobrief.hookimpl``, named in its
package's metadata::

    [project.entry-points.geobrief]
    toy = "geobrief_toy"

See docs/extending.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

import pluggy

from geobrief.models import ArticleIn, Briefing, StoryBrief

hookspec = pluggy.HookspecMarker("geobrief")
hookimpl = pluggy.HookimplMarker("geobrief")


class InputFormat(Protocol):
    """A kind of input file: its name, the file suffixes it claims (".csv"), and a parser
    from the file's bytes to articles (or coded errors for the items it refuses)."""

    name: str
    suffixes: tuple[str, ...]

    def parse(self, name: str, data: bytes, outlets: Any) -> Iterable[ArticleIn | Exception]:
        ...


class Section(Protocol):
    """A section of every story brief, after the built-in ones: its key in the JSON, its
    title in Markdown and HTML, and ``compose`` writing its lines (each cited) from the
    story's evidence and the brief written so far."""

    key: str
    title: str

    def compose(self, evidence: Any, brief: StoryBrief) -> list[Any]: ...


Renderer = Callable[[Briefing], str]


class Writer(Protocol):
    """Who writes a story's sections from its evidence (``compose.writer.ExtractiveWriter``
    is the default). A line that reports a stored sentence names it (``Line.sentence``),
    so the claim ledger is matched by sentence, whatever the wording."""

    name: str
    generator: str  # how briefings name their writer ("geobrief extractive writer")

    def what_is_happening(self, ev: Any, settings: Any) -> tuple[list[Any], set[int]]: ...

    def what_happens_next(self, ev: Any, used: set[int], settings: Any) -> list[Any]: ...

    def what_is_in_it_for_you(self, ev: Any, found: dict[str, Any], names: dict[str, str],
                              settings: Any) -> tuple[dict[str, list[Any]],
                                                      dict[str, list[Any]]]: ...

    def at_a_glance(self, ev: Any, happening: list[Any], next_lines: list[Any],
                    for_you: dict[str, list[Any]], ties: dict[str, list[Any]],
                    names: dict[str, str]) -> list[Any]: ...


@dataclass(frozen=True)
class BuiltinSection:
    """A built-in section: its key and title (written by the writer, not by ``compose``)."""

    key: str
    title: str
    builtin: bool = True


class Specs:
    @hookspec
    def geobrief_input_formats(self) -> list[InputFormat]:  # type: ignore[empty-body]
        """Input formats this plugin reads."""

    @hookspec
    def geobrief_sections(self) -> list[Section]:  # type: ignore[empty-body]
        """Sections this plugin adds to every story brief."""

    @hookspec
    def geobrief_renderers(self) -> dict[str, Renderer]:  # type: ignore[empty-body]
        """Output formats: name -> function from a Briefing to text."""

    @hookspec
    def geobrief_writers(self) -> dict[str, Any]:  # type: ignore[empty-body]
        """Writers: name -> an object with the writer's methods (see compose.writer)."""


@dataclass
class Registry:
    """What the hooks returned, merged: built-ins first, then plugins by name."""

    formats: list[InputFormat] = field(default_factory=list)
    sections: list[Any] = field(default_factory=list)  # BuiltinSection, then plugin ones
    renderers: dict[str, Renderer] = field(default_factory=dict)
    writers: dict[str, Writer] = field(default_factory=dict)
    plugins: list[str] = field(default_factory=list)

    @property
    def extra_sections(self) -> list[Section]:
        return [s for s in self.sections if not getattr(s, "builtin", False)]

    def writer(self, name: str) -> Writer:
        if name not in self.writers:
            from geobrief.errors import Code, SettingsError

            raise SettingsError(f"unknown writer {name!r} (known: {', '.join(self.writers)})",
                                Code.UNKNOWN_OUTPUT)
        return self.writers[name]


def plugin_manager(load_entry_points: bool = True) -> pluggy.PluginManager:
    from geobrief import builtins

    pm = pluggy.PluginManager("geobrief")
    pm.add_hookspecs(Specs)
    pm.register(builtins, name="geobrief.builtins")
    if load_entry_points:
        pm.load_setuptools_entrypoints("geobrief")
    return pm


def build_registry(pm: pluggy.PluginManager) -> Registry:
    registry = Registry()
    # pluggy calls the last registered first: reverse, so built-ins lead
    for found in reversed(pm.hook.geobrief_input_formats()):
        registry.formats.extend(found)
    for found in reversed(pm.hook.geobrief_sections()):
        registry.sections.extend(found)
    for found in reversed(pm.hook.geobrief_renderers()):
        registry.renderers.update(found)
    for found in reversed(pm.hook.geobrief_writers()):
        registry.writers.update(found)
    registry.plugins = sorted(name for name, _ in pm.list_name_plugin()
                              if name != "geobrief.builtins")
    return registry


@cache
def registry() -> Registry:
    """The registry of this process: built-ins and every installed plugin."""
    return build_registry(plugin_manager())
