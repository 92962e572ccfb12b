"""Strategies for our tests: the shipped ones, so contributors and we test alike."""

from __future__ import annotations

from newsclean.testing import strategies

any_text = strategies.any_text
article = strategies.article
date_header = strategies.date_header
dated_article = strategies.dated_article
dated_body = strategies.dated_body
NOT_HEADERS = strategies.NOT_HEADERS
boilerplate = strategies.boilerplate
clean_paragraphs = strategies.clean_paragraphs
mojibake = strategies.mojibake
paragraph = strategies.paragraph

__all__ = [
    "NOT_HEADERS",
    "any_text",
    "article",
    "boilerplate",
    "clean_paragraphs",
    "date_header",
    "dated_article",
    "dated_body",
    "mojibake",
    "paragraph",
]
