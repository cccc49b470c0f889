// Duìzhào reader: sentence highlighting by hover, focus or tap, and keyboard movement.
// Purely visual; everything is delegated from the document on data-* attributes.
(function () {
  "use strict";

  let hovered = null;
  let focused = null;
  let pinned = null;
  let shown = null;

  function segmentOf(target) {
    return target instanceof Element ? target.closest("[data-seg]") : null;
  }

  function setLit(id, on) {
    document.querySelectorAll('[data-seg="' + id + '"]').forEach(function (el) {
      el.classList.toggle("is-lit", on);
      const pair = el.closest(".pair");
      if (pair) pair.classList.toggle("is-pair-lit", on);
    });
  }

  function render() {
    const next = hovered || focused || pinned;
    if (next === shown) return;
    if (shown) setLit(shown, false);
    if (next) setLit(next, true);
    shown = next;
  }

  document.addEventListener("mouseover", function (event) {
    const seg = segmentOf(event.target);
    hovered = seg ? seg.dataset.seg : null;
    render();
  });

  document.addEventListener("mouseout", function (event) {
    if (event.relatedTarget === null) {
      hovered = null;
      render();
    }
  });

  document.addEventListener("focusin", function (event) {
    const seg = segmentOf(event.target);
    focused = seg ? seg.dataset.seg : null;
    render();
  });

  document.addEventListener("focusout", function () {
    focused = null;
    render();
  });

  // A tap (or click) pins the sentence until another tap, so that touch
  // screens, which have no hover, can light a pair and keep it lit.
  document.addEventListener("click", function (event) {
    const seg = segmentOf(event.target);
    if (!seg) return;
    pinned = pinned === seg.dataset.seg ? null : seg.dataset.seg;
    render();
  });

  function columnSegments(seg) {
    const side = seg.closest(".side");
    const cls = side && side.classList.contains("side--en") ? ".side--en" : ".side--zh";
    return Array.from(document.querySelectorAll(cls + " [data-seg]"));
  }

  function counterpart(seg) {
    const inEnglish = seg.closest(".side--en") !== null;
    const other = inEnglish ? ".side--zh" : ".side--en";
    return document.querySelector(other + ' [data-seg="' + seg.dataset.seg + '"]');
  }

  document.addEventListener("keydown", function (event) {
    const seg = segmentOf(event.target);
    if (!seg || event.altKey || event.ctrlKey || event.metaKey) return;
    let target = null;
    if (event.key === "ArrowDown" || event.key === "j" || event.key === "ArrowUp" || event.key === "k") {
      const list = columnSegments(seg);
      const step = event.key === "ArrowDown" || event.key === "j" ? 1 : -1;
      target = list[list.indexOf(seg) + step] || null;
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      target = counterpart(seg);
    } else if (event.key === "b") {
      const button = document.querySelector('[data-bookmark-for="' + seg.dataset.seg + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
      return;
    }
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
  });

  // A link to one sentence (from the bookmarks page) lights it and gives it focus.
  function showLinkedSentence() {
    const match = /^#(seg-\d+-(zh|en))$/.exec(window.location.hash);
    const seg = match ? document.getElementById(match[1]) : null;
    if (!seg) return;
    pinned = seg.dataset.seg;
    seg.focus({ preventScroll: true });
    seg.scrollIntoView({ block: "center" });
    render();
  }
  showLinkedSentence();
  window.addEventListener("hashchange", showLinkedSentence);

  // The pinyin switch answers with an HX-Trigger event naming the new state.
  document.body.addEventListener("pinyinChanged", function (event) {
    document.documentElement.dataset.pinyin = event.detail.on ? "on" : "off";
  });
})();
