"""人岗匹配 scoring (app/rules/matching.py): each component table-driven, the total and the ranking order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from app.rules.matching import WEIGHTS, Post, Score, Seeker, age_on, education_codes_meeting, rank, score

TODAY = date(2026, 10, 20)
SEEKER = Seeker(
    occupation="电工",
    category="3",
    wage_min=6000,
    wage_max=8000,
    education="41",
    birth_date=date(1990, 5, 1),
    town_id=1,
    skill_level="4",
)
POST = Post(
    occupation="电工",
    category="3",
    wage_min=6000,
    wage_max=9000,
    education="61",
    age_min=18,
    age_max=45,
    town_id=1,
    skill_level="4",
)


def part(seeker: Seeker, post: Post, name: str) -> tuple[int, str]:
    found = {n: (points, reason) for n, points, reason in score(seeker, post, TODAY).parts}
    return found[name]


@pytest.mark.parametrize(
    ("name", "seeker_changes", "post_changes", "points", "reason"),
    [
        ("occupation", {}, {}, 30, "一致"),
        ("occupation", {}, {"occupation": "维修电工"}, 15, "相近"),
        ("occupation", {}, {"occupation": "收银员"}, 0, "不同"),
        ("category", {}, {}, 10, "一致"),
        ("category", {}, {"category": "2"}, 0, "不同"),
        ("category", {"category": None}, {}, 0, "未填写"),
        ("wage", {}, {}, 20, "满足期望"),
        ("wage", {}, {"wage_max": 5500}, 10, "略低于"),
        ("wage", {}, {"wage_max": 4000}, 0, "低于期望"),
        ("wage", {}, {"wage_min": 9000, "wage_max": 12000}, 20, "高于期望"),
        ("wage", {"wage_min": None}, {}, 10, "面议"),
        ("education", {}, {}, 10, "符合"),
        ("education", {}, {"education": "41"}, 10, "符合"),  # 中专 meets 中专
        ("education", {}, {"education": "31"}, 0, "低于"),
        ("education", {}, {"education": None}, 10, "无学历要求"),
        ("education", {"education": None}, {}, 0, "未登记"),
        ("age", {}, {}, 10, "36岁"),
        ("age", {}, {"age_max": 35}, 0, "不符合"),
        ("age", {}, {"age_min": None, "age_max": None}, 10, "无年龄要求"),
        ("age", {"birth_date": None}, {}, 5, "不详"),
        ("town", {}, {}, 10, "同一街镇"),
        ("town", {}, {"town_id": 2}, 5, "其他街镇"),
        ("skill", {}, {}, 10, "符合"),
        ("skill", {}, {"skill_level": "3"}, 5, "低一级"),
        ("skill", {}, {"skill_level": "2"}, 0, "不足"),
        ("skill", {"skill_level": None}, {"skill_level": "0"}, 10, "无职业资格要求"),
    ],
)
def test_component(name: str, seeker_changes: dict, post_changes: dict, points: int, reason: str) -> None:
    got_points, got_reason = part(replace(SEEKER, **seeker_changes), replace(POST, **post_changes), name)
    assert (got_points, reason in got_reason) == (points, True), got_reason


def test_total_is_the_sum_and_full_match_scores_100() -> None:
    full = score(SEEKER, POST, TODAY)
    assert full.total == sum(WEIGHTS.values()) == 100
    assert len(full.reasons()) == len(WEIGHTS) and full.reasons()[0].endswith("（30分）")


@pytest.mark.parametrize(
    ("birth", "years"), [(date(1990, 10, 20), 36), (date(1990, 10, 21), 35), (date(2008, 2, 29), 18)]
)
def test_age_on(birth: date, years: int) -> None:
    assert age_on(birth, TODAY) == years


def test_education_codes_meeting_follow_the_code_list_order() -> None:
    assert education_codes_meeting("31") == ["11", "14", "21", "31"]
    assert "90" not in education_codes_meeting("81") and "81" in education_codes_meeting("81")


def test_ranking_order_highest_first_ties_by_id() -> None:
    posts = {
        1: replace(POST, occupation="收银员", category="2"),  # 0+0+20+10+10+10+10 = 60
        2: POST,  # 100
        3: replace(POST, town_id=2),  # 95
        4: replace(POST, town_id=2),  # 95, same as 3: by id
        5: replace(POST, occupation="维修电工", wage_max=5500),  # 15+10+10+10+10+10+10 = 75
    }
    ranked = rank(posts, lambda i: score(SEEKER, posts[i], TODAY), key=lambda i: i)
    assert [(i, s.total) for i, s in ranked] == [(2, 100), (3, 95), (4, 95), (5, 75), (1, 60)]
    assert [i for i, _s in rank(posts, lambda i: score(SEEKER, posts[i], TODAY), lambda i: i, 2)] == [2, 3]


def test_ranking_with_a_bound_stops_reading_and_keeps_the_full_ranking() -> None:
    """Items come with a non-increasing upper bound of their score (app/domain/matching.py: the SQL points plus the
    parts scored in Python); once `limit` items beat the next bound, nothing after it is read."""
    posts = {
        1: POST,  # 100
        2: replace(POST, town_id=2),  # 95
        3: replace(POST, skill_level="3"),  # 95
        4: replace(POST, occupation="维修电工"),  # 85
        5: replace(POST, occupation="收银员", category="2"),  # 60
    }
    bounds = {1: 100, 2: 100, 3: 100, 4: 85, 5: 70}
    read: list[int] = []

    def items() -> Iterator[int]:
        for i in posts:
            read.append(i)
            yield i

    def score_of(i: int) -> Score:
        return score(SEEKER, posts[i], TODAY)

    full = rank(posts, score_of, key=lambda i: i)
    for limit in (1, 2, 3, 4):
        read.clear()
        assert rank(items(), score_of, lambda i: i, limit, bound=bounds.__getitem__) == full[:limit]
        assert len(read) == (4 if limit < 4 else 5)  # 5 is never read while the top 3 beat 85
