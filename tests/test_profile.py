"""Profiles: loading, inheritance and validation errors that name the key."""
from __future__ import annotations

import pytest

from layoutkit import ProfileError, load_profile
from layoutkit.profile import BUILTIN, builtin_profile


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_profiles_load(name: str) -> None:
    prof = builtin_profile(name)
    assert prof.name == name


def test_zh_patterns() -> None:
    zh = builtin_profile("zh")
    assert zh.match("byline", "本报记者 杨鹤")
    assert zh.match("byline", "本报记者 王薇 通讯员 周川江")
    assert zh.match("credit", "冀雄波 摄")
    assert zh.match("credit", "制图：李姿阅")
    assert zh.match("author_note", "（作者为中央党校习近平新时代中国特色社会主义思想研究中心研究员）")
    assert zh.match("header", "2018年1月2日 星期二")
    assert zh.match("deck", "——2022年昌吉州党委巡察工作综述")
    assert not zh.match("byline", "记者走进被白雪覆盖的呼图壁县二十里店镇四工村。")


def test_user_profile_inherits(tmp_path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("inherits: zh\ncredit:\n  - '^图片来源'\n", encoding="utf-8")
    prof = load_profile(str(f))
    assert prof is not None
    assert prof.match("credit", "图片来源 新华社")
    assert prof.match("credit", "冀雄波 摄")  # inherited


@pytest.mark.parametrize("body,message", [
    ("bylines:\n  - 'x'\n", "unknown key 'bylines'"),
    ("credit:\n  - '([a-z'\n", "key 'credit' item 1: bad regex"),
    ("credit: 'x'\n", "key 'credit' must be a list of strings"),
    ("inherits: klingon\n", "unknown profile 'klingon'"),
    ("- a\n- b\n", "must be a mapping"),
])
def test_bad_profiles_name_the_problem(tmp_path, body: str, message: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as info:
        load_profile(str(f))
    assert str(f) in str(info.value)
