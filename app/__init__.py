"""精细化就业管理服务台账系统 — the application factory."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from flask import Flask
from flask_appbuilder import AppBuilder
from flask_appbuilder.models.sqla.base import SQLA
from flask_migrate import Migrate

from app import audit, background, codes, config, operations, templating
from app.calendar import store as calendar_store
from app.dates import zh_date
from app.rules import masking
from app.security import csrf, headers, login_limits
from app.security.passwords import check_password_policy
from app.services import policy
from app.web import errors, menu_cache
from models import Model

db = SQLA(metadata=Model.metadata)
migrate = Migrate()


def kernel_services() -> tuple[ModuleType, ...]:
    """The kernel modules whose import registers the kernel's own hooks on every ledger (app.ledger.registry
    KERNEL): a workflow's deadlines, follow-ups, duties and workflow steps in the inbox, the "materials"
    precondition and the public notice's. Imported by the factory, so every process has them."""
    from app.services import duties, followups, materials, notices
    from app.workflow import commands, inbox

    return (commands, inbox, duties, followups, materials, notices)


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build one app with its own AppBuilder (tests build one per test)."""
    app = Flask(__name__, instance_path=str(config.INSTANCE))
    app.config.update(config.build(overrides))
    app.config["FAB_PASSWORD_COMPLEXITY_VALIDATOR"] = check_password_policy
    app.jinja_env.filters["zh_date"] = zh_date
    app.jinja_env.filters["mask_name"] = masking.mask_name
    app.jinja_env.filters["mask_id"] = masking.mask_id
    app.jinja_env.globals["parameter_readings"] = policy.shown_readings  # a result's parameters by name
    app.jinja_env.globals["cached_menu"] = menu_cache.cached_menu
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(config.ROOT / "migrations"), compare_type=True, render_as_batch=True
    )
    with app.app_context():
        operations.install(app, db.engine)  # proxy headers, the 413 answer, SQLite WAL and busy timeout
    audit.install()
    codes.clear_cache()
    templating.expose_fab_originals(app)
    # security: CSRF before AppBuilder (FAB exempts its bearer-token APIs), headers, the 429 page
    csrf.init_app(app)
    headers.init_app(app)
    login_limits.init_app(app)
    errors.init_app(app)  # Chinese error pages with the way back; Chinese API error messages
    calendar_store.init_app(app)
    from app import domain
    from app.cli import register_commands
    from seed.cli import register_seed_commands
    from views import register_all

    kernel_services()
    domain.load(app)  # every ledger's spec and rules, before any view
    with app.app_context():
        appbuilder = AppBuilder(update_perms=app.config["FAB_UPDATE_PERMS"])
        appbuilder.init_app(app, db.session)
        register_all(appbuilder)
    templating.install(app, appbuilder)
    background.init_app(app)
    register_commands(app)
    register_seed_commands(app)
    return app
