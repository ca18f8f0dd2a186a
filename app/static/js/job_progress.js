/* Job progress page: polls the job's status endpoint every second until the job has finished,
   updating the progress bar, the counts and the download button; a job with a next page (an import
   check) goes on to it when it finishes while watched. Plain JS, no library. */
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var watched = box.getAttribute("data-finished") !== "1"; // whether this page saw the job unfinished

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function render(state) {
    var bar = document.getElementById("job-bar");
    bar.style.width = state.percent + "%";
    bar.setAttribute("aria-valuenow", state.percent);
    bar.textContent = state.percent + "%";
    bar.classList.toggle("active", !state.finished);
    bar.classList.toggle("progress-bar-success", state.status === "done");
    bar.classList.toggle("progress-bar-danger", state.status === "failed");
    text("job-status", state.status_label);
    text("job-message", state.message);
    text("job-done", state.done);
    text("job-total", state.total === null ? "?" : state.total);
    text("job-duration", state.duration);
    var error = document.getElementById("job-error");
    error.textContent = state.error;
    error.classList.toggle("hidden", !state.error); // Bootstrap's .hidden: .btn overrides [hidden]
    var download = document.getElementById("job-download");
    if (state.download_url) {
      download.href = state.download_url;
      text("job-result-name", state.result_name);
    }
    download.classList.toggle("hidden", !state.download_url);
    var next = document.getElementById("job-next");
    if (state.next_url) {
      next.href = state.next_url;
    }
    next.classList.toggle("hidden", !state.next_url);
    var retry = document.getElementById("job-retry"); // only the job's own user retries a failed job
    retry.classList.toggle("hidden", state.status !== "failed" || retry.getAttribute("data-own") !== "1");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        render(state);
        if (!state.finished) {
          window.setTimeout(poll, 1000);
        } else if (watched && state.next_url) {
          window.location.assign(state.next_url); // the user waited for this job: carry on
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  poll();
})();
