"""The client address behind a proxy: only the address the proxy added is trusted."""

from django.test import RequestFactory, override_settings

from portal.ratelimit import client_address
from workflow.lockout import client_ip


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_FORWARDED_FOR")
def test_a_client_cannot_choose_its_address_through_the_forwarded_header():
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"
    assert client_ip(request) == "203.0.113.9"


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_FORWARDED_FOR")
def test_an_ipv6_client_is_counted_by_its_network_and_garbage_is_no_address():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="2001:db8:1:2:3:4:5:6")
    assert client_address(request) == "2001:db8:1:2::"
    garbage = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbage) is None
    assert client_address(garbage) == "not-an-address"


def test_without_a_proxy_the_socket_address_is_used():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7")
    assert client_address(request) == "198.51.100.7"
    assert client_ip(request) == "198.51.100.7"
