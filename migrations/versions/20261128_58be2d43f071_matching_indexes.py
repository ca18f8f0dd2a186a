"""matching indexes: 人岗匹配 (app/matching.py) reads the valid vacancies / registrations and every column it
scores from one covering index each, without visiting the rows (bench/matching.py: the index on
registered_on or valid_until alone made SQLite look up 27,000 rows one by one)

Revision ID: 58be2d43f071
Revises: 850b7cea566d
Create Date: 2026-11-28 03:25:28.665280

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "58be2d43f071"
down_revision = "850b7cea566d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("job_seeker", schema=None) as batch_op:
        batch_op.create_index(
            "ix_job_seeker_matching",
            [
                "voided_at",
                "registered_on",
                "valid_until",
                "org_id",
                "intended_occupation",
                "intended_category",
                "wage_expected_min",
                "wage_expected_max",
                "preferred_town_id",
                "skill_level",
                "person_id",
            ],
            unique=False,
        )

    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.create_index(
            "ix_vacancy_matching",
            [
                "state",
                "voided_at",
                "valid_until",
                "valid_from",
                "occupation",
                "category",
                "wage_min",
                "wage_max",
                "education",
                "age_min",
                "age_max",
                "skill_level",
                "work_town_id",
                "org_id",
            ],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_index("ix_vacancy_matching")

    with op.batch_alter_table("job_seeker", schema=None) as batch_op:
        batch_op.drop_index("ix_job_seeker_matching")
