"""人岗匹配 scoring (issue 6 item 5): a transparent score of one job seeker against one vacancy.

Plain Python (no Flask, no database). Each component returns (points, reason in Chinese); the total is
their sum, at most 100. The weights are the table below. Hard requirements the vacancy states (minimum
education, age range) are also filtered in SQL by app/domain/matching.py; here they only score, so a seeker
whose education or age is unknown still appears, with the reason shown.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

WEIGHTS: dict[str, int] = {
    "occupation": 30,  # 意向工种 vs 岗位
    "category": 10,  # 岗位类别
    "wage": 20,  # 期望薪资 vs 岗位薪资范围
    "education": 10,  # 文化程度 vs 最低学历
    "age": 10,  # 年龄 vs 年龄要求
    "town": 10,  # 期望街镇 vs 工作街镇: 同一街镇 > 区内其他街镇
    "skill": 10,  # 职业资格等级
}

# education code (GB/T 4658) → level; a higher level meets a lower requirement. 中专/职高/技校/普高 are one level.
EDUCATION_LEVEL: dict[str, int] = {
    "11": 7,
    "14": 6,
    "21": 5,
    "31": 4,
    "41": 3,
    "44": 3,
    "47": 3,
    "61": 3,
    "71": 2,
    "81": 1,
    "90": 0,
}
# skill_level code → rank: 0 无职业资格, 5 初级工 … 1 高级技师
SKILL_RANK: dict[str, int] = {"0": 0, "5": 1, "4": 2, "3": 3, "2": 4, "1": 5}
NEAR_WAGE = 0.9  # a vacancy paying at least 90 % of the expectation still scores half

Part = tuple[int, str]


@dataclass(frozen=True)
class Seeker:
    occupation: str = ""
    category: str | None = None
    wage_min: int | None = None
    wage_max: int | None = None
    education: str | None = None
    birth_date: date | None = None
    town_id: int | None = None  # preferred town, else the town of the registration
    skill_level: str | None = None


@dataclass(frozen=True)
class Post:
    occupation: str = ""
    category: str | None = None
    wage_min: int | None = None
    wage_max: int | None = None
    education: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    town_id: int | None = None  # work town, else the town of the registering unit
    skill_level: str | None = None


@dataclass(frozen=True)
class Score:
    total: int
    parts: tuple[tuple[str, int, str], ...]  # (component, points, reason)

    def reasons(self) -> list[str]:
        return [f"{reason}（{points}分）" for _name, points, reason in self.parts]


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def education_codes_meeting(required: str) -> list[str]:
    """The education codes that meet a minimum education (for the SQL pre-filter)."""
    level = EDUCATION_LEVEL.get(required, 0)
    return sorted(code for code, other in EDUCATION_LEVEL.items() if other >= level)


def occupation(seeker: Seeker, post: Post, weight: int) -> Part:
    wanted, offered = seeker.occupation.strip(), post.occupation.strip()
    if not wanted or not offered:
        return 0, "工种未填写"
    if wanted == offered:
        return weight, f"意向工种与岗位一致（{offered}）"
    if wanted in offered or offered in wanted:
        return weight // 2, f"意向工种“{wanted}”与岗位“{offered}”相近"
    return 0, f"意向工种“{wanted}”与岗位“{offered}”不同"


def category(seeker: Seeker, post: Post, weight: int) -> Part:
    if not seeker.category or not post.category:
        return 0, "岗位类别未填写"
    if seeker.category == post.category:
        return weight, "岗位类别一致"
    return 0, "岗位类别不同"


def wage(seeker: Seeker, post: Post, weight: int) -> Part:
    expected = seeker.wage_min
    offered = post.wage_max or post.wage_min
    if not expected or not offered:
        return weight // 2, "薪资未填写或面议"
    if seeker.wage_max and post.wage_min and post.wage_min > seeker.wage_max:
        return weight, f"岗位薪资{post.wage_min}元起，高于期望"
    if offered >= expected:
        return weight, f"岗位薪资可达{offered}元，满足期望{expected}元"
    if offered >= expected * NEAR_WAGE:
        return weight // 2, f"岗位薪资最高{offered}元，略低于期望{expected}元"
    return 0, f"岗位薪资最高{offered}元，低于期望{expected}元"


def education(seeker: Seeker, post: Post, weight: int) -> Part:
    if not post.education:
        return weight, "无学历要求"
    if not seeker.education:
        return 0, "文化程度未登记"
    if EDUCATION_LEVEL.get(seeker.education, 0) >= EDUCATION_LEVEL.get(post.education, 0):
        return weight, "文化程度符合要求"
    return 0, "文化程度低于要求"


def age(seeker: Seeker, post: Post, weight: int, today: date) -> Part:
    if post.age_min is None and post.age_max is None:
        return weight, "无年龄要求"
    if seeker.birth_date is None:
        return weight // 2, "出生日期不详"
    years = age_on(seeker.birth_date, today)
    if (post.age_min is None or years >= post.age_min) and (post.age_max is None or years <= post.age_max):
        return weight, f"年龄{years}岁，符合要求"
    return 0, f"年龄{years}岁，不符合要求"


def town(seeker: Seeker, post: Post, weight: int) -> Part:
    if seeker.town_id is None or post.town_id is None:
        return weight // 2, "区内岗位"
    if seeker.town_id == post.town_id:
        return weight, "同一街镇"
    return weight // 2, "区内其他街镇"


def skill(seeker: Seeker, post: Post, weight: int) -> Part:
    required = SKILL_RANK.get(post.skill_level or "0", 0)
    if required == 0:
        return weight, "无职业资格要求"
    have = SKILL_RANK.get(seeker.skill_level or "0", 0)
    if have >= required:
        return weight, "职业资格等级符合要求"
    if have == required - 1:
        return weight // 2, "职业资格等级低一级"
    return 0, "职业资格等级不足"


def score(seeker: Seeker, post: Post, today: date, weights: dict[str, int] = WEIGHTS) -> Score:
    parts = (
        ("occupation", *occupation(seeker, post, weights["occupation"])),
        ("category", *category(seeker, post, weights["category"])),
        ("wage", *wage(seeker, post, weights["wage"])),
        ("education", *education(seeker, post, weights["education"])),
        ("age", *age(seeker, post, weights["age"], today)),
        ("town", *town(seeker, post, weights["town"])),
        ("skill", *skill(seeker, post, weights["skill"])),
    )
    return Score(sum(points for _name, points, _reason in parts), parts)


T = TypeVar("T")


def rank(
    items: Iterable[T],
    score_of: Callable[[T], Score],
    key: Callable[[T], int],
    limit: int | None = None,
    bound: Callable[[T], int] | None = None,
) -> list[tuple[T, Score]]:
    """Highest score first; equal scores by `key` ascending (e.g. the row id), so the order is stable.

    With `bound` (an upper bound of an item's total that never increases along `items`), the items stop
    being read once `limit` of them score more than the next item could: the result is the same as
    scoring every item, and the items left unread are never fetched."""
    scored: list[tuple[T, Score]] = []
    best: list[int] = []  # min-heap of the `limit` highest totals so far
    for item in items:
        if bound is not None and limit and len(best) == limit and bound(item) < best[0]:
            break
        result = score_of(item)
        scored.append((item, result))
        if limit and len(best) < limit:
            heapq.heappush(best, result.total)
        elif limit:
            heapq.heappushpop(best, result.total)
    scored.sort(key=lambda pair: (-pair[1].total, key(pair[0])))
    return scored[:limit] if limit is not None else scored
