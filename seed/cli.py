"""`flask seed` (reference data: permissions, roles, the org tree, code lists, workflows' duties, policy
parameters; idempotent) and `flask seed-demo` (the demo accounts, a deterministic labour force and the demo
office's ledgers)."""

from __future__ import annotations

import click
from flask import Flask, current_app


def register_seed_commands(app: Flask) -> None:
    @app.cli.command("seed")
    def seed_command() -> None:
        """Load permissions, roles, the org tree and code lists (idempotent)."""
        from seed.reference import load_reference

        counts = load_reference(current_app.appbuilder)
        click.echo(f"参考数据已加载：新增机构 {counts['org_units']} 个，字典项 {counts['code_items']} 个")

    @app.cli.command("seed-demo")
    @click.option("--persons", default=5000, show_default=True, help="labour-force persons to generate")
    @click.option("--seed", "seed_value", default=2026, show_default=True, help="random seed")
    @click.option("--if-empty", is_flag=True, help="do nothing when persons already exist")
    def seed_demo_command(persons: int, seed_value: int, if_empty: bool) -> None:
        """Create the demo accounts, a deterministic labour force and the demo office's ledgers."""
        from app import clock
        from seed.demo.ledgers import seed_demo_ledgers
        from seed.demo.person import person_count, seed_persons, seed_users
        from seed.reference import load_reference

        appbuilder = current_app.appbuilder
        load_reference(appbuilder)
        users = seed_users(appbuilder)
        if if_empty and person_count(appbuilder.session) > 0:
            click.echo("演示数据已存在，跳过")
            return
        with click.progressbar(length=persons, label="生成劳动力数据") as bar:
            seed_persons(appbuilder.session, persons, seed_value)
            bar.update(persons)
        filled = seed_demo_ledgers(appbuilder, clock.today(), seed_value)
        click.echo(
            f"演示账号：{', '.join(users) or '已存在'}；劳动力 {persons} 人；"
            + ("演示台账已生成" if filled else "演示台账已存在")
        )
