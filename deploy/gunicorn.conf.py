"""gunicorn settings of the production profile (`make serve`, README "Production"): several sync workers, each
with its own app from the factory, behind a reverse proxy. Every setting can be overridden from the
environment: GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS."""

import multiprocessing
import os

wsgi_app = "app:create_app()"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(min(8, multiprocessing.cpu_count() * 2 + 1))))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a big synchronous export or preview
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # a worker is renewed now and then
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
