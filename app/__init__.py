"""精细化就业管理服务台账系统 — the application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_appbuilder import AppBuilder
from flask_appbuilder.models.sqla.base import SQLA
from flask_migrate import Migrate

from app import audit, codes, config, holidays, jobs, templating
from app.dates import zh_date
from app.rules import masking
from app.security.passwords import check_password_policy
from models import Model

db = SQLA(metadata=Model.metadata)
migrate = Migrate()


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build one app with its own AppBuilder (tests build one per test)."""
    app = Flask(__name__, instance_path=str(config.INSTANCE))
    app.config.update(config.build(overrides))
    app.config["FAB_PASSWORD_COMPLEXITY_VALIDATOR"] = check_password_policy
    app.jinja_env.filters["zh_date"] = zh_date
    app.jinja_env.filters["mask_name"] = masking.mask_name
    app.jinja_env.filters["mask_id"] = masking.mask_id
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(config.ROOT / "migrations"), compare_type=True, render_as_batch=True
    )
    audit.install()
    codes.clear_cache()
    templating.expose_fab_originals(app)
    holidays.init_app(app)
    with app.app_context():
        appbuilder = AppBuilder(update_perms=app.config["FAB_UPDATE_PERMS"])
        appbuilder.init_app(app, db.session)
        from views import register_all

        register_all(appbuilder)
    jobs.init_app(app)
    from app.cli import register_commands

    register_commands(app)
    return app
