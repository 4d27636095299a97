// The feedback form's idle timeout warning: five minutes before the answers would be
// cleared, offer to keep them. The page works without it (the limit is stated in text).
(function () {
  "use strict";
  var warning = document.getElementById("timeout-warning");
  if (!warning || !window.fetch) return;
  var idle = parseInt(warning.getAttribute("data-idle-minutes"), 10) * 60 * 1000;
  var lead = Math.min(5 * 60 * 1000, idle / 2);
  var keep = document.getElementById("timeout-keep");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  var returnFocus = null;

  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(show, idle - lead);
  }

  function show() {
    returnFocus = document.activeElement;
    warning.hidden = false;
    keep.focus();
  }

  keep.addEventListener("click", function () {
    fetch(warning.getAttribute("data-keepalive-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" }
    }).then(function () {
      warning.hidden = true;
      if (returnFocus && returnFocus.focus) returnFocus.focus();
      arm();
    });
  });
  warning.addEventListener("keydown", function (event) {
    if (event.key === "Escape") keep.click();
  });
  arm();
})();
