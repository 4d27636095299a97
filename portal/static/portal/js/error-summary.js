// The error summary of a form sent with mistakes is focused when the page loads. The
// `autofocus` attribute does it without a script; this repeats it for browsers that
// ignore `autofocus` on an element that is not a form control.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary && !summary.contains(document.activeElement)) {
    summary.focus();
  }
})();
