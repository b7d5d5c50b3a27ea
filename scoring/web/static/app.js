// The only script: a print button, and a size check before an upload is sent (the server
// checks again; this only spares a long wait). Every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("form[data-max-bytes]").forEach(function (form) {
    var limit = Number(form.getAttribute("data-max-bytes"));
    var box = form.querySelector("[data-size-error]");
    form.addEventListener("submit", function (event) {
      var total = 0;
      form.querySelectorAll("input[type=file]").forEach(function (input) {
        for (var i = 0; i < input.files.length; i++) { total += input.files[i].size; }
      });
      if (total > limit && box) {
        event.preventDefault();
        box.textContent = form.getAttribute("data-too-large");
        box.hidden = false;
        box.focus();
      }
    });
  });
});
