// Hovering, focusing or tapping a point of a chart writes its date, author, value and
// note under the chart. The page needs no script: each point has a tooltip (its
// <title>) and each chart a table of its check-ins; this only makes them quicker to read.
(function () {
  "use strict";
  function show(event) {
    var target = event.target;
    var point = target && target.closest ? target.closest(".pt") : null;
    var figure = point ? point.closest("figure") : null;
    var readout = figure ? figure.querySelector(".readout") : null;
    if (readout) {
      readout.textContent = point.getAttribute("aria-label");
    }
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("click", show);
})();
