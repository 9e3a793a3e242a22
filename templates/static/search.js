// Filters /search-index.json in the browser. Matching is by substring after case and width
// folding, so Chinese text (no spaces between words) matches as well as English or German.
// The page reads fine without this script: it only adds results under the search box.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status || !window.fetch) return;
  var intro = status.textContent;
  var index = null;
  input.value = new URLSearchParams(window.location.search).get("q") || "";

  function fold(s) {
    return (s || "").normalize("NFKC").toLocaleLowerCase();
  }

  function item(e) {
    var li = document.createElement("li");
    li.className = "item";
    var h = document.createElement("h2");
    h.className = "item-title";
    var a = document.createElement("a");
    a.href = e.u;
    a.textContent = e.t;
    if (e.l) a.lang = e.l;
    h.appendChild(a);
    li.appendChild(h);
    if (e.d) {
      var meta = document.createElement("p");
      meta.className = "meta";
      var time = document.createElement("time");
      time.dateTime = e.d;
      time.textContent = e.d;
      meta.appendChild(time);
      li.appendChild(meta);
    }
    if (e.s) {
      var p = document.createElement("p");
      p.className = "summary";
      p.textContent = e.s;
      if (e.l) p.lang = e.l;
      li.appendChild(p);
    }
    return li;
  }

  function render() {
    if (!index) return;
    var q = fold(input.value.trim());
    list.textContent = "";
    if (!q) {
      status.textContent = intro;
      return;
    }
    var terms = q.split(/\s+/);
    var hits = index.filter(function (e) {
      return terms.every(function (t) { return e.hay.indexOf(t) !== -1; });
    });
    var frag = document.createDocumentFragment();
    hits.slice(0, 50).forEach(function (e) { frag.appendChild(item(e)); });
    list.appendChild(frag);
    status.textContent = hits.length ? hits.length + " " + status.dataset.results : status.dataset.none;
  }

  fetch("/search-index.json")
    .then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(function (data) {
      index = data.map(function (e) {
        e.hay = fold([e.t, e.s, (e.k || []).join(" ")].join(" "));
        return e;
      });
      render();
    })
    .catch(function () { status.textContent = status.dataset.error; });

  input.addEventListener("input", function () {
    render();
    var url = new URL(window.location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  });
  input.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    render();
  });
})();
