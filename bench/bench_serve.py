"""The web edition under load: `geobrief serve` on a store (the demo's by default, built
first when missing) in a subprocess on a free loopback port, and N concurrent readers
(asyncio + httpx, one connection each) requesting pages for a while; prints requests/s
and latency percentiles per page, and the errors.

    python bench/bench_serve.py                         # 50 readers, 60 s, demo store
    python bench/bench_serve.py --readers 50 --seconds 60 --db geobrief-demo/demo.db
    python bench/bench_serve.py --client httpx          # the heavier httpx client

Traffic goes to 127.0.0.1 only. The load client shares the machine's cores with the
server, so the figures are a floor on what the server alone can do. Target: p95 <= 200 ms
for the edition page on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

# (name, path, share of requests): readers mostly open the edition
PAGES = [("edition /", "/", 0.6), ("edition by date", "/editions/2024-11-21", 0.15),
         ("archive", "/archive", 0.1), ("API latest", "/api/editions/latest", 0.1),
         ("search", "/search?q=missile", 0.05)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_store(folder: Path) -> Path:
    db = folder / "demo.db"
    if not db.exists():
        print(f"building the demo store in {folder} ...", flush=True)
        subprocess.run([sys.executable, "-m", "geobrief", "-q", "demo", "--out", str(folder)],
                       check=True)
    return db


async def reader(client: httpx.AsyncClient, n: int, until: float,
                 results: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(n)  # each reader its own, repeatable mix of pages
    while time.monotonic() < until:
        name, path, _ = rng.choices(PAGES, weights=[w for _, _, w in PAGES])[0]
        started = time.perf_counter()
        try:
            r = await client.get(path)
        except httpx.HTTPError as exc:
            errors.append(f"{path}: {type(exc).__name__}")
            continue
        if r.status_code != 200:
            errors.append(f"{path}: {r.status_code}")
            continue
        results.setdefault(name, []).append(time.perf_counter() - started)


class RawConnection:
    """One keep-alive HTTP/1.1 connection spoken by hand: a load client several times
    lighter than httpx, so that more of the shared cores go to the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        read, write = self.streams
        write.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await write.drain()
        head = await read.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next((int(line.split(":", 1)[1]) for line in lines[1:]
                       if line.lower().startswith("content-length:")), None)
        if length is None:
            raise ValueError("no content-length")
        return status, await read.readexactly(length)


async def raw_reader(base: str, n: int, until: float, results: dict[str, list[float]],
                     errors: list[str]) -> None:
    host, port = base.removeprefix("http://").split(":")
    connection = RawConnection(host, int(port))
    rng = random.Random(n)
    while time.monotonic() < until:
        name, path, _ = rng.choices(PAGES, weights=[w for _, _, w in PAGES])[0]
        started = time.perf_counter()
        try:
            status, _body = await connection.get(path)
        except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
            errors.append(f"{path}: {type(exc).__name__}")
            connection = RawConnection(host, int(port))
            continue
        if status != 200:
            errors.append(f"{path}: {status}")
            continue
        results.setdefault(name, []).append(time.perf_counter() - started)


async def load_raw(base: str, readers: int, seconds: float
                   ) -> tuple[dict[str, list[float]], list[str], float]:
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=base) as client:
        for _, path, _ in PAGES:  # warm up: the first request of each page renders it
            await client.get(path)
    started = time.monotonic()
    await asyncio.gather(*(raw_reader(base, n, started + seconds, results, errors)
                           for n in range(readers)))
    return results, errors, time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def load(base: str, readers: int, seconds: float) -> tuple[dict[str, list[float]],
                                                                  list[str], float]:
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        for _, path, _ in PAGES:  # warm up: the first request of each page renders it
            await client.get(path)
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(reader(client, n, until, results, errors)
                               for n in range(readers)))
        return results, errors, time.monotonic() - started


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", help="store to serve [default: a demo store built here]")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="load client: raw keep-alive HTTP/1.1 (light) or httpx")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="geobrief-bench-serve-"))
    db = Path(args.db) if args.db else demo_store(folder)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "geobrief", "--db", str(db), "serve",
                               "--host", "127.0.0.1", "--port", str(port)],
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        run = load_raw if args.client == "raw" else load
        results, errors, took = asyncio.run(run(base, args.readers, args.seconds))
        server_cpu = cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(20)
    total = sum(len(v) for v in results.values())
    print(f"geobrief serve, SQLite store {db.name}: {args.readers} concurrent readers for "
          f"{took:.0f} s on loopback")
    print(f"all pages: {total} requests, {total / took:.1f} requests/s, {len(errors)} errors")
    print(f"CPU: server {server_cpu:.1f} s ({server_cpu / max(total, 1) * 1000:.2f} ms a "
          f"request), {args.client} client {client_cpu:.1f} s, over {took:.0f} s on "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    print(f"{'page':<18}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, _, _ in PAGES:
        values = results.get(name, [])
        if values:
            print(f"{name:<18}{len(values):>9}{len(values) / took:>8.1f}"
                  f"{statistics.median(values) * 1000:>9.1f}{pct(values, 0.95):>9.1f}"
                  f"{pct(values, 0.99):>9.1f}")
    if errors:
        print("first errors:", errors[:5])


if __name__ == "__main__":
    main()
