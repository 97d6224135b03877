"""Known outlets: home country and kind, from a YAML registry, matched by domain or name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from geobrief.errors import Code, IngestError
from geobrief.ingest.normalise import domain_of
from geobrief.models import Outlet


@dataclass
class OutletRegistry:
    by_domain: dict[str, Outlet] = field(default_factory=dict)
    by_name: dict[str, Outlet] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None) -> OutletRegistry:
        registry = cls()
        if path is None:
            return registry
        try:
            entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError) as exc:
            raise IngestError(
                str(path), f"cannot read outlets file: {exc}", Code.NOT_FOUND
            ) from exc
        for entry in entries:
            registry.add(
                Outlet(entry["name"], entry.get("domain"), entry.get("country"), entry.get("kind"))
            )
        return registry

    def add(self, outlet: Outlet) -> None:
        self.by_name[outlet.name.lower()] = outlet
        if outlet.domain:
            self.by_domain[outlet.domain.lower()] = outlet

    def resolve(self, name: str | None, url: str | None) -> Outlet:
        """The registered outlet for a name or URL, else a new one named as well as we can."""
        domain = domain_of(url) if url else None
        if domain and domain in self.by_domain:
            return self.by_domain[domain]
        if name and name.lower() in self.by_name:
            return self.by_name[name.lower()]
        if name and name.lower() in self.by_domain:
            return self.by_domain[name.lower()]
        label = (name or domain or "unknown outlet").strip()
        return Outlet(label, domain)
