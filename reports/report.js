(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.classList.remove("hidden");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var shown = document.getElementById("shown");
  function apply() {
    var severity = form.elements.severity.value;
    var kind = form.elements.kind.value;
    var reason = form.elements.reason.value;
    var text = form.elements.q.value.trim().toLowerCase();
    var count = 0;
    cards.forEach(function (card) {
      var ok = (!severity || card.dataset.severity === severity) &&
               (!kind || card.dataset.kind === kind) &&
               (!reason || card.dataset.reason === reason) &&
               (!text || card.dataset.search.indexOf(text) !== -1);
      card.classList.toggle("hidden", !ok);
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + cards.length + " shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
