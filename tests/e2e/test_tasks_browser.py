"""我的任务 in a real browser, with `flask jobs worker` running beside the server: a town clerk starts the
statistics job, the progress page polls until the bar is full and offers the download."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, LiveServer, flask, server_env, stop
from tests.e2e.steps import log_in


@pytest.fixture
def start_worker(live_server: LiveServer) -> Iterator[Callable[[], None]]:
    """Starts the worker as `make run` does, on the live server's database and queue (stopped after)."""
    env = server_env(live_server.database_url, live_server.log.parent)
    log = live_server.log.parent / "worker.log"
    processes: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        with log.open("ab") as log_file:
            processes.append(
                subprocess.Popen(
                    flask("jobs", "worker", "--workers", "1"),
                    cwd=ROOT,
                    env=env,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            )

    try:
        yield start
    finally:
        for process in processes:
            stop(process)


@pytest.mark.e2e
def test_statistics_job__progress_page_fills_and_offers_download(
    page: Any, start_worker: Callable[[], None]
) -> None:
    log_in(page, "renhe_jingban")
    page.goto("/jobs/")
    with page.expect_navigation():
        page.get_by_role("button", name="劳动力就业状态统计表").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page.locator("#job-status")).to_have_text("排队中")  # no worker yet: the job waits
    expect(page.locator("#job-download")).to_be_hidden()

    # the worker starts; the page, polling the status endpoint, fills the bar and offers the download
    start_worker()
    expect(page.locator("#job-status")).to_have_text("已完成", timeout=60_000)
    expect(page.locator("#job-bar")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#job-error")).to_be_hidden()
    download_button = page.locator("#job-download")
    expect(download_button).to_be_visible()
    with page.expect_download() as download_info:
        download_button.click()
    name = download_info.value.suggested_filename
    assert name.startswith("劳动力就业状态统计表_仁和镇_") and name.endswith(".xlsx"), name

    page.goto("/jobs/")
    row = page.locator("#jobs-table tr.job-row").first
    expect(row).to_contain_text("已完成")
    expect(row.locator("a.btn-success")).to_contain_text(".xlsx")


@pytest.mark.e2e
def test_import_check_job__progress_page_goes_on_to_the_preview_then_commit(
    page: Any, start_worker: Callable[[], None], tmp_path: Path
) -> None:
    """The server runs with IMPORT_PREVIEW_JOB_KB=0: every upload is checked by a job. The clerk uploads
    their own export (rows already in the ledger skipped); the job's page goes on to the preview by itself."""
    log_in(page, "renhe_jingban")
    start_worker()
    exported = page.request.get("/ledger/person/export/xlsx")
    assert exported.ok
    path = tmp_path / "人员.xlsx"
    path.write_bytes(exported.body())
    page.goto("/ledger/person/import/")
    page.set_input_files("#file", str(path))
    page.check("input[name=on_existing][value=skip]")
    with page.expect_navigation():
        page.click("#import-form [type=submit]")
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page).to_have_url(re.compile(r"/ledger/person/import/preview/\w+$"), timeout=60_000)
    expect(page.locator("#count-skip")).not_to_have_text("0")
    expect(page.locator("#count-new")).to_have_text("0")
    with page.expect_navigation():
        page.get_by_role("button", name="确认写入").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page.locator("#job-status")).to_have_text("已完成", timeout=60_000)
    expect(page.locator("#job-message")).to_contain_text("跳过")
