/* Page actions without inline handlers (the CSP allows no inline script): a [data-print] button prints
   the page; a form[data-attach-base] posts to the attach URL of the item number chosen in it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("form[data-attach-base]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.action = form.getAttribute("data-attach-base").replace("/0", "/" + form.elements.number.value);
    });
  });
})();
