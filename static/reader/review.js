// Duìzhào review: the answer shown without a request (button or Space), grades by
// keys 1-4 once it is shown. The grade buttons are a plain form that htmx posts; the
// next card comes back in place of this one, so everything is delegated from the document.
(function () {
  "use strict";

  function card() {
    return document.querySelector("[data-review] .review-card");
  }

  function reveal(current) {
    const back = current.querySelector("[data-review-back]");
    if (!back || !back.hidden) return false;
    const front = current.querySelector("[data-review-front]");
    if (front) front.hidden = true;
    back.hidden = false;
    current.querySelector("[data-review-grades]").hidden = false;
    current.classList.add("is-revealed");
    // Focus on the usual answer, so that Enter grades Good and Tab reaches the others.
    const good = current.querySelector('[data-grade="3"]');
    if (good) good.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element && event.target.closest("[data-review-reveal]");
    if (!link) return;
    event.preventDefault();
    reveal(link.closest(".review-card"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const current = card();
    if (!current) return;
    const revealed = current.classList.contains("is-revealed");
    if (event.key === " ") {
      // Space shows the answer; once it is shown it presses nothing (no grade by accident).
      event.preventDefault();
      if (!revealed) reveal(current);
      return;
    }
    if (revealed && ["1", "2", "3", "4"].includes(event.key)) {
      const button = current.querySelector('[data-grade="' + event.key + '"]');
      if (button && !button.disabled) {
        event.preventDefault();
        button.click();
      }
    }
  });

  // The next card: focus its button, so keys and Tab start from it, not from a button gone.
  document.body.addEventListener("htmx:afterSettle", function () {
    const button = document.querySelector("[data-review] [data-review-reveal]");
    if (button) button.focus({ preventScroll: true });
  });
})();
