"""岗位信息: the values of a vacancy row."""

from __future__ import annotations

from typing import Any


def vacancy_values(employer_id: int, org_id: int, n: int = 0) -> dict[str, Any]:
    return {
        "org_id": org_id,
        "employer_id": employer_id,
        "employer": employer_id,
        "occupation": f"数控车工{n}",
        "category": "3",
        "headcount": 5,
        "wage_min": 5000,
        "wage_max": 8000,
        "education": "41",
        "age_min": 18,
        "age_max": 45,
        "skill_level": "4",
        "valid_from": "2026-10-01",
        "valid_until": "2026-12-31",
        "urgency": "1",
        "source": "02",
    }
