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

  // Zitiervorschlag: the copy buttons (hidden without JavaScript, where they could do nothing).
  var COPY = "Kopieren", COPIED = "Kopiert", FAILED = "Kopieren nicht möglich – bitte markieren";

  // Without the Clipboard API (an insecure context, an older browser): copy a selected, off-screen textarea.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; },
        function () { return copyBySelection(text); });
    }
    return Promise.resolve(copyBySelection(text));
  }

  document.querySelectorAll(".cite-suggestion").forEach(function (box) {
    var button = box.querySelector("button.copy");
    var text = box.querySelector(".cite-text");
    if (!button || !text) {
      return;
    }
    button.hidden = false;
    button.setAttribute("aria-label", "Zitiervorschlag kopieren: " + text.textContent.trim());
    var timer = null;
    button.addEventListener("click", function () {
      copy(text.textContent.trim()).then(function (ok) {
        button.textContent = ok ? COPIED : FAILED;
        button.classList.toggle("copied", ok);
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = COPY;
          button.classList.remove("copied");
        }, 2500);
      });
    });
  });

  // A statute § page opened at an Absatz or Nummer (#abs-1-nr-4): the page's Zitiervorschlag names that unit.
  var main = document.querySelector(".cite-suggestion:not(.unit)");
  var mainText = main && main.querySelector(".cite-text");
  if (mainText && document.querySelector(".cite-suggestion.unit")) {
    var whole = mainText.textContent;
    var follow = function () {
      var id = decodeURIComponent(location.hash.slice(1));
      var unit = null;
      document.querySelectorAll(".cite-suggestion.unit").forEach(function (u) {
        if (u.getAttribute("data-anchor") === id) {
          unit = u;
        }
      });
      var chosen = unit ? unit.querySelector(".cite-text").textContent : whole;
      mainText.textContent = chosen;
      var button = main.querySelector("button.copy");
      if (button) {
        button.setAttribute("aria-label", "Zitiervorschlag kopieren: " + chosen.trim());
      }
    };
    window.addEventListener("hashchange", follow);
    follow();
  }
})();
