"""The network guard (ingest/guard.py), against real sockets on loopback: every refused
range, IPv4 inside IPv6, decimal/octal/hex spellings of an address, the allow list,
redirects checked hop by hop, a DNS answer that changes between check and connect, and
TLS sent with the URL's own host name while connecting to the checked address.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from loopserver import LoopServer, Reply

from geobrief.errors import Code, IngestError
from geobrief.ingest.fetch import Fetcher
from geobrief.ingest.guard import (
    AddressRefused,
    GuardedBackend,
    GuardedTransport,
    NetworkPolicy,
    refused_reason,
)
from geobrief.settings import Settings

SETTINGS = Settings(timeout=5.0, host_delay=0.0)

REFUSED = [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("10.255.255.255", "private"), ("172.16.0.1", "private"),
    ("172.31.255.254", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("169.254.0.1", "link-local"),
    ("fe80::1", "link-local"), ("fe80::1%1", "link-local"),
    ("100.64.0.1", "CGNAT"), ("100.127.255.254", "CGNAT"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("ff05::2", "multicast"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"), ("::", "unspecified"),
    ("fd00::1", "unique-local"), ("fc00::1", "unique-local"),
    ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique-local"),
    ("fec0::1", "site-local"), ("255.255.255.255", "broadcast"),
    ("192.0.2.1", "reserved"), ("198.18.0.1", "reserved"), ("240.0.0.1", "reserved"),
    ("2001:db8::1", "reserved"),
    # IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:7f00:1", "loopback"),
    ("::ffff:10.1.2.3", "private"), ("::ffff:169.254.169.254", "link-local"),
    ("::ffff:100.64.0.1", "CGNAT"), ("::ffff:0.0.0.0", "unspecified"),
    ("::127.0.0.1", "loopback"), ("64:ff9b::7f00:1", "loopback"),
    ("64:ff9b::a9fe:a9fe", "link-local"), ("2002:c0a8:101::1", "private"),
    ("64:ff9b:1::1", "reserved"),
]

PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1",
          "172.15.255.255", "172.32.0.1", "169.253.255.255", "2606:4700:4700::1111",
          "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
          "2002:808:808::1"]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_every_non_public_range_is_refused(address: str, reason: str) -> None:
    found = refused_reason(ipaddress.ip_address(address))
    assert found is not None and reason in found, (address, found)
    with pytest.raises(AddressRefused) as refused:
        NetworkPolicy().check("feeds.example", address)
    assert refused.value.code == Code.ADDRESS_REFUSED and reason in str(refused.value)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert refused_reason(ipaddress.ip_address(address)) is None
    NetworkPolicy().check("feeds.example", address)


def test_the_allow_list_takes_hosts_and_networks() -> None:
    policy = NetworkPolicy.of(["Intranet.Example.", "10.1.2.0/24", "[fd00::1]", " "])
    policy.check("intranet.example", "192.168.0.9")  # an allowed host: not checked
    policy.check("INTRANET.EXAMPLE.", "127.0.0.1")
    policy.check("feeds.example", "10.1.2.200")  # an address in an allowed network
    policy.check("feeds.example", "fd00::1")
    for address in ("10.1.3.1", "fd00::2", "127.0.0.1"):
        with pytest.raises(AddressRefused):
            policy.check("feeds.example", address)


# --- real connections ----------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LoopServer]:
    with LoopServer() as srv:
        srv.routes["/feed.xml"] = Reply(body=b"<rss/>", headers={"Content-Type": "text/xml"})
        yield srv


def fetcher(allow: list[str], **settings: object) -> Fetcher:
    return Fetcher(SETTINGS.with_overrides(**settings), allow=allow)


SPELLINGS = ["2130706433", "0x7f000001", "0x7f.1", "127.1", "0177.0.0.1", "017700000001",
             "127.000.000.001", "localhost", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
             "[::1]"]


@pytest.mark.parametrize("host", SPELLINGS)
def test_no_spelling_of_a_loopback_address_reaches_the_server(host: str,
                                                              server: LoopServer) -> None:
    """The system resolver reads decimal, octal and hex IPv4 as the address they mean;
    the guard checks that address, so none of them gets through, whatever httpx makes of
    the URL (it refuses some spellings itself)."""
    bare = host.strip("[]")
    with pytest.raises(AddressRefused):
        GuardedBackend(NetworkPolicy()).connect_tcp(bare, server.port, timeout=5)
    got = fetcher([])
    try:
        with pytest.raises(IngestError) as failed:
            got.download(f"http://{host}:{server.port}/feed.xml")
    finally:
        got.close()
    assert failed.value.code in (Code.ADDRESS_REFUSED, Code.FETCH_FAILED)
    if failed.value.code == Code.FETCH_FAILED:  # httpx refused the URL before any lookup
        assert "Invalid" in failed.value.reason or "resolve" in failed.value.reason
    assert server.seen == []


def test_an_allowed_host_or_network_is_fetched(server: LoopServer) -> None:
    for allow, host in ((["127.0.0.1"], "127.0.0.1"), (["127.0.0.0/8"], "localhost"),
                        (["LOCALHOST"], "localhost")):
        got = fetcher(allow)
        try:
            assert got.download(server.url("/feed.xml", host)).data == b"<rss/>"
        finally:
            got.close()
    assert len(server.requests_to("/feed.xml")) == 3


def test_a_redirect_to_a_refused_address_is_refused(server: LoopServer) -> None:
    server.routes["/meta.xml"] = Reply(302, headers={
        "Location": "http://169.254.169.254/latest/meta-data/"})
    server.routes["/local.xml"] = Reply(301, headers={
        "Location": server.url("/feed.xml", "127.0.0.1")})  # same server, not allowed
    got = fetcher(["localhost"])  # by name: 127.0.0.1 is not allowed
    try:
        for path, named in (("/meta.xml", "169.254.169.254"), ("/local.xml", "127.0.0.1")):
            with pytest.raises(IngestError) as refused:
                got.download(server.url(path, "localhost"))
            assert refused.value.code == Code.ADDRESS_REFUSED
            assert f"redirect to http://{named}" in refused.value.reason
    finally:
        got.close()
    assert server.requests_to("/feed.xml") == []  # the hop to localhost was never made


def test_redirects_are_followed_checked_and_counted(server: LoopServer) -> None:
    server.routes["/file.xml"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    server.routes["/ftp.xml"] = Reply(307, headers={"Location": "ftp://127.0.0.1/x"})
    server.routes["/relative.xml"] = Reply(308, headers={"Location": "/feed.xml"})
    for n in range(4):  # /hop0 -> /hop1 -> /hop2 -> /hop3 -> /feed.xml
        target = f"/hop{n + 1}" if n < 3 else "/feed.xml"
        server.routes[f"/hop{n}"] = Reply(302, headers={"Location": target})
    got = fetcher(["127.0.0.1"], max_redirects=4)
    try:
        for path, scheme in (("/file.xml", "file"), ("/ftp.xml", "ftp")):
            with pytest.raises(IngestError) as refused:
                got.download(server.url(path))
            assert refused.value.code == Code.URL_REFUSED
            assert f"refused: {scheme} scheme" in refused.value.reason
        assert got.download(server.url("/relative.xml")).data == b"<rss/>"
        assert got.download(server.url("/hop0")).data == b"<rss/>"  # four redirects: fine
    finally:
        got.close()
    short = fetcher(["127.0.0.1"], max_redirects=3)
    try:
        with pytest.raises(IngestError) as refused:
            short.download(server.url("/hop0"))
        assert refused.value.code == Code.URL_REFUSED and "more than 3 redirects" in str(
            refused.value)
    finally:
        short.close()


def _pair_on_one_port() -> tuple[LoopServer, LoopServer]:
    """A server on 127.0.0.2 and another on 127.0.0.1 with the same port number."""
    for _ in range(20):
        good = LoopServer("127.0.0.2")
        try:
            return good, LoopServer("127.0.0.1", good.port)
        except OSError:
            good.server_close()
    pytest.skip("no port free on both 127.0.0.1 and 127.0.0.2")


def test_a_dns_answer_that_changes_after_the_check_is_never_used() -> None:
    """The resolver answers an allowed address first and a refused one after (DNS
    rebinding). The guard resolves once per connection and connects to the address it
    checked: the request reaches 127.0.0.2, never the server on 127.0.0.1."""
    good, internal = _pair_on_one_port()
    with good, internal:
        good.routes["/feed.xml"] = Reply(body=b"public")
        internal.routes["/feed.xml"] = Reply(body=b"internal secrets")
        calls: list[str] = []

        def rebinding(host: str, port: int) -> list[str]:
            calls.append(host)
            return ["127.0.0.2"] if len(calls) == 1 else ["127.0.0.1"]

        transport = GuardedTransport(NetworkPolicy.of(["127.0.0.2/32"]), rebinding)
        with httpx.Client(transport=transport) as client:
            response = client.get(f"http://rebind.test:{good.port}/feed.xml")
        assert response.content == b"public" and calls == ["rebind.test"]
        assert internal.seen == []
        assert good.seen[0].headers["Host"] == f"rebind.test:{good.port}"

        # a new connection resolves again, and is checked again: now refused
        transport = GuardedTransport(NetworkPolicy.of(["127.0.0.2/32"]), rebinding)
        with httpx.Client(transport=transport) as client, pytest.raises(AddressRefused):
            client.get(f"http://rebind.test:{good.port}/feed.xml")
        assert internal.seen == []


def test_one_refused_answer_among_several_refuses_the_host(server: LoopServer) -> None:
    def answers(host: str, port: int) -> list[str]:
        return ["127.0.0.1", "10.0.0.1"]

    transport = GuardedTransport(NetworkPolicy.of(["127.0.0.1/32"]), answers)
    with httpx.Client(transport=transport) as client, pytest.raises(AddressRefused) as refused:
        client.get(f"http://twofaced.test:{server.port}/feed.xml")
    assert "10.0.0.1" in str(refused.value) and server.seen == []


def test_tls_carries_the_url_host_while_connecting_to_the_checked_address(
        tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    names: list[str | None] = []
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("feeds.test").configure_cert(tls)
    tls.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment]
    client_tls = ssl.create_default_context()
    authority.configure_trust(client_tls)

    def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.2"]

    with LoopServer("127.0.0.2", tls=tls) as server:
        server.routes["/feed.xml"] = Reply(body=b"over tls")
        transport = GuardedTransport(NetworkPolicy.of(["127.0.0.2"]), resolve,
                                     ssl_context=client_tls)
        with httpx.Client(transport=transport) as client:
            assert client.get(server.url("/feed.xml", "feeds.test")).content == b"over tls"
            # the certificate is for feeds.test: asked for by address, it does not verify
            with pytest.raises(httpx.ConnectError):
                client.get(server.url("/feed.xml", "127.0.0.2"))
        assert names[0] == "feeds.test"
        assert server.seen[0].headers["Host"] == f"feeds.test:{server.port}"


def test_the_system_resolver_is_asked_once_per_connection(server: LoopServer,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """The host name is looked up once per connection; with keep-alive, later requests
    to one origin reuse the checked connection."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def counting(host: str, *args: object, **kwargs: object) -> object:
        asked.append(host)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    got = fetcher(["localhost"])
    try:
        for _ in range(3):
            assert got.download(server.url("/feed.xml", "localhost")).data == b"<rss/>"
    finally:
        got.close()
    # the name once; the connection then goes to the literal address it resolved to
    assert asked[0] == "localhost" and asked.count("localhost") == 1
    assert all(ipaddress.ip_address(a) for a in asked[1:])
