"""Excel tests run with a real job worker at hand: imports are written by jobs, big exports become jobs."""

from tests.background.conftest import app, jobs_config, worker  # noqa: F401  (fixtures)
