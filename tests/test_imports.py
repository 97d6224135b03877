"""Every module of geobrief imports on its own, whatever was imported before it.

A circular import shows only when a module is imported first: ``import
geobrief.relevance`` before ``geobrief.compose`` failed (relevance needs
``compose.evidence``, whose package loaded the composer, which needs relevance). Each
module is imported here in one fresh interpreter with geobrief's modules cleared between.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys
import geobrief
names = sorted(m.name for m in pkgutil.walk_packages(geobrief.__path__, "geobrief.")
               if ".migrations" not in m.name)
failed = []
for name in names:
    for loaded in [k for k in sys.modules if k == "geobrief" or k.startswith("geobrief.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{name}: {exc}")
print(len(names))
print("\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True, timeout=600).stdout.splitlines()
    assert int(out[0]) > 100
    assert [line for line in out[1:] if line] == []
