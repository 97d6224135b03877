"""Known outlets: home country and kind, from a YAML registry, matched by domain or name.

A registered outlet is also a promise about provenance: content fetched from a URL may
claim a registered outlet only when the URL's host is the outlet's domain (or one of its
``hosts``, such as a separate feed server); otherwise the article is labelled by the host
it came from (``vouched``). Local files are the operator's own choice and keep the outlet
they declare."""

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
    by_host: dict[str, Outlet] = field(default_factory=dict)  # feed servers of an outlet

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
        if not isinstance(entries, list):
            raise IngestError(str(path), "outlets file is not a list of outlets", Code.BAD_FIELD)
        for n, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise IngestError(f"{path} entry {n}", "an outlet needs a name", Code.BAD_FIELD)
            fields = {k: entry.get(k) for k in ("domain", "country", "kind")}
            if any(v is not None and not isinstance(v, str) for v in fields.values()):
                raise IngestError(f"{path} entry {n}", "domain, country and kind are text",
                                  Code.BAD_FIELD)
            hosts = entry.get("hosts") or []
            if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
                raise IngestError(f"{path} entry {n}", "hosts is a list of host names",
                                  Code.BAD_FIELD)
            registry.add(Outlet(entry["name"], **fields), hosts)
        return registry

    def add(self, outlet: Outlet, hosts: list[str] | None = None) -> None:
        self.by_name[outlet.name.lower()] = outlet
        if outlet.domain:
            self.by_domain[outlet.domain.lower()] = outlet
        for host in hosts or []:
            self.by_host[host.lower()] = outlet

    def owner(self, host: str) -> Outlet | None:
        """The registered outlet a host belongs to (its domain, a subdomain, or a host)."""
        host = host.lower()
        if host in self.by_host:
            return self.by_host[host]
        parts = host.split(".")
        for n in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[n:]))
            if found is not None:
                return found
        return None

    def vouched(self, outlet: Outlet, source_url: str) -> Outlet:
        """The outlet an article fetched from ``source_url`` may carry: the registered
        owner of the URL's host; the claimed outlet when it is not a registered one or the
        host belongs to it; else the host itself (the claim stays metadata)."""
        host = domain_of(source_url)
        if host is None:
            return outlet
        owner = self.owner(host)
        if owner is not None:
            return owner
        if outlet not in self.by_name.values() or not outlet.domain:
            return outlet
        return Outlet(host, host)

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
