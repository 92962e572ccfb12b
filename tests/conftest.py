"""Shared fixtures and hypothesis profiles (``dev`` by default, ``ci`` under CI=true)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the project (seed article and evaluation data)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests read the seed article from it")
    return SHARED


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, folder_name: str) -> None:
    """Make listing any folder named ``folder_name`` fail as an unreadable folder does."""
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith(folder_name):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
