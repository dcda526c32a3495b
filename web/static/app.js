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

  // The annotate form: a text over the server's limit is refused before it is sent, so the pasted text stays in
  // the field (the server refuses such a body unread and could not give it back). Bytes as UTF-8, as sent.
  var form = document.querySelector("form.annotate[data-max-bytes]");
  if (form && window.TextEncoder) {
    form.addEventListener("submit", function (ev) {
      var max = Number(form.getAttribute("data-max-bytes"));
      var field = form.elements.namedItem("text");
      var size = new TextEncoder().encode(field.value).length;
      if (!max || size <= max) { return; }
      ev.preventDefault();
      var box = document.getElementById("annotate-error");
      if (!box) {
        box = document.createElement("p");
        box.id = "annotate-error";
        box.className = "form-error";
        box.setAttribute("role", "alert");
        form.parentNode.insertBefore(box, form);
      }
      box.textContent = "Fehler: Der Text ist zu groß: " + size.toLocaleString("de-DE") + " Bytes, höchstens " +
        max.toLocaleString("de-DE") + " Bytes. Bitte kürzen Sie ihn.";
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", "annotate-error annotate-text-hint");
      field.focus();
    });
  }
})();
