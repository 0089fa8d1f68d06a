// Keeps the state of a PDF being made up to date without reloading the page, which may hold a
// form being filled in: asks the region's status address every two seconds and shows the
// answer (our own server's HTML) until the PDF is no longer being made. The region is an
// aria-live status, so screen readers hear the change.
(function () {
  "use strict";
  var EVERY = 2000, AFTER_AN_ERROR = 10000;

  function pending(region) {
    return region.querySelector("[data-pending]") !== null;
  }

  function poll(region) {
    fetch(region.dataset.pdfStatus, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html;
        if (pending(region)) {
          window.setTimeout(poll, EVERY, region);
        } else if (region.dataset.reloadWhenDone !== undefined) {
          // A page that holds no form while it waits shows what the finished work brings
          // (links, a form to try again) by loading itself once.
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, AFTER_AN_ERROR, region); });
  }

  document.querySelectorAll("[data-pdf-status]").forEach(function (region) {
    if (region.dataset.polling || !pending(region)) { return; }
    region.dataset.polling = "1";
    window.setTimeout(poll, EVERY, region);
  });
})();
