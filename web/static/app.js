// Progressive enhancements only; every page works without JavaScript.
(function () {
  "use strict";
  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (ev) {
    var box = document.getElementById("q");
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.key === "/" && box && tag !== "INPUT" && tag !== "TEXTAREA") {
      ev.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
