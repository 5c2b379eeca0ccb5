"""Great Expectations Data Docs that render offline.

GX 1.x's page templates load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs,
and its index page draws its tables with bootstrap-table: offline, a blank list. These views (named
in ``gx/great_expectations.yml``) put juesuan's templates (``data_docs_templates/``) before GX's own:
pages with a small inline style sheet instead of the CDN links, no scripts, and tables written out as
HTML. Every other template (sections, expectation and result blocks) is GX's.
"""

from __future__ import annotations

import re
from pathlib import Path

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "data_docs_templates"

_REMOTE_URL = re.compile(r"url\(\s*['\"]?https?://[^)]*\)", re.IGNORECASE)


def offline_css(css: str) -> Markup:
    """A style sheet without url(http…) (GX's default styles fetch a logo for dark mode)."""
    return Markup(_REMOTE_URL.sub("none", str(css)))  # noqa: S704 (a style sheet of GX's package)


class _OfflineTemplates:
    def __init__(self, custom_styles_directory=None, custom_views_directory=None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)
        self.env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), self.env.loader])
        self.env.filters["offline_css"] = offline_css


class OfflinePageView(_OfflineTemplates, DefaultJinjaPageView):
    """Expectation suite and validation result pages."""


class OfflineIndexPageView(_OfflineTemplates, DefaultJinjaIndexPageView):
    """The site's index.html."""
