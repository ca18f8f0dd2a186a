"""Background tasks with progress (the UI calls them 任务): the task registry, submission and progress
(tasks.py), the worker side (runner.py), the heartbeat of running jobs (heartbeat.py), the retry button
(retry.py) and `flask jobs worker` / `flask jobs purge` (cli.py).
`from app import background` gives the API of tasks.py: `background.task`, `background.submit`, ..."""

from app.background.heartbeat import recover
from app.background.tasks import (
    PERIODIC,
    TASKS,
    TaskContext,
    TaskError,
    bind_periodic,
    build_huey,
    init_app,
    is_admin,
    live_progress,
    periodic,
    progress_key,
    purge,
    queue,
    register_cleanup,
    resubmit,
    result_file,
    results_dir,
    submit,
    task,
    visible_jobs,
)

__all__ = [
    "PERIODIC",
    "TASKS",
    "TaskContext",
    "TaskError",
    "bind_periodic",
    "build_huey",
    "init_app",
    "is_admin",
    "live_progress",
    "periodic",
    "progress_key",
    "purge",
    "recover",
    "queue",
    "register_cleanup",
    "result_file",
    "results_dir",
    "resubmit",
    "submit",
    "task",
    "visible_jobs",
]
