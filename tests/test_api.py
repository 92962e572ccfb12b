"""The public API: complete, sorted, typed errors, and the pipeline's behaviour as a library."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import newsclean
from newsclean import ConfigError, Pipeline, TextFixer
from newsclean.document import Document, Edit
from newsclean.steps import StepResult


def test_all_is_sorted_and_complete() -> None:
    assert list(newsclean.__all__) == sorted(newsclean.__all__)
    public = {n for n in dir(newsclean) if not n.startswith("_")}
    modules = {
        "cli",
        "config",
        "dask",
        "dictionaries",
        "document",
        "exceptions",
        "io",
        "parallel",
        "pipeline",
        "steps",
        "testing",
    }
    assert public - modules - {"annotations"} <= set(newsclean.__all__) | {"__version__"}
    for name in newsclean.__all__:
        assert hasattr(newsclean, name), name


def test_exceptions_share_one_root() -> None:
    for name in ("ConfigError", "DictionaryError", "EditError", "InputError", "OutputError"):
        assert issubclass(getattr(newsclean, name), newsclean.NewscleanError)
    assert issubclass(newsclean.RecordError, newsclean.InputError)


def test_clean_refuses_bytes_with_a_hint() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        newsclean.clean(b"text")  # type: ignore[arg-type]


def test_process_reports_text_metadata_edits_and_stats() -> None:
    result = Pipeline().process("Read - Other story\n\nThe minister spoke.\n")
    assert result.text == "The minister spoke.\n"
    assert result.metadata["related"] == ["Other story"]
    assert [e.kind for e in result.edits] == ["related"]
    assert result.stats["steps"]["boilerplate"]["dropped:related"] == 1


def test_steps_can_be_disabled_and_configured() -> None:
    text = "Image: A caption/ AP\n\nBody.\n"
    assert Pipeline().clean(text) == "Body.\n"
    assert Pipeline().without("boilerplate").clean(text) == text
    assert Pipeline.from_config(boilerplate={"keep": ("caption",)}).clean(text) == text


def test_a_config_file_maps_onto_the_steps(tmp_path: Path) -> None:
    cfg = tmp_path / "news.toml"
    cfg.write_text('[pipeline]\ndisable = ["names"]\n\n[steps.unicode]\nuncurl_quotes = true\n')
    pipeline = Pipeline.from_config(cfg)
    assert [s.name for s in pipeline.steps] == [
        "unicode",
        "whitespace",
        "date_header",
        "boilerplate",
    ]
    assert pipeline.clean("“Hi”") == '"Hi"\n'


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[steps.unicode]\nno_such = 1\n", "unknown option 'no_such'"),
        ("[steps.unicode]\nuncurl_quotes = 'yes'\n", "cannot be 'yes'"),
        ('[pipeline]\nsteps = ["unicode", "nope"]\n', "unknown step 'nope'"),
        ('[pipeline]\ndisable = ["nope"]\n', "cannot disable 'nope'"),
        ("[pipline]\n", "unknown table 'pipline'"),
        ("not toml", "not valid TOML"),
    ],
)
def test_config_errors_name_the_file_and_key(tmp_path: Path, toml: str, message: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(toml)
    with pytest.raises(ConfigError, match=message) as info:
        Pipeline.from_config(cfg)
    assert "bad.toml" in str(info.value)


class Shout(TextFixer):
    """A user's step: upper-cases the word 'breaking'."""

    name = "shout"

    def fix(self, doc: Document) -> StepResult:
        i = doc.text.find("breaking")
        if i < 0:
            return StepResult()
        return StepResult([Edit(self.name, i, i + 8, "breaking", "BREAKING", "shout")])


def test_a_users_step_runs_in_the_pipeline_and_its_edits_compose() -> None:
    pipeline = Pipeline([*Pipeline().steps, Shout()])
    original = "  breaking   news\n"
    result = pipeline.process(original)
    assert result.text == "BREAKING news\n"
    assert newsclean.apply_edits(original, result.edits) == result.text


def test_a_users_step_can_be_named_in_a_config(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[pipeline]\nsteps = ["whitespace", "test_api:Shout"]\n')
    assert Pipeline.from_config(cfg).clean("breaking") == "BREAKING\n"


def test_pipeline_pickles_and_still_cleans() -> None:
    pipeline = Pipeline()
    text = "Image: x/ AP\n\nBody text.\n"
    pipeline.clean(text)
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.clean(text) == pipeline.clean(text)


def test_map_is_lazy_and_in_order() -> None:
    texts = iter(["One.", "Two."])
    results = Pipeline().map(texts)
    assert next(results).text == "One.\n"
    assert next(results).text == "Two.\n"
