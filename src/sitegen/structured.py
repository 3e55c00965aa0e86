"""JSON-LD structured data (schema.org) for articles and the home page."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from sitegen.config import SiteConfig
from sitegen.urls import Urls
from sitegen.views import ArticleView

# Characters that could end the <script> element or open a comment are written as escapes,
# which every JSON parser reads back as the same characters.
_INERT = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
          ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_ld(data: Any) -> Markup:
    """Serialise data for a <script type="application/ld+json"> element, inert in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    # str.replace per character, not str.translate: translating a non-ASCII text looks
    # every character up in a table, and this runs once per page.
    for character, escape in _INERT:
        if character in text:
            text = text.replace(character, escape)
    return Markup(text)  # noqa: S704 - escaped above


def news_article(article: ArticleView, config: SiteConfig, urls: Urls,
                 locale_tag: str) -> dict[str, Any]:
    """schema.org NewsArticle for one article page."""
    url = urls.absolute(article.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.updated or article.date).isoformat(),
        "inLanguage": locale_tag,
        "articleSection": [link.text for link in article.sections],
        "keywords": [link.text for link in article.tags],
        "author": [{"@type": "Person", "name": author.name, "url": urls.absolute(author.url)}
                   for author in article.authors],
        "publisher": organization(config, urls),
    }
    if article.image:
        data["image"] = [urls.absolute(article.image.url)]
    return data


def website(config: SiteConfig, urls: Urls, lang: str, title: str) -> list[dict[str, Any]]:
    """schema.org WebSite and Organization for a home page."""
    return [
        {"@context": "https://schema.org", "@type": "WebSite", "name": title,
         "url": urls.absolute(urls.home(lang)), "inLanguage": lang},
        {"@context": "https://schema.org"} | organization(config, urls),
    ]


def organization(config: SiteConfig, urls: Urls) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": config.publisher.name,
                            "url": config.base_url}
    if config.publisher.logo:
        data["logo"] = {"@type": "ImageObject",
                        "url": urls.absolute(urls.static(config.publisher.logo))}
    return data
