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
