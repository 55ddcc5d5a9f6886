"""Invariants over arbitrary text: nothing lost or invented, deterministic, schema-valid.

The pipeline may remove only what it documents: whitespace (line ends, justification
spaces), a line-end hyphen when it joins a word, and fake-bold doubled text (each such
removal named in the block's reasons). Every other character of the input appears in
the output exactly once.
"""
from __future__ import annotations

import json
from collections import Counter

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import layoutkit
from layoutkit.reflow import HYPHENS

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "page.schema.json").read_text(encoding="utf-8"))

CJK = "的一是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然如应形想制心样干都向变关问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树肥继右属市严径螺检左页抗苏显苦英快称坏移约巴材省黑武培著河帝仅针怎植京助升王眼她抓含苗副杂普谈围食射源例致酸旧却充足短划剂宣环落首尺波承粉践府鱼随考刻靠够满夫失包住促枝局菌杆周护岩师举曲春元超负砂封换太模贫减阳扬江析亩木言球朝医校古呢稻宋听唯输滑站另卫字鼓刚写刘微略范供阿块某功套友限项余倒卷创律雨让骨远帮初皮播优占死毒圈伟季训控激找叫云互跟裂粮粒母练塞钢顶策双留误础吸阻故寸盾晚丝女散焊功株亲院冷彻弹错散商视艺灭版烈零室轻血倍缺厘泵察绝富城冲喷壤简否柱李望盘磁雄似困巩益洲脱投送奴侧润盖挥距触星松送获兴独官混纪依未突架宽冬章湿偏纹吃执阀矿寨责熟稳夺硬价努翻奇甲预职评读背协损棉侵灰虽矛厚罗泥辟告卵箱掌氧恩爱停曾溶营终纲孟钱待尽俄缩沙退陈讨奋械载胞幼哪剥迫旋征槽倒握担仍呀鲜吧卡粗介钻逐弱脚怕盐末阴丰雾冠丙街莱贝辐肠付吉渗瑞惊顿挤秒悬姆烂森糖圣凹陶词迟蚕亿矩"
PUNCT = "，。、；：？！“”‘’（）《》…—"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßéèçſꝛ⸗0123456789.,;:!?()'\"&"
ALPHABET = CJK[:400] + PUNCT + LATIN + "   \t-¬\u00ad"

line_st = st.text(alphabet=ALPHABET, min_size=0, max_size=40)
page_st = st.lists(line_st, min_size=1, max_size=60).map(lambda ls: "\n".join(ls) + "\n")


def _output_chars(page: layoutkit.Page) -> Counter:
    return Counter(c for b in page.iter_blocks() for c in b.text if not c.isspace())


def _removed_by_fake_bold(page: layoutkit.Page) -> Counter:
    removed: Counter = Counter()
    for b in page.iter_blocks():
        for r in b.reasons:
            if r.startswith("fake-bold-double: "):
                before, after = r[len("fake-bold-double: "):].split(" -> ")
                removed.update(c for c in eval(before) if not c.isspace())  # noqa: S307 - repr of a str
                removed.subtract(c for c in eval(after) if not c.isspace())  # noqa: S307
    return +removed


@given(page_st)
def test_no_character_lost_or_invented(text: str) -> None:
    if not text.strip():
        return
    page = layoutkit.parse_text(text)
    inp = Counter(c for c in text if not c.isspace())
    out = _output_chars(page)
    invented = out - inp
    assert not invented, f"invented {invented}"
    lost = inp - out - _removed_by_fake_bold(page)
    assert all(c in HYPHENS for c in lost), f"lost {lost}"


@given(page_st)
def test_same_input_same_output(text: str) -> None:
    if not text.strip():
        return
    assert layoutkit.parse_text(text).to_json() == layoutkit.parse_text(text).to_json()


@given(page_st)
def test_output_is_valid_against_the_schema(text: str) -> None:
    if not text.strip():
        return
    jsonschema.validate(json.loads(layoutkit.parse_text(text).to_json()), SCHEMA)


def test_every_block_keeps_its_source_span() -> None:
    page = layoutkit.parse_file(ROOT / "fixtures" / "seed-zh.txt")
    total = len((ROOT / "fixtures" / "seed-zh.txt").read_text(encoding="utf-8").splitlines())
    for b in page.iter_blocks():
        assert 1 <= b.lines[0] <= b.lines[1] <= total


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\n\n\n"])
def test_whitespace_only_text_gives_an_empty_page(text: str) -> None:
    page = layoutkit.parse_text(text)
    assert page.articles == () and page.blocks == ()
