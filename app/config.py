"""Settings, read from the environment so one build runs on a laptop and on the district server.

DATABASE_URL   SQLAlchemy URL (default: SQLite file in instance/)
SECRET_KEY     required outside development (FLASK_DEBUG / TAIZHANG_DEV unset): 32+ characters, not a known value
AUTH_RATE_LIMIT, AUTH_IP_RATE_LIMIT  failed logins allowed per account and address / per address (10 and 50 per 5 minute)
RATELIMIT_STORAGE_URI  login limits and ended sessions (memory:// by default; redis://… with several workers)
SECURE_COOKIES  1 (default outside development): session cookies only over HTTPS; 0 for plain HTTP
JOBS_URL       huey storage: unset = SQLite at instance/jobs.db; redis://… in production
JOBS_RESULTS_DIR     where result files are written (default instance/jobs/<job id>/)
JOBS_RETENTION_DAYS  days a job and its result file are kept (default 7)
IMPORT_MAX_MB  largest file an import accepts (default 50)
ATTACHMENTS_DIR, ATTACHMENT_MAX_MB  where scanned materials are stored (instance/attachments/) and their size limit (10)
EXPORT_JOB_ROWS  exports with more rows run as a background job (default 20000)
SMS_ADAPTER    SMS gateway adapter: "record" (default: records, sends nothing) or "module:Class" (app/domain/sms.py)
SERVICE_HOTLINE  the phone on the public vacancy pages (default 69405180, views/vacancy.py)
JOB_SEEKER_VALID_MONTHS  validity of a job-seeker registration when none is entered (default 3; app/domain/job_seeker.py)
IMPORT_PREVIEW_JOB_KB  uploads larger than this are checked by a background job (default 200)
MAX_UPLOAD_MB  largest request body (every upload route; default 50): 413 with a Chinese message beyond it
IMPORT_MAX_ROWS, IMPORT_MAX_CELLS, IMPORT_MAX_SHEET_MB  a workbook's sheet limits (200000 rows, 5000000
               cells from A1, 256 MB of uncompressed sheet XML), checked before the sheet is read
JOBS_HEARTBEAT_TIMEOUT  seconds without a heartbeat after which a running task is failed (default 300)
PROXY_FIX_X_FOR, PROXY_FIX_X_PROTO, PROXY_FIX_X_HOST  reverse proxies trusted for X-Forwarded-* (default 0: none)
RATELIMIT_STORAGE_URI  where rate limits are counted (memory:// by default; redis://… with several workers)
INBOX_BADGE_SECONDS  how long the navbar's to-do count is kept per user (default 30; 0: counted on every page;
               the user's own changes show at once, app/workflow/badge.py)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-only-secret-not-for-production"  # noqa: S105 - refused outside development


def is_development() -> bool:
    return os.environ.get("TAIZHANG_DEV") == "1" or os.environ.get("FLASK_DEBUG") == "1"


WEAK_SECRETS = {DEV_SECRET, "secret", "changeme", "change-me", "dev", "development", "thisismysecretkey"}
MIN_SECRET_LENGTH = 32


def secret_key() -> str:
    """SECRET_KEY signs the session cookies: outside development it must be set, long and not a known one."""
    key = os.environ.get("SECRET_KEY", "")
    if is_development():
        return key or DEV_SECRET
    if not key:
        raise RuntimeError("SECRET_KEY must be set outside development (TAIZHANG_DEV=1 allows a dev key)")
    if len(key) < MIN_SECRET_LENGTH or key.lower() in WEAK_SECRETS:
        raise RuntimeError(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_LENGTH} random characters, not a known value "
            '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    return key


def security_settings() -> dict[str, Any]:
    """CSRF, login limits and cookie flags; the cookies are HTTPS-only outside development (SECURE_COOKIES=0
    for a server reached over plain HTTP only, e.g. a loopback test of the production profile)."""
    production = not is_development()
    secure = os.environ.get("SECURE_COOKIES", "1" if production else "0") == "1"
    return {
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session (idle timeout below)
        # failed logins only (app/security/login_limits.py): per account and address, and per address
        "AUTH_IP_RATE_LIMIT": os.environ.get("AUTH_IP_RATE_LIMIT", "50 per 5 minute"),
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "HSTS": production,  # Strict-Transport-Security on HTTPS responses (app/security/headers.py)
    }


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url.replace("postgres://", "postgresql://", 1)
    INSTANCE.mkdir(exist_ok=True)
    return f"sqlite:///{INSTANCE / 'taizhang.db'}"


def operations() -> dict[str, Any]:
    """Limits and deployment settings (upload and workbook sizes, task heartbeat, reverse proxy)."""
    env = os.environ.get
    return {
        "MAX_CONTENT_LENGTH": int(env("MAX_UPLOAD_MB", "50")) * 1024 * 1024,
        "IMPORT_MAX_ROWS": int(env("IMPORT_MAX_ROWS", "200000")),
        "IMPORT_MAX_CELLS": int(env("IMPORT_MAX_CELLS", "5000000")),
        "IMPORT_MAX_SHEET_BYTES": int(env("IMPORT_MAX_SHEET_MB", "256")) * 1024 * 1024,
        "JOBS_HEARTBEAT_TIMEOUT": int(env("JOBS_HEARTBEAT_TIMEOUT", "300")),
        "PROXY_FIX_X_FOR": int(env("PROXY_FIX_X_FOR", "0")),
        "PROXY_FIX_X_PROTO": int(env("PROXY_FIX_X_PROTO", "0")),
        "PROXY_FIX_X_HOST": int(env("PROXY_FIX_X_HOST", "0")),
    }


def build(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The app config as a dict; tests pass overrides (a fresh database, rate limits off)."""
    settings: dict[str, Any] = {
        "SECRET_KEY": secret_key(),
        "SQLALCHEMY_DATABASE_URI": database_url(),
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        "APP_NAME": "精细化就业管理服务台账系统",
        "APP_THEME": "",
        "WTF_CSRF_ENABLED": True,
        "AUTH_TYPE": 1,  # AUTH_DB
        "AUTH_ROLE_ADMIN": "系统管理员",
        "AUTH_ROLE_PUBLIC": "Public",
        "AUTH_USER_REGISTRATION": False,
        "AUTH_RATE_LIMITED": True,
        "AUTH_RATE_LIMIT": os.environ.get("AUTH_RATE_LIMIT", "10 per 5 minute"),
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "FAB_PASSWORD_COMPLEXITY_ENABLED": True,
        # FAB_PASSWORD_COMPLEXITY_VALIDATOR is set by create_app (it must be a callable)
        "FAB_API_SWAGGER_UI": True,
        "FAB_CREATE_DB": False,  # the schema belongs to Alembic migrations
        "FAB_ADD_SECURITY_API": False,
        # roles are data (seed/roles.py): FAB's raw permission tables (internal view and permission names) stay
        # out of the admin's menu
        "FAB_ADD_SECURITY_PERMISSION_VIEW": False,
        "FAB_ADD_SECURITY_VIEW_MENU_VIEW": False,
        "FAB_ADD_SECURITY_PERMISSION_VIEWS_VIEW": False,
        "FAB_UPDATE_PERMS": False,  # permissions are synced by `flask seed`, after migrations
        "FAB_SECURITY_MANAGER_CLASS": "app.security.manager.LedgerSecurityManager",
        "FAB_INDEX_VIEW": "app.home.HomeView",
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "LANGUAGES": {"zh": {"flag": "cn", "name": "中文"}, "en": {"flag": "gb", "name": "English"}},
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(os.environ.get("IDLE_TIMEOUT_MINUTES", "30"))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "LEDGER_PAGE_SIZE": 20,
        "INBOX_BADGE_SECONDS": int(os.environ.get("INBOX_BADGE_SECONDS", "30")),
        "JOBS_URL": os.environ.get("JOBS_URL", ""),
        "JOBS_QUEUE_NAME": "taizhang",
        "JOBS_RESULTS_DIR": os.environ.get("JOBS_RESULTS_DIR", str(INSTANCE / "jobs")),
        "JOBS_RETENTION_DAYS": int(os.environ.get("JOBS_RETENTION_DAYS", "7")),
        "IMPORT_MAX_BYTES": int(os.environ.get("IMPORT_MAX_MB", "50")) * 1024 * 1024,
        "EXPORT_JOB_ROWS": int(os.environ.get("EXPORT_JOB_ROWS", "20000")),
        "ATTACHMENTS_DIR": os.environ.get("ATTACHMENTS_DIR", str(INSTANCE / "attachments")),
        "ATTACHMENT_MAX_BYTES": int(os.environ.get("ATTACHMENT_MAX_MB", "10")) * 1024 * 1024,
        "SMS_ADAPTER": os.environ.get("SMS_ADAPTER", "record"),
        "SERVICE_HOTLINE": os.environ.get("SERVICE_HOTLINE"),  # None: the default of views/vacancy.py
        "JOB_SEEKER_VALID_MONTHS": int(os.environ.get("JOB_SEEKER_VALID_MONTHS", "3")),
        "IMPORT_PREVIEW_JOB_BYTES": int(os.environ.get("IMPORT_PREVIEW_JOB_KB", "200")) * 1024,
        **operations(),
        **security_settings(),
    }
    if overrides:
        settings.update(overrides)
    return settings
