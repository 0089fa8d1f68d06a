"""make bench rewrites docs/performance.md above its hand-written notes and keeps them."""

from benchmark import run


def test_the_notes_are_kept_from_their_heading_not_from_a_mention_of_it(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "performance.md").write_text(
        "# Performance\n\nThe table is written above «## Notes».\n\n| old | table |\n\n"
        "## Notes\n\nHand-written.\n", encoding="utf-8")
    monkeypatch.setattr(run, "ROOT", tmp_path)
    assert run.kept_notes() == "## Notes\n\nHand-written.\n"


def test_without_notes_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "ROOT", tmp_path)
    assert run.kept_notes() == ""
