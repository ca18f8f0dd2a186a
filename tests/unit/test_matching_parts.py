"""人岗匹配 (app/rules/matching.py): every component's points and reason at its edges, with an odd weight (7)
so that half points are visibly rounded down (3), and unknown codes read as the lowest level."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from app.rules import matching
from app.rules.matching import EDUCATION_LEVEL, Post, Seeker, education_codes_meeting

TODAY = date(2026, 10, 20)
W = 7


def age(seeker: Seeker, post: Post, weight: int) -> tuple[int, str]:
    return matching.age(seeker, post, weight, TODAY)


@pytest.mark.parametrize(
    ("component", "seeker", "post", "part"),
    [
        (matching.occupation, Seeker(occupation=""), Post(occupation="电工"), (0, "工种未填写")),
        (
            matching.occupation,
            Seeker(occupation="电工"),
            Post(occupation="维修电工"),
            (3, "意向工种“电工”与岗位“维修电工”相近"),
        ),
        (matching.category, Seeker(), Post(category="3"), (0, "岗位类别未填写")),
        (matching.category, Seeker(category="3"), Post(category="3"), (W, "岗位类别一致")),
        (matching.category, Seeker(category="3"), Post(category="4"), (0, "岗位类别不同")),
        (matching.wage, Seeker(), Post(wage_max=6000), (3, "薪资未填写或面议")),
        (
            matching.wage,
            Seeker(wage_min=6000, wage_max=8000),
            Post(wage_min=8000, wage_max=9000),
            (
                W,
                "岗位薪资可达9000元，满足期望6000元",
            ),  # starting at the top of the expectation is not above it
        ),
        (
            matching.wage,
            Seeker(wage_min=6000),
            Post(wage_max=6000),
            (W, "岗位薪资可达6000元，满足期望6000元"),
        ),
        (
            matching.wage,
            Seeker(wage_min=6000),
            Post(wage_max=5400),
            (3, "岗位薪资最高5400元，略低于期望6000元"),
        ),
        (matching.education, Seeker(), Post(), (W, "无学历要求")),
        (matching.education, Seeker(), Post(education="61"), (0, "文化程度未登记")),
        (matching.education, Seeker(education="41"), Post(education="61"), (W, "文化程度符合要求")),
        (matching.education, Seeker(education="99"), Post(education="81"), (0, "文化程度低于要求")),
        (matching.education, Seeker(education="90"), Post(education="99"), (W, "文化程度符合要求")),
        (age, Seeker(birth_date=date(1990, 5, 1)), Post(age_min=18), (W, "年龄36岁，符合要求")),
        (age, Seeker(birth_date=date(1990, 5, 1)), Post(age_max=45), (W, "年龄36岁，符合要求")),
        (age, Seeker(), Post(age_min=18), (3, "出生日期不详")),
        (age, Seeker(birth_date=date(2008, 10, 20)), Post(age_min=18, age_max=45), (W, "年龄18岁，符合要求")),
        (age, Seeker(birth_date=date(1981, 10, 20)), Post(age_min=18, age_max=45), (W, "年龄45岁，符合要求")),
        (
            age,
            Seeker(birth_date=date(1980, 10, 20)),
            Post(age_min=18, age_max=45),
            (0, "年龄46岁，不符合要求"),
        ),
        (age, Seeker(birth_date=date(1990, 5, 1)), Post(), (W, "无年龄要求")),
        (matching.town, Seeker(), Post(town_id=1), (3, "区内岗位")),
        (matching.town, Seeker(town_id=1), Post(town_id=1), (W, "同一街镇")),
        (matching.town, Seeker(town_id=1), Post(town_id=2), (3, "区内其他街镇")),
        (matching.skill, Seeker(), Post(skill_level="9"), (W, "无职业资格要求")),
        (matching.skill, Seeker(skill_level="9"), Post(skill_level="5"), (3, "职业资格等级低一级")),
        (matching.skill, Seeker(skill_level="4"), Post(skill_level="5"), (W, "职业资格等级符合要求")),
        (matching.skill, Seeker(), Post(skill_level="3"), (0, "职业资格等级不足")),
    ],
)
def test_matching_parts__points_and_reason(
    component: Callable[[Seeker, Post, int], tuple[int, str]],
    seeker: Seeker,
    post: Post,
    part: tuple[int, str],
) -> None:
    assert component(seeker, post, W) == part


def test_matching_education_filter__an_unknown_requirement_admits_every_level() -> None:
    assert education_codes_meeting("99") == sorted(EDUCATION_LEVEL)


def test_matching_rank__equal_scores_in_key_order() -> None:
    scores = {3: 50, 1: 50, 2: 80}
    ranked = matching.rank([3, 1, 2], lambda n: matching.Score(scores[n], ()), key=lambda n: n)
    assert [n for n, _ in ranked] == [2, 1, 3]
