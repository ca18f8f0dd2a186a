"""顺义区组织机构树种子数据：区 → 街道/镇 → 社区/村 (the units themselves are in org_tree.csv beside this
module: code, name, level, parent_code; one row per unit, in display order).

Sources (standards):
- GB/T 2260 中华人民共和国行政区划代码: 110113 北京市顺义区.
- 国家统计局《统计用区划代码和城乡划分代码》编制规则: 乡级代码 = 县级 6 位 + 3 位
  (001–099 街道/地区办事处, 100–199 镇);
  村级代码 = 乡级 9 位 + 3 位 (001–199 居民委员会/社区, 200–399 村民委员会/村).
- 街道/镇及社区/村的名称与代码取自该统计用区划代码约 2020 年版的公开转录 (Vonng/adcode 数据集,
  data/adcode/110113.csv)；名称已由“XX社区居委会/XX村委会”简写为“XX社区/XX村”。

Notes:
- 仁和、后沙峪、天竺、杨镇、牛栏山、南法信、马坡在统计用区划代码中登记为“地区办事处”(与同名镇合署),
  本系统统一称“X镇”。
- 各镇列表按代码排序，但仁和镇首位为临河村、后沙峪镇首位为后沙峪村（演示账号使用各镇第一个单位）。
- 社区/村随撤村建居等区划调整会变动，本数据为种子数据，不保证与最新年度完全一致。
"""

from __future__ import annotations

import csv
import io
from importlib import resources


def _read_units() -> list[dict[str, str]]:
    text = resources.files("seed").joinpath("org_tree.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


_ROWS = _read_units()

# (6 位行政区划代码, 名称).
DISTRICT: tuple[str, str] = next((r["code"], r["name"]) for r in _ROWS if r["level"] == "district")

# 25 个街道/镇: (9 位统计用区划代码, 名称)，列表顺序即展示顺序.
TOWNS: list[tuple[str, str]] = [(r["code"], r["name"]) for r in _ROWS if r["level"] == "town"]

# 街道/镇代码 -> [(12 位村级代码, 社区/村名称), ...]，列表顺序即展示顺序.
_UNITS: dict[str, list[tuple[str, str]]] = {
    town: [(r["code"], r["name"]) for r in _ROWS if r["level"] == "community" and r["parent_code"] == town]
    for town, _ in TOWNS
}

# 街道/镇名称 -> 社区/村名称列表.
COMMUNITIES: dict[str, list[str]] = {name: [unit for _, unit in _UNITS[code]] for code, name in TOWNS}


def communities(town_code: str) -> list[tuple[str, str]]:
    """Return [(12-digit code, name), ...] of the 社区/村 under a 街道/镇, in display order.

    Raises KeyError for an unknown town code.
    """
    return list(_UNITS[town_code])
