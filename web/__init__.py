"""The web application: server-rendered pages in German (English available) and the JSON API under /api/v1."""

from web.app import create_app

__all__ = ["create_app"]
