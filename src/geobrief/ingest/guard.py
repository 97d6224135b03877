"""The network guard: geobrief fetches only from public addresses, unless told otherwise.

A feed URL, or a redirect, may point at the machine geobrief runs on (127.0.0.1), at a
cloud metadata service (169.254.169.254) or into a private network. Every connection is
made by ``GuardedBackend``, an httpcore network backend that resolves the host *once*,
refuses the connection when any address it resolves to is not a public one, and then
connects to one of the addresses it checked. So a DNS answer that changes between the
check and the connect cannot slip through: there is no second lookup. TLS is unchanged:
httpcore sends the URL's host name as SNI and checks the certificate against it, and the
request carries the original Host header.

Refused: loopback, private (RFC 1918), link-local, shared address space (CGNAT,
100.64.0.0/10), multicast, unspecified, IPv6 unique-local, and every other address that
is not globally routable (documentation, benchmarking, reserved, broadcast). An IPv4
address carried inside an IPv6 one (IPv4-mapped ``::ffff:a.b.c.d``, IPv4-compatible,
NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``, Teredo) is judged as that IPv4 address. Host
names are resolved by the system resolver, which reads decimal, octal and hexadecimal
spellings of IPv4 (``2130706433``, ``0177.0.0.1``, ``0x7f.1``) as the address they mean.

An operator lets a host through by name (``allow = ["intranet.example"]``: connections to
that host are not checked) or by network (``allow = ["10.1.2.0/24"]``: addresses in it
pass), in the sources file or the setting ``allow_hosts``.

What it does not cover: a proxy (geobrief ignores ``HTTP_PROXY`` and friends when it
fetches, since a proxy would connect on its behalf to addresses it cannot check), and an
injected transport (``Fetcher(transport=...)``, for tests), which replaces the guarded one.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import httpcore
import httpx

from geobrief.errors import Code, GeobriefError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

_NET = ipaddress.ip_network
# (network, reason), checked in order; anything else not globally routable is "reserved"
_REFUSED: tuple[tuple[Network, str], ...] = (
    (_NET("0.0.0.0/8"), "unspecified"),
    (_NET("::/128"), "unspecified"),
    (_NET("127.0.0.0/8"), "loopback"),
    (_NET("::1/128"), "loopback"),
    (_NET("10.0.0.0/8"), "private"),
    (_NET("172.16.0.0/12"), "private"),
    (_NET("192.168.0.0/16"), "private"),
    (_NET("100.64.0.0/10"), "shared address space (CGNAT)"),
    (_NET("169.254.0.0/16"), "link-local"),
    (_NET("fe80::/10"), "link-local"),
    (_NET("224.0.0.0/4"), "multicast"),
    (_NET("ff00::/8"), "multicast"),
    (_NET("fc00::/7"), "unique-local"),
    (_NET("fec0::/10"), "site-local"),
    (_NET("255.255.255.255/32"), "broadcast"),
)
_NAT64 = (_NET("64:ff9b::/96"),)
_NAT64_LOCAL = _NET("64:ff9b:1::/48")
_COMPATIBLE = _NET("::/96")  # deprecated IPv4-compatible addresses (::a.b.c.d)


class AddressRefused(GeobriefError):
    """A connection the network guard refused (GB118)."""

    code = Code.ADDRESS_REFUSED

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}", Code.ADDRESS_REFUSED)
        self.host = host
        self.reason = reason


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4,
    Teredo client), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _COMPATIBLE and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def refused_reason(ip: IPAddress) -> str | None:
    """Why a connection to ``ip`` is refused ("loopback", "private", ...), None when it is
    a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%")[0])
        inner = embedded_ipv4(ip)
        if inner is not None:
            reason = refused_reason(inner)
            return f"{reason} ({inner} inside {ip})" if reason else None
        if ip in _NAT64_LOCAL:
            return "reserved (local-use NAT64)"
    for network, reason in _REFUSED:
        if ip.version == network.version and ip in network:
            return reason
    if not ip.is_global:
        return "reserved (not globally routable)"
    return None


@dataclass(frozen=True)
class NetworkPolicy:
    """Which hosts and networks the guard lets through although they are not public."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[str]) -> NetworkPolicy:
        """From entries that are host names or IP networks ("10.1.2.0/24", "127.0.0.1")."""
        hosts: set[str] = set()
        networks: list[Network] = []
        for entry in entries:
            entry = entry.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(host_key(entry))
        return cls(frozenset(hosts), tuple(networks))

    def allows_host(self, host: str) -> bool:
        return host_key(host) in self.hosts

    def check(self, host: str, address: str) -> None:
        """Raise AddressRefused when ``host`` resolved to ``address`` may not be reached."""
        if self.allows_host(host):
            return
        ip = ipaddress.ip_address(address.split("%")[0])
        if any(ip.version == n.version and ip in n for n in self.networks):
            return
        reason = refused_reason(ip)
        if reason is not None:
            shown = host if host == address else f"{host} ({address})"
            raise AddressRefused(shown, f"refused: {reason} address (allow the host in the "
                                        "sources file or the setting allow_hosts to fetch it)")


def host_key(host: str) -> str:
    """A host name as the allow list compares it: lower case, no trailing dot or brackets."""
    return host.strip().strip("[]").rstrip(".").lower()


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, once each."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
    found: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in found:
            found.append(address)
    return found


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend with the guard's check between resolving and
    connecting (see the module docstring)."""

    def __init__(self, policy: NetworkPolicy, resolver: Resolver = system_resolver) -> None:
        self.policy = policy
        self.resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None,
                    ) -> httpcore.NetworkStream:
        addresses = list(self.resolver(host, port))
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: no address")
        for address in addresses:  # every address, so no answer order lets one through
            self.policy.check(host, address)
        error: Exception | None = None
        for address in addresses:  # connect to an address that was checked, never re-resolve
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose every connection goes through the
    guard. ``resolver`` can be injected (tests give answers that change between calls)."""

    def __init__(self, policy: NetworkPolicy | None = None,
                 resolver: Resolver = system_resolver, max_connections: int = 20,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(trust_env=False)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=GuardedBackend(policy or NetworkPolicy(), resolver),
        )
