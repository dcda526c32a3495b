"""A real HTTP server (``kb serve`` in a subprocess), spoken to over the loopback interface."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kb.limits import MAX_BODY_BYTES

pytestmark = pytest.mark.server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str, *, accept: str | None = None, follow: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()


def test_permanent_url_of_rz_34a_as_html_and_json(live_server: str) -> None:
    status, headers, body = fetch(live_server + "/k/sgb-2-48b/rz-34a")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    html = body.decode()
    assert "§ 48b SGB II Rz. 34a" in html and "Landkreis Göttingen" in html
    status, headers, body = fetch(live_server + "/k/sgb-2-48b/rz-34a.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["id"] == "sgb-2-48b/rz-34a"
    status, _, body = fetch(live_server + "/k/sgb-2-48b/rz-34a", accept="application/json")
    assert status == 200 and json.loads(body)["rz"] == "34a"


def test_resolver_redirects_over_http(live_server: str) -> None:
    q = urllib.parse.quote("§ 48b Rz. 34a SGB II")
    status, headers, _ = fetch(f"{live_server}/cite?q={q}", follow=False)
    assert status == 302
    assert urllib.parse.urlsplit(headers["Location"]).path == "/k/sgb-2-48b/rz-34a"
    status, _, body = fetch(f"{live_server}/cite/{q}")  # followed to the entry
    assert status == 200 and "Rz. 34a" in body.decode()


def test_unknown_randnummer_is_404_with_a_suggestion_over_http(live_server: str) -> None:
    status, _, body = fetch(live_server + "/k/sgb-2-48b/rz-35.json")
    assert status == 404
    error = json.loads(body)["error"]
    assert "Rz. 35" in error["message"]
    assert "sgb-2-48b/rz-34a" in [s["id"] for s in error["suggestions"]]
    status, _, body = fetch(live_server + "/cite?q=" + urllib.parse.quote("§ 48b Rz. 35 SGB II"))
    assert status == 404 and "/k/sgb-2-48b/rz-34a" in body.decode()


def test_annotate_api_over_http(live_server: str) -> None:
    request = urllib.request.Request(live_server + "/api/annotate", data=json.dumps({"text": "§ 6a SGB II"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.loads(response.read())
    assert data["citations"][0]["targets"][0]["key"] == "SGB 2 § 6a"


def test_oversized_annotate_body_is_413_over_http(live_server: str) -> None:
    request = urllib.request.Request(live_server + "/api/annotate", data=b"a" * (MAX_BODY_BYTES + 1),
                                     headers={"Content-Type": "text/plain"}, method="POST")
    status, _, body = (0, {}, b"")
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as err:
        with err:
            status, body = err.code, err.read()
    assert status == 413
    assert "zu groß" in json.loads(body)["error"]["message"]
