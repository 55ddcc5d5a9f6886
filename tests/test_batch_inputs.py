"""Batch input planning: folders, globs, files, output names, clashes."""
from __future__ import annotations

import pytest

from layoutkit.batch.inputs import plan_inputs
from layoutkit.errors import UsageError


def _touch(path, text: str = "x\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_walked_and_mirrored(tmp_path) -> None:
    _touch(tmp_path / "in" / "b.txt")
    _touch(tmp_path / "in" / "a.txt")
    _touch(tmp_path / "in" / "sub" / "c.xml")
    _touch(tmp_path / "in" / "notes.docx")  # not a page extension: left out of a walk
    _touch(tmp_path / "in" / ".hidden.txt")
    plan = plan_inputs([str(tmp_path / "in")])
    assert [i.name for i in plan.inputs] == ["a", "b", "sub/c"]


def test_same_stem_in_one_folder_keeps_extensions(tmp_path) -> None:
    _touch(tmp_path / "0001.pdf")
    _touch(tmp_path / "0001.xml")
    _touch(tmp_path / "0002.xml")
    plan = plan_inputs([str(tmp_path)])
    assert sorted(i.name for i in plan.inputs) == ["0001.pdf", "0001.xml", "0002"]


def test_glob_is_relative_to_its_literal_prefix(tmp_path) -> None:
    _touch(tmp_path / "data" / "x" / "p.txt")
    _touch(tmp_path / "data" / "y" / "p.txt")
    plan = plan_inputs([str(tmp_path / "data" / "**" / "*.txt")])
    assert [i.name for i in plan.inputs] == ["x/p", "y/p"]


def test_files_with_the_same_stem_from_two_folders_clash(tmp_path) -> None:
    a = _touch(tmp_path / "x" / "p.txt")
    b = _touch(tmp_path / "y" / "p.txt")
    with pytest.raises(UsageError, match="would both write p.json"):
        plan_inputs([str(a), str(b)])


def test_duplicates_once_and_unmatched_globs_reported(tmp_path) -> None:
    a = _touch(tmp_path / "a.txt")
    plan = plan_inputs([str(a), str(tmp_path), str(tmp_path / "*.nothing")])
    assert [i.path for i in plan.inputs] == [str(a)]
    assert [(f.path, f.error) for f in plan.unmatched] == [(str(tmp_path / "*.nothing"), "InputError")]


def test_output_folder_inside_input_folder_is_not_walked(tmp_path) -> None:
    _touch(tmp_path / "a.txt")
    _touch(tmp_path / "out" / "a.json.txt")
    plan = plan_inputs([str(tmp_path)], exclude=str(tmp_path / "out"))
    assert [i.name for i in plan.inputs] == ["a"]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _names = st.sampled_from(["a", "b", "0001", "x.y"])
    _exts = st.sampled_from([".txt", ".pdf", ".xml", ".TXT", ".html"])
    _dirs = st.lists(st.sampled_from(["", "s", "s/t", "u"]), min_size=1, max_size=1)

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(_dirs, _names, _exts), min_size=1, max_size=12))
    def test_output_names_are_unique_for_any_tree(tmp_path_factory, files) -> None:
        """Whatever a folder holds, no two inputs get one output name, and every file
        with a page extension is taken exactly once."""
        root = tmp_path_factory.mktemp("tree")
        made = set()
        for (folder,), stem, ext in files:
            path = root / folder / f"{stem}{ext}"
            if str(path).lower() in {str(m).lower() for m in made}:
                continue  # one file per name, whatever the case (case-insensitive file systems)
            _touch(path)
            made.add(path)
        plan = plan_inputs([str(root)])
        names = [i.name for i in plan.inputs]
        assert len(names) == len(set(names))
        assert sorted(i.path for i in plan.inputs) == sorted(str(p) for p in made)
