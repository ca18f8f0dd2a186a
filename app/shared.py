"""What every process of the deployment shares outside the database: the store of RATELIMIT_STORAGE_URI (Redis
in production, `memory://` for one process). It counts login limits, records ended sessions
(app/security/sessions.py) and numbers the generations of the process caches: a process keeps its copy of the
code lists or the working-day calendar while the cache's generation in the store is the one it loaded with,
and a writer's edit moves the generation on, so every other worker drops its copy on its next request."""

from __future__ import annotations

from flask import current_app, g, has_request_context
from limits.storage import Storage, storage_from_string

GENERATION = "cache-generation/"
KEEP_SECONDS = 366 * 24 * 3600  # a generation the store forgot reads 0: a change too, the caches reload


def store() -> Storage:
    app = current_app
    if "shared_store" not in app.extensions:
        app.extensions["shared_store"] = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    storage: Storage = app.extensions["shared_store"]
    return storage


def generation(cache: str) -> int | None:
    """The cache's generation, read from the store once per request (the request's look-ups share it); None
    outside a request (a job or a command reading codes per cell relies on the cache's time limit)."""
    if not has_request_context():
        return None
    seen: dict[str, int] = g.setdefault("cache_generations", {})
    if cache not in seen:
        seen[cache] = int(store().get(GENERATION + cache))
    return seen[cache]


def invalidate(cache: str) -> None:
    """Every process's copy of the cache is stale from now on (this request's too)."""
    value = int(store().incr(GENERATION + cache, KEEP_SECONDS))
    if has_request_context():
        g.setdefault("cache_generations", {})[cache] = value
