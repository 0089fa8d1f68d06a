// "Add a line" for a Django formset without a round trip: a table body marked
// data-formset="<prefix>" gets a copy of its <template> row, with __prefix__ replaced by the
// next form index, and the formset's TOTAL_FORMS raised by one. New lines come last, so the
// lines keep the order they were entered in.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var prefix = button.getAttribute("data-formset-add");
    var body = document.querySelector('[data-formset="' + prefix + '"]');
    var template = document.getElementById(prefix + "-empty-row");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!body || !template || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var row = template.content.firstElementChild.cloneNode(true);
      row.querySelectorAll("[id], [name], [for]").forEach(function (element) {
        ["id", "name", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) {
            element.setAttribute(attribute, value.replace(/__prefix__/g, index));
          }
        });
      });
      body.appendChild(row);
      total.value = index + 1;
      var first = row.querySelector("input, select");
      if (first) {
        first.focus();
      }
    });
  });
})();
