// Selecting a finding lights up its sentence, its claims and its cells.
// Plain DOM, no framework: the page works without it (links fall back to ?finding=N).
(function () {
  "use strict";
  function ids(el, name) {
    var v = el.getAttribute(name);
    return v ? v.split(" ").filter(Boolean) : [];
  }
  function clear() {
    document.querySelectorAll(".lit, .lit-sentence, .finding.selected").forEach(function (el) {
      el.classList.remove("lit", "lit-sentence", "selected");
    });
  }
  function select(finding) {
    clear();
    finding.classList.add("selected");
    var first = null;
    ids(finding, "data-claims").forEach(function (c) {
      document.querySelectorAll(".piece").forEach(function (p) {
        if (ids(p, "data-claims").indexOf(c) >= 0) { p.classList.add("lit"); first = first || p; }
        else if (ids(p, "data-sentences").indexOf(c) >= 0) { p.classList.add("lit-sentence"); first = first || p; }
      });
    });
    ids(finding, "data-cells").forEach(function (cell) {
      document.querySelectorAll("td[data-cell]").forEach(function (td) {
        if (td.getAttribute("data-cell") === cell) { td.classList.add("lit"); first = first || td; }
      });
    });
    if (first) { first.scrollIntoView({block: "center", behavior: "smooth"}); }
    if (history.replaceState) {
      history.replaceState(null, "", "?finding=" + finding.getAttribute("data-finding") + "#f" + finding.getAttribute("data-finding"));
    }
  }
  document.querySelectorAll(".finding").forEach(function (finding) {
    finding.addEventListener("click", function (ev) {
      var t = ev.target;
      if (t.closest("form")) { return; }
      if (t.closest("a.locate")) { ev.preventDefault(); }
      select(finding);
    });
  });
})();
