"""Permalinks: absolute URLs and static paths, with and without a scheme."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.urls import Urls

CONFIG = """
title: T
base_url: https://example.org/news/
default_language: fr
languages:
  - {code: fr, name: Français, locale: fr_FR}
sections:
  monde: {fr: {title: Monde, slug: monde}}
"""


@pytest.fixture(scope="module")
def urls() -> Urls:
    return Urls(load_config(CONFIG, "site.yaml"))


@pytest.mark.parametrize(("url", "expected"), [
    ("/news/fr/monde/", "https://example.org/news/fr/monde/"),
    ("https://other.example/x", "https://other.example/x"),
    ("mailto:desk@example.org", "mailto:desk@example.org"),
    ("", "https://example.org"),
])
def test_absolute(urls: Urls, url: str, expected: str) -> None:
    assert urls.absolute(url) == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("/images/x.svg", "/news/images/x.svg"),
    ("images/x.svg", "/news/images/x.svg"),
    ("https://cdn.example/x.svg", "https://cdn.example/x.svg"),
])
def test_static(urls: Urls, path: str, expected: str) -> None:
    assert urls.static(path) == expected


@given(st.text(alphabet=st.sampled_from("/:ab.?#%h"), max_size=12))
def test_absolute_adds_the_origin_exactly_when_there_is_no_scheme(url: str) -> None:
    urls = Urls(load_config(CONFIG, "site.yaml"))
    has_scheme = bool(urlsplit(url).scheme)
    assert urls.absolute(url) == (url if has_scheme else "https://example.org" + url)
