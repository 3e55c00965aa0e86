"""Permalinks: where each page of the site lives."""

from __future__ import annotations

from urllib.parse import urlsplit

from sitegen.config import SiteConfig
from sitegen.model import Article

PAGE_SEGMENT = "page/{number}/"


class Urls:
    """Builds site-absolute URL paths (starting with the base path) for every page kind."""

    def __init__(self, config: SiteConfig) -> None:
        self._config = config
        self._base = config.base_path
        parts = urlsplit(config.base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}"

    def home(self, lang: str) -> str:
        return self._base + self._config.language(lang).prefix

    def article(self, article: Article, *, lang: str | None = None) -> str:
        """URL of article; with lang, its place under another language's prefix."""
        where = lang or article.lang
        pattern = self._config.permalinks["article"][where]
        section = self._config.sections[article.sections[0]]
        return self.home(where) + pattern.format(
            section=section.slug(where),
            slug=article.slug,
            year=f"{article.date.year:04d}",
            month=f"{article.date.month:02d}",
            day=f"{article.date.day:02d}",
        )

    def section(self, lang: str, section_id: str) -> str:
        slug = self._config.sections[section_id].slug(lang)
        return self.home(lang) + self._config.permalinks["section"][lang].format(section=slug)

    def tag(self, lang: str, tag_slug: str) -> str:
        return self.home(lang) + self._config.permalinks["tag"][lang].format(tag=tag_slug)

    def tags(self, lang: str) -> str:
        return self.home(lang) + self._config.permalinks["tags"][lang]

    def author(self, lang: str, author_id: str) -> str:
        return self.home(lang) + self._config.permalinks["author"][lang].format(author=author_id)

    def not_found(self, lang: str) -> str:
        return self.home(lang) + "404.html"

    def static(self, path: str) -> str:
        """URL of a file from static/, given as '/images/x.svg' or 'images/x.svg'."""
        if not path.startswith("/") and urlsplit(path).scheme:
            return path
        return self._base + path.lstrip("/")

    def absolute(self, url: str) -> str:
        # A path that starts with "/" has no scheme: no need to parse it (the common case).
        if url.startswith("/") or not urlsplit(url).scheme:
            return self._origin + url
        return url

    def output_path(self, url: str) -> str:
        """Output file of a URL, relative to the output folder."""
        relative = url[len(self._base):]
        return relative + "index.html" if relative.endswith("/") or not relative else relative


def paginated(url: str, number: int) -> str:
    """URL of page number of a listing whose first page is url."""
    return url if number == 1 else url + PAGE_SEGMENT.format(number=number)
