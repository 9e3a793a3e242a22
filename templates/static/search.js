// Filters /search-index.json in the browser: substring matching, so Chinese text works too.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status) return;
  var index = null;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";

  function fold(s) { return (s || "").toLocaleLowerCase(); }

  function render() {
    if (!index) return;
    var q = fold(input.value.trim());
    list.textContent = "";
    if (!q) { status.textContent = status.dataset.intro || status.textContent; return; }
    var terms = q.split(/\s+/);
    var hits = index.filter(function (e) {
      var hay = fold(e.t + " " + e.s + " " + (e.k || []).join(" "));
      return terms.every(function (t) { return hay.indexOf(t) !== -1; });
    });
    hits.slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      li.className = "item";
      var h = document.createElement("h3");
      h.className = "item-title";
      var a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t;
      h.appendChild(a);
      li.appendChild(h);
      if (e.d || e.s) {
        var p = document.createElement("p");
        p.className = "summary";
        p.textContent = (e.d ? e.d + " · " : "") + (e.s || "");
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    status.textContent = hits.length + " / " + index.length;
  }

  status.dataset.intro = status.textContent;
  fetch("/search-index.json")
    .then(function (r) { return r.json(); })
    .then(function (data) { index = data; render(); })
    .catch(function () { status.textContent = "The search index could not be loaded."; });
  input.addEventListener("input", render);
})();
