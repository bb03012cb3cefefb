// Progressive enhancement only: every page works without this file.
// Clicking a citation pins its source sentence open (instead of jumping away)
// and highlights the cited article; Escape or a click elsewhere closes it.
(function () {
  "use strict";
  function closeAll(except) {
    document.querySelectorAll(".citewrap.open").forEach(function (w) {
      if (w !== except) { w.classList.remove("open"); }
    });
    document.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
  }
  document.addEventListener("click", function (ev) {
    var cite = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (!cite) {
      if (!ev.target.closest || !ev.target.closest(".pop")) { closeAll(null); }
      return;
    }
    ev.preventDefault();
    var wrap = cite.parentElement;
    var wasOpen = wrap.classList.contains("open");
    closeAll(wrap);
    if (wasOpen) { wrap.classList.remove("open"); return; }
    wrap.classList.add("open");
    var sent = cite.closest(".sent");
    if (sent) { sent.classList.add("lit"); }
    var target = document.getElementById("a-" + cite.getAttribute("data-src"));
    if (target) { target.classList.add("lit"); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      closeAll(null);
      if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    }
  });
  // While an upload is processing, poll its status instead of reloading the page.
  var job = document.getElementById("job");
  if (job && /state-(queued|running)/.test(job.className)) {
    var refresh = document.querySelector('meta[http-equiv="refresh"]');
    if (refresh) { refresh.parentNode.removeChild(refresh); }
    var poll = function () {
      fetch("/api/v1/jobs/" + encodeURIComponent(job.getAttribute("data-job")), {headers: {Accept: "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (j.state === "done" || j.state === "failed") { window.location.reload(); return; }
          var p = job.querySelector(".job-progress");
          var s = job.querySelector(".job-state");
          if (s) { s.textContent = j.state; }
          if (p) { p.textContent = (j.stage || "waiting") + (j.total ? ": " + j.done + " of " + j.total : ""); }
          setTimeout(poll, 700);
        })
        .catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 500);
  }
}());
