"""Strategies for our tests: the shipped ones, so contributors and we test alike."""

from __future__ import annotations

from newsclean.testing import strategies

any_text = strategies.any_text
article = strategies.article
boilerplate = strategies.boilerplate
clean_paragraphs = strategies.clean_paragraphs
mojibake = strategies.mojibake
paragraph = strategies.paragraph

__all__ = ["any_text", "article", "boilerplate", "clean_paragraphs", "mojibake", "paragraph"]
