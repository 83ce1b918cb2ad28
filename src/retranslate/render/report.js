(function () {
  document.documentElement.className = "js";
  var PAGE = 25, page = 0;
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var pages = Math.max(1, Math.ceil(files.length / PAGE));
  function show(n) {
    page = Math.max(0, Math.min(pages - 1, n));
    files.forEach(function (f, i) {
      f.classList.toggle("off-page", Math.floor(i / PAGE) !== page);
    });
    document.getElementById("page").textContent = "page " + (page + 1) + " of " + pages;
  }
  function filter() {
    var off = {};
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.dataset.filter + ":" + box.value] = true; }
    });
    document.querySelectorAll("li.finding, mark.f").forEach(function (el) {
      var hidden = off["family:" + el.dataset.family] || off["severity:" + el.dataset.severity];
      el.classList.toggle("off", !!hidden);
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", filter);
  });
  document.getElementById("prev").onclick = function () { show(page - 1); };
  document.getElementById("next").onclick = function () { show(page + 1); };
  document.querySelectorAll("#files a").forEach(function (a) {
    a.addEventListener("click", function () {
      var target = document.querySelector(a.getAttribute("href"));
      show(Math.floor(files.indexOf(target) / PAGE));
    });
  });
  show(0);
})();
