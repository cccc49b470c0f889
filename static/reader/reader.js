// Duìzhào reader: what only a browser can do, all delegated from the document on data-*
// attributes: sentence and word highlighting (hover, focus, tap), keyboard movement,
// the dictionary pop-up, test-yourself reveals, listening, and applying new preferences.
(function () {
  "use strict";

  const root = document.documentElement;

  // ---- CSRF: every htmx request that changes something carries the token ----
  // From Django's csrftoken cookie, as Django documents for scripts: pages then
  // need no per-request token in their HTML, so they can be served from cache.

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") event.detail.headers["X-CSRFToken"] = csrfToken();
    // A bookmark button says what the learner wants, not "toggle": a repeated
    // request then changes nothing, and a sentence just re-aligned gets it right.
    const elt = event.detail.elt;
    if (elt instanceof Element && elt.matches("[data-bookmark-for]")) {
      event.detail.parameters.want = elt.getAttribute("aria-pressed") === "true" ? "off" : "on";
    }
  });

  // ---- Log out: a link in the header, which carries no form token ----
  // With the script, one click posts the log-out with the cookie's token; without
  // it (or without the cookie) the link's page asks first, with a form of its own.

  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element && event.target.closest("a[data-logout]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (link.origin !== window.location.origin) return;  // the token goes to this site only
    const token = csrfToken();
    if (!token) return;
    event.preventDefault();
    const form = document.createElement("form");
    form.method = "post";
    form.action = link.href;
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrfmiddlewaretoken";
    field.value = token;
    form.appendChild(field);
    document.body.appendChild(form);
    form.submit();
  });

  // ---- A notice, and a page that changed under the learner ----

  function notice(text) {
    let box = document.getElementById("notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "notice";
      box.className = "notice";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
  }

  // 409: a teacher has just re-aligned the sentence (the bookmark went to its
  // successor); the page reloads to show the article as it is now.
  document.body.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    if (xhr && xhr.status === 409) {
      notice(xhr.responseText || "This page changed; it will reload.");
      setTimeout(function () { window.location.reload(); }, 1500);
    }
  });

  // ---- Sentences: hover, focus or tap lights a sentence and its counterpart ----

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

  function counterpart(seg) {
    const other = seg.closest(".side--en") ? ".side--zh" : ".side--en";
    return document.querySelector(other + ' [data-seg="' + seg.dataset.seg + '"]');
  }

  function columnSegments(seg) {
    const column = seg.closest(".side--en") ? ".side--en" : ".side--zh";
    return Array.from(document.querySelectorAll(column + " [data-seg]"));
  }

  // ---- Words: a Chinese word lights the English words it became, and back ----

  let litWords = [];

  function unlightWords() {
    litWords.forEach(function (el) { el.classList.remove("is-word-lit"); });
    litWords = [];
  }

  function lightWords(word) {
    unlightWords();
    const seg = segmentOf(word);
    const other = seg && counterpart(seg);
    if (!other || !word.dataset.l) return;
    const selector = word.classList.contains("ew") ? ".w" : ".ew";
    litWords = [word];
    word.dataset.l.split(" ").forEach(function (i) {
      other.querySelectorAll(selector + '[data-i="' + i + '"]').forEach(function (el) {
        litWords.push(el);
      });
    });
    litWords.forEach(function (el) { el.classList.add("is-word-lit"); });
  }

  // ---- The dictionary pop-up ----

  const gloss = document.getElementById("gloss");
  const HOVER_DELAY = 250;
  let glossFor = null;
  let openTimer = null;
  let closeTimer = null;

  // The characters of a word or sentence, without the syllables over them.
  function chineseText(element) {
    let text = "";
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("rt")) text += walker.currentNode.nodeValue;
    }
    return text;
  }

  function linkedEnglish(word) {
    const seg = segmentOf(word);
    const other = seg && counterpart(seg);
    if (!other || !word.dataset.l) return "";
    return word.dataset.l.split(" ").map(function (i) {
      const el = other.querySelector('.ew[data-i="' + i + '"]');
      return el ? el.textContent : "";
    }).filter(Boolean).join(" ");
  }

  function wordReading(word) {
    return Array.from(word.querySelectorAll("rt")).map(function (rt) {
      return rt.textContent;
    }).join(" ");
  }

  // Where the pop-up opens. Two columns (a desktop): inside the Chinese column, below
  // the word or above it, so it never covers the English the word became nor the
  // word itself. One column (a phone): a sheet along the foot of the screen, the page
  // scrolled so that the sentence and its translation stay in view above it.
  const oneColumn = window.matchMedia("(max-width: 699.98px)");

  function placeGloss(word) {
    gloss.classList.toggle("gloss--sheet", oneColumn.matches);
    if (oneColumn.matches) {
      gloss.style.left = gloss.style.top = gloss.style.maxWidth = "";
      keepAboveSheet(word);
      return;
    }
    const margin = 8;
    const gap = 6;
    const column = word.closest(".side").getBoundingClientRect();
    gloss.style.maxWidth = Math.min(column.width, window.innerWidth - 2 * margin) + "px";
    const box = wordBox(word);
    const width = gloss.offsetWidth;
    const height = gloss.offsetHeight;
    const left = Math.max(column.left, Math.min(box.left, column.right - width));
    const below = box.bottom + gap;
    const above = box.top - height - gap;
    let top = below;
    if (below + height > window.innerHeight - margin) {
      // No room below: above if it fits there, else wherever leaves more of it on screen.
      top = above >= margin || box.top > window.innerHeight - box.bottom ? above : below;
    }
    gloss.style.left = left + "px";
    gloss.style.top = top + "px";
  }

  // The word with its pinyin: the syllables (rt) stand above the word's own box.
  function wordBox(word) {
    // (Hidden pinyin, display: none, has an empty box at 0, 0: left out.)
    const boxes = [word, ...word.querySelectorAll("rt")].map(function (el) {
      return el.getBoundingClientRect();
    }).filter(function (box) { return box.width || box.height; });
    return {
      top: Math.min(...boxes.map(function (box) { return box.top; })),
      bottom: Math.max(...boxes.map(function (box) { return box.bottom; })),
      left: boxes[0].left,
    };
  }

  function keepAboveSheet(word) {
    const seg = segmentOf(word);
    const other = seg && counterpart(seg);
    const boxes = [seg, other].filter(Boolean).map(function (el) { return el.getBoundingClientRect(); });
    const top = Math.min.apply(null, boxes.map(function (box) { return box.top; }));
    const bottom = Math.max.apply(null, boxes.map(function (box) { return box.bottom; }));
    const margin = 8;
    const room = window.innerHeight - gloss.offsetHeight - margin;  // the view above the sheet
    let scroll = 0;
    if (bottom - top <= room - margin) {
      if (bottom > room) scroll = bottom - room;  // the translation's end above the sheet
      else if (top < margin) scroll = top - margin;  // the sentence's start below the top
    } else {
      // Too tall to show whole: from the word's line down, as much as fits.
      scroll = word.getBoundingClientRect().top - 3 * margin;
    }
    if (Math.abs(scroll) >= 1) window.scrollBy({ top: scroll, behavior: "instant" });
  }

  function openGloss(word) {
    if (!gloss || !window.htmx || glossFor === word) return;
    glossFor = word;
    // As stored (a page in another script keeps it in data-w), which the dictionary knows.
    const text = wordText(word);
    // The entry's address comes from the page (data-url is the URL for the word "_").
    // With the English words the page linked it to (the sense they meet comes first),
    // and, for a name, its English form.
    const english = linkedEnglish(word);
    let url = gloss.dataset.url.replace(/_\/$/, encodeURIComponent(text) + "/") +
      "?py=" + encodeURIComponent(wordReading(word)) +
      "&script=" + encodeURIComponent(root.dataset.script || "simplified");
    if (english) url += "&en=" + encodeURIComponent(english);
    if (word.classList.contains("nm") && english) url += "&name=" + encodeURIComponent(english);
    window.htmx.ajax("GET", url, { target: gloss, swap: "innerHTML" }).then(function () {
      const body = gloss.querySelector("#gloss-body");
      // A word with no entry answers 404 and htmx swaps nothing: show no stale entry.
      if (glossFor !== word || !body || body.dataset.word !== text) return;
      showWordStatus(body, word);
      gloss.hidden = false;
      placeGloss(word);
      countLookUp(word);
    });
  }

  function closeGloss() {
    clearTimeout(openTimer);
    glossFor = null;
    if (gloss) gloss.hidden = true;
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(closeGloss, 300);
  }

  // ---- Pointer and focus ----

  // A sentence's own controls (bookmark, listen) keep it lit while pointed at.
  function controlledSegment(target) {
    const control = target instanceof Element
      ? target.closest("[data-bookmark-for], [data-say-for]") : null;
    return control ? control.dataset.bookmarkFor || control.dataset.sayFor : null;
  }

  document.addEventListener("mouseover", function (event) {
    const seg = segmentOf(event.target);
    hovered = seg ? seg.dataset.seg : controlledSegment(event.target);
    render();
    const word = event.target instanceof Element ? event.target.closest(".w, .ew") : null;
    if (word) lightWords(word);
    else if (!(event.target instanceof Element && event.target.closest("#gloss"))) unlightWords();
    if (word && word.classList.contains("w")) {
      clearTimeout(closeTimer);
      clearTimeout(openTimer);
      openTimer = setTimeout(function () { openGloss(word); }, HOVER_DELAY);
    } else if (event.target instanceof Element && event.target.closest("#gloss")) {
      clearTimeout(closeTimer);
    } else if (glossFor || openTimer) {
      clearTimeout(openTimer);
      if (glossFor && document.activeElement !== glossFor) scheduleClose();
    }
  });

  document.addEventListener("mouseout", function (event) {
    if (event.relatedTarget === null) {
      hovered = null;
      render();
      unlightWords();
    }
  });

  document.addEventListener("focusin", function (event) {
    const seg = segmentOf(event.target);
    focused = seg ? seg.dataset.seg : null;
    render();
    const word = event.target.closest && event.target.closest(".w");
    if (word) {
      lightWords(word);
      openGloss(word);
    }
  });

  document.addEventListener("focusout", function (event) {
    focused = null;
    render();
    if (event.target.closest && event.target.closest(".w")) {
      unlightWords();
      if (!(event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest("#gloss"))) {
        closeGloss();
      }
    }
  });

  // A tap (or click) pins the sentence until another tap, so that touch screens,
  // which have no hover, can light a pair and keep it lit; a tapped word opens its entry.
  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element)) return;
    const statusButton = event.target.closest("[data-word-status]");
    if (statusButton && glossFor) {
      setWordStatus(glossFor, statusButton.dataset.wordStatus);
      return;
    }
    if (event.target.closest("[data-gloss-close]")) {
      const word = glossFor;
      closeGloss();
      unlightWords();
      if (word && document.activeElement === word) segmentOf(word).focus();
      return;
    }
    const sayButton = event.target.closest("[data-say-for], [data-say]");
    if (sayButton) {
      speak(sayButton.dataset.say || sentenceText(sayButton.dataset.sayFor));
      return;
    }
    if (event.target.closest("[data-reveal-all]")) {
      document.querySelectorAll(".side--en .seg").forEach(function (el) {
        el.classList.add("is-revealed");
      });
      return;
    }
    // An open settings panel closes when the reader clicks elsewhere.
    document.querySelectorAll("details.settings-more[open]").forEach(function (panel) {
      if (!panel.contains(event.target)) panel.open = false;
    });
    const seg = segmentOf(event.target);
    if (!seg) {
      if (!event.target.closest("#gloss")) closeGloss();
      return;
    }
    pinned = pinned === seg.dataset.seg ? null : seg.dataset.seg;
    render();
    const word = event.target.closest(".w");
    // A tap on a word looks it up: in test-yourself mode its sentence's English stays hidden.
    if (!word) reveal(seg);
    if (word) {
      clearTimeout(openTimer);
      openGloss(word);
    }
  });

  // The pop-up follows its word when the page scrolls.
  window.addEventListener("scroll", function () {
    if (glossFor && !gloss.hidden && !oneColumn.matches) placeGloss(glossFor);
  }, { passive: true });

  // ---- Keyboard ----

  function wordsOf(seg) {
    return Array.from(seg.querySelectorAll(".w"));
  }

  function focusWord(word) {
    word.setAttribute("tabindex", "-1");
    word.focus();
  }

  document.addEventListener("keydown", function (event) {
    // The bookmark control is a link that acts as a button: Space presses it too.
    if (event.key === " " && event.target instanceof Element && event.target.matches(".bm")) {
      event.preventDefault();
      event.target.click();
      return;
    }
    if (event.key === "Escape" && glossFor) {
      const word = glossFor;
      closeGloss();
      unlightWords();
      if (document.activeElement === word) segmentOf(word).focus();
      event.preventDefault();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // s and k act on an open pop-up's word, unless a sentence has the focus: there
    // they keep their meaning (listen, previous sentence).
    const onSentence = event.target instanceof Element && event.target.matches("[data-seg]");
    if (glossFor && learnable(glossFor) && (event.key === "s" || event.key === "k") &&
        !gloss.hidden && !onSentence &&
        !(event.target instanceof Element && event.target.matches("input, textarea, select"))) {
      event.preventDefault();
      setWordStatus(glossFor, event.key === "s" ? "learning" : "known");
      return;
    }
    const word = event.target instanceof Element ? event.target.closest(".w") : null;
    if (word) {
      const words = wordsOf(segmentOf(word));
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = words[words.indexOf(word) + step];
        if (next) focusWord(next);
        event.preventDefault();
      }
      return;
    }
    const seg = segmentOf(event.target);
    if (!seg || event.target !== seg) return;
    let target = null;
    if (["ArrowDown", "j", "ArrowUp", "k"].includes(event.key)) {
      const list = columnSegments(seg);
      const step = event.key === "ArrowDown" || event.key === "j" ? 1 : -1;
      target = list[list.indexOf(seg) + step] || null;
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      target = counterpart(seg);
    } else if (event.key === "w") {
      const first = wordsOf(seg)[0];
      if (first) {
        focusWord(first);
        event.preventDefault();
      }
      return;
    } else if (event.key === "b") {
      const button = document.querySelector('[data-bookmark-for="' + seg.dataset.seg + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
      return;
    } else if (event.key === "s") {
      speak(sentenceText(seg.dataset.seg));
      return;
    } else if (event.key === "Enter" || event.key === " ") {
      if (root.dataset.mode === "test") {
        event.preventDefault();
        reveal(seg);
      }
      return;
    }
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
  });

  // ---- Test yourself: the English of a sentence shows once revealed ----

  function reveal(seg) {
    const en = seg.closest(".side--en") ? seg : counterpart(seg);
    if (!en || en.classList.contains("is-revealed")) return;
    en.classList.add("is-revealed");
    // A class's teachers count the sentences whose English was needed: sent with the
    // next batch of progress. "Reveal all" says nothing about one sentence and is not sent.
    if (root.dataset.mode === "test") noteReveal(en.dataset.seg);
  }

  // ---- Listen: the browser's own speech synthesis, only with a Chinese voice ----

  let voice = null;

  function findVoice() {
    if (!("speechSynthesis" in window)) return;
    voice = window.speechSynthesis.getVoices().find(function (v) {
      return /^(zh|cmn)([-_](CN|Hans|SG))?/i.test(v.lang);
    }) || window.speechSynthesis.getVoices().find(function (v) {
      return /^(zh|cmn)/i.test(v.lang);
    }) || null;
    if (voice) root.dataset.voice = voice.lang;
    else delete root.dataset.voice;
    addListenButtons(document);
  }

  // A listen button beside each Chinese sentence, only where there is a voice to speak it.
  function addListenButtons(scope) {
    if (!voice) return;
    scope.querySelectorAll(".side--zh .seg").forEach(function (seg) {
      const id = seg.dataset.seg;
      const after = seg.nextElementSibling && seg.nextElementSibling.matches(".bm")
        ? seg.nextElementSibling : seg;
      if (after.nextElementSibling && after.nextElementSibling.matches(".say")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "say";
      button.dataset.sayFor = id;
      button.setAttribute("aria-label", "Listen");
      button.title = "Listen (s)";
      after.after(button);
    });
  }

  if ("speechSynthesis" in window) {
    findVoice();
    window.speechSynthesis.addEventListener("voiceschanged", findVoice);
  }

  function sentenceText(id) {
    const seg = document.querySelector('.side--zh [data-seg="' + id + '"]');
    if (!seg) return "";
    return chineseText(seg);
  }

  function speak(text) {
    if (!voice || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  // ---- A link to one sentence (from the bookmarks page) lights it and gives it focus ----

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

  // ---- The learner's state: sent with the page as data, applied here ----
  // The page's sentences are the same for every reader (and cached); which of
  // them this learner bookmarked comes as a JSON document beside them.

  const stateElement = document.getElementById("learner-state");
  const learnerState = stateElement ? JSON.parse(stateElement.textContent) : {};
  const bookmarked = new Set(learnerState.bookmarks || []);

  // The header's "N due": the page around the article is cached, the count comes here.
  const dueLink = document.querySelector("[data-due-from-state]");
  function showDue(count) {
    if (!dueLink || typeof count !== "number") return;
    dueLink.textContent = count ? count + " due" : "Review";
    dueLink.classList.toggle("has-due", count > 0);
  }
  showDue(learnerState.due);

  function pressBookmarks(scope) {
    scope.querySelectorAll("[data-bookmark-for]").forEach(function (button) {
      if (bookmarked.has(Number(button.dataset.bookmarkFor))) {
        button.setAttribute("aria-pressed", "true");
      }
    });
  }
  pressBookmarks(document);

  // ---- The learner's words: which of the article's words they know or are learning ----
  // They come with the page's state; a word's classes (is-known, is-learning) let the
  // stylesheet hide pinyin over known words ("new to me") and mark those being learned.

  const signedIn = Array.isArray(learnerState.known);
  const wordStatus = new Map();
  (learnerState.known || []).forEach(function (w) { wordStatus.set(w, "known"); });
  (learnerState.learning || []).forEach(function (w) { wordStatus.set(w, "learning"); });
  const lookedUp = new Set();  // words whose look-up this page has counted
  const LOOK_UP_DELAY = 800;  // a pop-up open this long was read, not brushed past

  function wordText(el) {
    if (!el.dataset.w) el.dataset.w = chineseText(el);
    return el.dataset.w;
  }

  function markWords(scope) {
    scope.querySelectorAll(".side--zh .w").forEach(function (el) {
      const status = wordStatus.get(wordText(el));
      el.classList.toggle("is-known", status === "known");
      el.classList.toggle("is-learning", status === "learning");
    });
  }

  function showCounts() {
    const box = document.querySelector("[data-word-counts]");
    if (!box || !signedIn || !learnerState.words) return;
    let known = 0;
    wordStatus.forEach(function (status) { if (status === "known") known += 1; });
    known = Math.min(known, learnerState.words);
    const fresh = learnerState.words - known;
    box.textContent = fresh + (fresh === 1 ? " new word" : " new words") + " for you · " +
      Math.floor(known * 100 / learnerState.words) + "% known";
    box.hidden = false;
  }

  // "Assigned by Chinese 3B · due Fri 4 Dec 2026": the learner's classes that gave them this.
  function showAssigned() {
    const box = document.querySelector("[data-assigned]");
    if (!box || !learnerState.assigned || !learnerState.assigned.length) return;
    box.textContent = learnerState.assigned.map(function (given) {
      return "Assigned by " + given["class"] + (given.due ? " · due " + given.due : "") +
        (given.late ? " · late" : "");
    }).join("; ");
    box.hidden = false;
  }

  if (signedIn) {
    markWords(document);
    showCounts();
    showAssigned();
  }

  const STATUS_SAID = { "new": "", learning: "Saved: you are learning it", known: "You know it" };

  // Names (nm) and numbers (nb) are read, never learned: they have no status to set.
  function learnable(word) {
    return !word.classList.contains("nm") && !word.classList.contains("nb");
  }

  function button(label, status, key) {
    const el = document.createElement("button");
    el.type = "button";
    el.className = "secondary";
    el.dataset.wordStatus = status;
    el.textContent = label;
    if (key) {
      const kbd = document.createElement("kbd");
      kbd.textContent = key;
      el.append(" ", kbd);
    }
    return el;
  }

  // The pop-up's own part for this learner: the word's status and what to change it to.
  function showWordStatus(body, word, offer) {
    const text = wordText(word);
    if (!learnable(word)) return;
    let bar = body.querySelector(".gloss-status");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "gloss-status";
      body.querySelector(".gloss-head").after(bar);
    }
    bar.replaceChildren();
    const status = wordStatus.get(text) || "new";
    bar.dataset.status = status;
    const said = document.createElement("span");
    said.className = "gloss-status-said";
    said.textContent = offer && status === "new"
      ? "You have looked this word up " + offer + " times. Save it?" : STATUS_SAID[status];
    if (said.textContent) bar.append(said);
    if (status !== "learning") bar.append(button(status === "known" ? "Learn it again" : "Save", "learning", "s"));
    if (status !== "known") bar.append(button("I know this", "known", "k"));
    if (status !== "new") bar.append(button(status === "known" ? "Not known" : "Unsave", "new"));
  }

  function wordUrl(word, action) {
    return gloss.dataset.url.replace(/_\/$/, encodeURIComponent(wordText(word)) + "/" + action + "/");
  }

  // A small POST outside htmx, with the CSRF token; answers { status, data (JSON or {}) }.
  function post(url, fields, options) {
    return fetch(url, Object.assign({
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      body: new URLSearchParams(fields),
      credentials: "same-origin",
    }, options)).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function setWordStatus(word, status) {
    const seg = segmentOf(word);
    post(wordUrl(word, "status"), { status: status, seg: seg ? seg.dataset.seg : "" })
      .then(function (answer) {
        if (answer.status === 401 && answer.data.login) {
          window.location.assign(answer.data.login);
          return;
        }
        if (answer.status !== 200) {
          notice(answer.data.error || "That did not work; please try again.");
          return;
        }
        if (answer.data.status === "new") wordStatus.delete(answer.data.word);
        else wordStatus.set(answer.data.word, answer.data.status);
        showDue(answer.data.due);
        markWords(document);
        showCounts();
        const body = gloss.querySelector("#gloss-body");
        if (body && glossFor === word) showWordStatus(body, word);
      });
  }

  function countLookUp(word) {
    const text = wordText(word);
    if (!signedIn || lookedUp.has(text) || !learnable(word)) return;
    setTimeout(function () {
      if (glossFor !== word || gloss.hidden || lookedUp.has(text)) return;
      lookedUp.add(text);
      const seg = segmentOf(word);
      post(wordUrl(word, "seen"), { seg: seg ? seg.dataset.seg : "" }).then(function (answer) {
        const body = gloss.querySelector("#gloss-body");
        if (answer.status === 200 && answer.data.offer && body && glossFor === word) {
          showWordStatus(body, word, answer.data.lookups);
        }
      });
    }, LOOK_UP_DELAY);
  }

  // A toggle answers with the new button: remember what it says.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    const button = event.target.matches && event.target.matches("[data-bookmark-for]")
      ? event.target : null;
    if (!button) return;
    const id = Number(button.dataset.bookmarkFor);
    if (button.getAttribute("aria-pressed") === "true") bookmarked.add(id);
    else bookmarked.delete(id);
  });

  // ---- Where the learner stopped: the last sentence seen, posted now and then ----
  // The server sends where the learner stopped with the page (and where to post).
  // Once the learner scrolls or moves about, the lowest sentence in view is posted,
  // at most every few seconds and when the page is left; the answer is empty.
  // Nothing is sent before the learner acts, so that arriving at the top (or at
  // "Continue") never moves the place they stopped at.

  const progressElement = document.getElementById("reading-progress");
  const progress = progressElement ? JSON.parse(progressElement.textContent) : null;
  const PROGRESS_EVERY = 4000;
  let progressSent = progress && progress.segment ? String(progress.segment) : "";
  let progressTimer = null;
  let progressLast = 0;
  let learnerActed = false;

  function showContinue() {
    const box = document.querySelector("[data-continue]");
    if (!box || !progress || !progress.segment) return;
    const link = box.querySelector("a");
    link.href = progress.url;
    link.textContent = progress.finished
      ? "Finished ✓ · back to the last sentence you read"
      : "Continue where you stopped · " + progress.share + "% read";
    box.hidden = false;
  }

  function lowestSeen() {
    let lowest = null;
    document.querySelectorAll(".seg[data-seg]").forEach(function (el) {
      if (el.getBoundingClientRect().top < window.innerHeight) lowest = el;
    });
    return lowest ? lowest.dataset.seg : "";
  }

  const revealed = new Set();  // sentences revealed since the last batch

  function sendProgress() {
    clearTimeout(progressTimer);
    progressTimer = null;
    const seg = lowestSeen();
    const fields = {};
    if (seg && seg !== progressSent) fields.seg = seg;
    if (revealed.size) fields.revealed = Array.from(revealed).join(",");
    if (!fields.seg && !fields.revealed) return;
    if (fields.seg) progressSent = seg;
    const sent = Array.from(revealed);
    revealed.clear();
    progressLast = Date.now();
    function keep() { sent.forEach(function (id) { revealed.add(id); }); }  // for the next batch
    post(progress.save, fields, { keepalive: true })  // sent even as the page is left
      .then(function (answer) { if (answer.status !== 204) keep(); }, keep);
  }

  function noteProgress() {
    if (!learnerActed || progressTimer) return;
    progressTimer = setTimeout(sendProgress, Math.max(0, progressLast + PROGRESS_EVERY - Date.now()));
  }

  function noteReveal(seg) {
    if (!progress || !seg) return;
    revealed.add(seg);
    learnerActed = true;
    noteProgress();
  }

  if (progress) {
    showContinue();
    ["wheel", "touchstart", "keydown", "pointerdown"].forEach(function (type) {
      document.addEventListener(type, function () {
        learnerActed = true;
        noteProgress();
      }, { passive: true });
    });
    window.addEventListener("scroll", noteProgress, { passive: true });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && progressTimer) sendProgress();
    });
  }

  // ---- Preferences: the server answers a change with an HX-Trigger event ----

  document.body.addEventListener("preferencesChanged", function (event) {
    const prefs = event.detail;
    // The text itself is rendered in a script (one cached rendering per script):
    // another script is another page, so it is loaded rather than patched.
    if (prefs.script && root.dataset.script && prefs.script !== root.dataset.script &&
        document.querySelector("[data-reader]")) {
      window.location.reload();
      return;
    }
    root.dataset.script = prefs.script;
    root.dataset.pinyin = prefs.pinyin;
    root.dataset.level = prefs.level;
    root.dataset.tones = prefs.tone_colors ? "on" : "off";
    root.dataset.mode = prefs.mode;
    root.dataset.markLearning = prefs.mark_learning ? "on" : "off";
    root.dataset.textSize = prefs.text_size;
    root.dataset.lineSpacing = prefs.line_spacing;
    document.querySelectorAll("[data-level-echo]").forEach(function (el) {
      el.textContent = prefs.level;
    });
  });

  // ---- Syllables wider than their character's advance are narrowed to fit ----
  // The stylesheet centres each syllable over its character, out of the line's
  // flow; the widest (chuàng, zhuāng) would touch their neighbours, so each
  // distinct syllable is measured once, on a canvas (no layout), and those wider
  // than the room the stylesheet names (--pinyin-room, in ems of the Chinese) are
  // squeezed. The ratio holds at any font size.

  const squeezeOf = new Map();
  let measure = null;

  function fitSyllables(scope) {
    const sample = document.querySelector(".side--zh rt, .bookmark-zh rt, .review-zh rt");
    if (!sample) return;
    if (!measure) {
      const style = getComputedStyle(sample);
      const han = parseFloat(getComputedStyle(sample.parentElement).fontSize);
      const room = parseFloat(getComputedStyle(root).getPropertyValue("--pinyin-room")) * han;
      const context = document.createElement("canvas").getContext("2d");
      context.font = style.fontStyle + " " + style.fontWeight + " " + style.fontSize + " " +
        style.fontFamily;
      measure = function (text) {
        const width = context.measureText(text).width;
        return width > room ? room / width : 1;
      };
    }
    scope.querySelectorAll("rt").forEach(function (rt) {
      const text = rt.textContent;
      let squeeze = squeezeOf.get(text);
      if (squeeze === undefined) {
        squeeze = measure(text);
        squeezeOf.set(text, squeeze);
      }
      if (squeeze < 1) rt.style.setProperty("--squeeze", squeeze.toFixed(3));
    });
  }
  // Measured once the web fonts the page names are ready (the canvas uses them too).
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {
    fitSyllables(document);
  });

  // Content that htmx brings in gets the same treatment as the page.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    pressBookmarks(event.target);
    if (signedIn) markWords(event.target);
    fitSyllables(event.target);
    addListenButtons(event.target);
  });
  // ---- Forms that ask first (leaving a class, archiving it, removing a learner) ----

  document.addEventListener("submit", function (event) {
    const form = event.target.closest && event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();  // nor htmx's request
    }
  }, true);

  // ---- A class's struggle map: the chosen sentence is marked, its panel brought into view ----

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "sentence-words") return;
    const chosen = event.detail.requestConfig && event.detail.requestConfig.elt;
    document.querySelectorAll(".struggle-seg[aria-current]").forEach(function (el) {
      el.removeAttribute("aria-current");
    });
    if (chosen) chosen.setAttribute("aria-current", "true");
    const box = event.target.getBoundingClientRect();
    if (box.top > window.innerHeight || box.bottom < 0) event.target.scrollIntoView({ block: "nearest" });
  });
})();
