"""Sessions for developing newsclean: ``nox`` runs tests, lint and typecheck."""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

SHARED = os.environ.get("NEWSCLEAN_SHARED", os.path.join("..", "shared"))
TEST_DEPS = ["pytest>=7", "pytest-cov>=7", "coverage>=7.10", "hypothesis>=6.80"]


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (with the hypothesis properties) under coverage."""
    session.install(".[dask,progress]", *TEST_DEPS)
    session.run(
        "pytest",
        "--cov=newsclean",
        "--cov-report=term",
        *session.posargs,
        env={"NEWSCLEAN_SHARED": SHARED},
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff."""
    session.install("ruff>=0.5")
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    session.install(".", "mypy>=1.8", "types-regex", "hypothesis>=6.80")
    session.run("mypy", "--strict", "src/newsclean")


@nox.session(default=False)
def eval(session: nox.Session) -> None:
    """Measure quality on ../shared/data: boilerplate, names and dates, beside baselines."""
    session.install(".", "justext>=3", "lxml_html_clean")
    session.run("python", "benchmarks/eval.py", SHARED, *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure speed and memory as ratios against ftfy alone and the raw read, same run."""
    session.install(".[dask,progress]", "dateparser>=1.1")
    session.run("python", "benchmarks/bench.py", SHARED, *session.posargs)


@nox.session(default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz the whole pipeline with hypothesis for a long time (thousands of examples)."""
    session.install(".", *TEST_DEPS)
    session.run(
        "pytest",
        "tests/test_properties.py",
        "tests/test_fuzz.py",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz", "NEWSCLEAN_SHARED": SHARED},
    )
