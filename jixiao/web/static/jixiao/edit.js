// The edit page: jump from a finding in the side panel to its field, and keep the page's notes in step.
document.addEventListener("click", function (event) {
  var link = event.target.closest(".all-notes a, .review-list a");
  if (!link) return;
  var target = document.querySelector(link.getAttribute("href"));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  var input = target.querySelector("input, textarea, select");
  if (input) input.focus({ preventScroll: true });
});
// Mark fields that have notes after each live update (the notes themselves come from the server).
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll(".field").forEach(function (field) {
    var notes = field.querySelector(".notes");
    field.classList.toggle("has-notes", !!(notes && notes.children.length));
  });
});
