"""The in-memory OpenSearch server (`osmem-server`) standing in for Elasticsearch in tests.

The Elasticsearch 8 client asks for `application/vnd.elasticsearch+json; compatible-with=8`
and insists that responses carry `X-Elastic-Product: Elasticsearch`; osmem speaks plain
JSON and names no product. This transport node, used only by the tests, bridges the two.
"""

from elastic_transport import HttpHeaders, Urllib3HttpNode

_COMPATIBLE = {
    "application/vnd.elasticsearch+json; compatible-with=8": "application/json",
    "application/vnd.elasticsearch+x-ndjson; compatible-with=8": "application/x-ndjson",
}


class OsmemNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = _COMPATIBLE.get(headers[name], headers[name])
        response = super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response
