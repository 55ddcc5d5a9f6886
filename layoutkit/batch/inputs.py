"""Expanding batch inputs (files, folders, globs) into ``InputFile``s with output names.

Output names mirror where an input was found, so two pages never write the same file:

- a file named on the command line: its stem (``page.txt`` -> ``page``);
- a file found by walking a folder: its path relative to that folder
  (``scans/1901/p1.xml`` given ``scans`` -> ``1901/p1``);
- a file matched by a glob: its path relative to the glob's literal prefix
  (``data/**/*.txt`` -> relative to ``data``).

Files of one folder that share a stem (``0001.pdf`` and its ALTO ``0001.xml``) keep their
extension (``0001.pdf``, ``0001.xml``), so the pair stays apart. Any other clash (two
files named on the command line from different folders with the same stem) is a usage
error before any work starts: silently overwriting one page with another is worse.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Optional, Sequence

from ..errors import UsageError
from ..params import BATCH_EXTENSIONS
from .results import PageFailure

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input to convert and the name its outputs get.

    ``name`` is relative to the output folder, ``/``-separated, without the ``.json``
    (``sub/page``); a multi-page input writes ``name.pNNN.json``, a single page ``name.json``.
    """

    path: str
    name: str


@dataclass(frozen=True, slots=True)
class InputPlan:
    """The inputs of a batch in order, and the patterns that matched nothing (reported
    as failures so a typo in one glob does not pass silently)."""

    inputs: tuple[InputFile, ...]
    unmatched: tuple[PageFailure, ...] = ()


@dataclass(frozen=True, slots=True)
class _Found:
    path: str
    rel: PurePosixPath  # name source: relative path (folder, glob) or bare file name


def _is_glob(spec: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in spec)


def _glob_base(spec: str) -> str:
    """The literal folder prefix of a glob: ``data/**/*.txt`` -> ``data``."""
    parts = Path(spec).parts
    literal: list[str] = []
    for part in parts[:-1]:
        if _is_glob(part):
            break
        literal.append(part)
    return str(Path(*literal)) if literal else "."


def _walk(folder: str, extensions: Sequence[str], exclude: Optional[Path]) -> Iterator[_Found]:
    """Files under ``folder`` with a wanted extension, sorted, hidden files and folders
    (and the output folder, when it sits inside an input folder) left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (exclude is not None and Path(root, d).resolve() == exclude))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in extensions:
                continue
            path = os.path.join(root, name)
            yield _Found(path, PurePosixPath(Path(os.path.relpath(path, folder)).as_posix()))


def _expand(spec: str, extensions: Sequence[str], exclude: Optional[Path]) -> Optional[list[_Found]]:
    """The files one command-line input stands for; None when a pattern matches nothing."""
    if os.path.isdir(spec):
        return list(_walk(spec, extensions, exclude))
    if os.path.exists(spec) or not _is_glob(spec):
        # A missing plain path stays: reading it reports "no such file" for that input.
        return [_Found(spec, PurePosixPath(Path(spec).name))]
    base = _glob_base(spec)
    found: list[_Found] = []
    for match in sorted(glob.glob(spec, recursive=True)):
        if os.path.isdir(match):
            found.extend(_Found(f.path, PurePosixPath(Path(os.path.relpath(f.path, base)).as_posix()))
                         for f in _walk(match, extensions, exclude))
        elif not os.path.basename(match).startswith("."):
            found.append(_Found(match, PurePosixPath(Path(os.path.relpath(match, base)).as_posix())))
    return found or None


def _name(rel: PurePosixPath, keep_suffix: bool) -> str:
    return str(rel if keep_suffix or not rel.suffix else rel.with_suffix(""))


def plan_inputs(specs: Iterable[str], *, extensions: Sequence[str] = BATCH_EXTENSIONS,
                exclude: Optional[str] = None, check_names: bool = True) -> InputPlan:
    """Expand files, folders and globs into the batch's inputs, each once, with unique
    output names (see the module docstring). ``exclude`` is the output folder;
    ``check_names=False`` skips the clash check (callers that write no files)."""
    exts = tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)
    excluded = Path(exclude).resolve() if exclude else None
    found: list[_Found] = []
    unmatched: list[PageFailure] = []
    seen: set[str] = set()
    for spec in specs:
        items = _expand(spec, exts, excluded)
        if items is None:
            unmatched.append(PageFailure(spec, None, "InputError", "no file matches this pattern"))
            continue
        for item in items:
            key = os.path.realpath(item.path)
            if key not in seen:  # the same file reached twice (a folder and a glob): once
                seen.add(key)
                found.append(item)

    # Same stem in the same folder (page.pdf + page.xml): both keep their extension.
    by_stem: dict[tuple[str, str], list[int]] = {}
    for i, item in enumerate(found):
        by_stem.setdefault((os.path.dirname(os.path.realpath(item.path)), _name(item.rel, False)), []).append(i)
    keep = {i for group in by_stem.values() if len(group) > 1 for i in group}
    inputs = [InputFile(item.path, _name(item.rel, i in keep)) for i, item in enumerate(found)]

    owners: dict[str, str] = {}
    for inp in inputs if check_names else ():
        other = owners.setdefault(inp.name, inp.path)
        if other != inp.path:
            raise UsageError(f"{other} and {inp.path} would both write {inp.name}.json: "
                             "give their folder instead, or convert them in separate batches")
    return InputPlan(tuple(inputs), tuple(unmatched))
