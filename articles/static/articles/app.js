/* Factcheck review workspace: keyboard shortcuts and focus on top of htmx.
 *
 * The server renders everything; this file only decides which claim is in focus, keeps the URL on it
 * (?claim=<id>, so a link can be shared), turns keys into clicks on the same buttons the mouse uses, and
 * recolours a claim's highlight when its verdict changes. Keys pressed while a request is in flight are queued
 * and replayed in order, so typing "vvd" quickly reviews three claims.
 */
(function () {
  "use strict";

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const VERDICT_KEYS = { v: "verified", d: "disputed", w: "wrong", n: "not_a_claim" };
  const ACTION_KEYS = new Set(["j", "k", "v", "d", "w", "n", "u", "e", "c"]);

  // True from the moment a key starts a request until its answer has been swapped in: keys pressed meanwhile wait.
  let busy = false;
  let busyTimer = null;
  const pendingKeys = [];
  const myVerdicts = []; // claim ids this reviewer gave a verdict to on this page, most recent last
  let goPrefix = false;
  let lastField = null; // the field a save was sent from, to return to if it is refused

  // --- Page pieces -----------------------------------------------------------------------------------------

  const workspace = () => $("[data-workspace]");
  const panel = () => $("#claim-panel .panel");
  const currentId = () => (panel() ? panel().dataset.claim : null);
  const claimLinks = () => $$("#claim-list [data-claim]");
  const linkFor = (id) => $('#claim-list [data-claim="' + id + '"]');
  const urlFor = (template, id) => template.replace(/\/0\//, "/" + id + "/");
  const csrfHeaders = () => JSON.parse(document.body.getAttribute("hx-headers") || "{}");

  function toast(message) {
    const box = $("#toast");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
  }

  function isVisible(element) {
    const rect = element.getBoundingClientRect();
    return rect.top >= 60 && rect.bottom <= window.innerHeight - 20;
  }

  // --- Focus -----------------------------------------------------------------------------------------------

  function showFocus(id) {
    if (!id) return;
    $$(".claim.focused, .claim-link.focused").forEach((element) => element.classList.remove("focused"));
    $$('.claim-link[aria-current="true"]').forEach((element) => element.removeAttribute("aria-current"));
    const mark = document.getElementById("claim-" + id);
    if (mark) {
      mark.classList.add("focused");
      if (!isVisible(mark)) mark.scrollIntoView({ block: "center" });
    }
    const link = linkFor(id);
    if (link) {
      link.classList.add("focused");
      link.setAttribute("aria-current", "true");
      const list = $("#claim-list");
      if (list) {
        const top = link.offsetTop - list.offsetTop;
        if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - link.offsetHeight) {
          list.scrollTop = top - list.clientHeight / 2;
        }
      }
    }
    const url = new URL(window.location.href);
    if (url.searchParams.get("claim") !== String(id)) {
      url.searchParams.set("claim", id);
      window.history.replaceState(null, "", url);
    }
    const links = claimLinks();
    const index = links.findIndex((element) => element.dataset.claim === String(id));
    const position = $("[data-position]");
    if (position && index >= 0) position.textContent = "claim " + (index + 1) + " of " + links.length;
  }

  function loadClaim(id) {
    const space = workspace();
    if (!space || !id) return false;
    request("GET", urlFor(space.dataset.panelUrl, id));
    return true;
  }

  function request(method, url) {
    return htmx.ajax(method, url, { target: "#claim-panel", swap: "innerHTML", headers: csrfHeaders() });
  }

  function neighbour(step) {
    const ids = claimLinks().map((element) => element.dataset.claim);
    const index = ids.indexOf(currentId());
    const next = index + step;
    return next >= 0 && next < ids.length ? ids[next] : null;
  }

  /* The claim to show after a verdict: the next one still waiting for a verdict, wrapping around; else none. */
  function nextUnreviewed(afterId) {
    const links = claimLinks();
    const start = links.findIndex((element) => element.dataset.claim === String(afterId));
    for (let offset = 1; offset < links.length; offset += 1) {
      const link = links[(start + offset) % links.length];
      if (link.dataset.status === "unreviewed") return link.dataset.claim;
    }
    return null;
  }

  // --- Progress --------------------------------------------------------------------------------------------

  function recolour(id, status, label) {
    const mark = document.getElementById("claim-" + id);
    if (mark) {
      mark.className = "claim " + status + (mark.classList.contains("focused") ? " focused" : "");
      mark.title = label;
    }
    const link = linkFor(id);
    if (link) {
      link.dataset.status = status;
      link.classList.remove("unreviewed", "verified", "disputed", "wrong", "not_a_claim");
      link.classList.add(status);
      const dot = $(".dot", link);
      if (dot) dot.className = "dot " + status;
    }
    updateProgress();
  }

  function updateProgress() {
    const box = $("#review-progress");
    if (!box) return;
    const links = claimLinks();
    const reviewed = links.filter((element) => element.dataset.status !== "unreviewed").length;
    $("[data-reviewed]", box).textContent = reviewed;
    $("[data-total]", box).textContent = links.length;
    const bar = $(".bar", box);
    bar.setAttribute("aria-valuenow", reviewed);
    $("span", bar).style.width = (links.length ? Math.round((100 * reviewed) / links.length) : 0) + "%";
    const cleared = links.length > 0 && reviewed === links.length;
    box.classList.toggle("cleared", cleared);
    $(".cleared-mark", box).hidden = !cleared;
    return cleared;
  }

  // --- Actions ---------------------------------------------------------------------------------------------

  function giveVerdict(status) {
    const button = $('[data-review-form] button[value="' + status + '"]', panel() || undefined);
    if (!button) return false;
    button.click();
    return true;
  }

  function undo() {
    const space = workspace();
    const id = myVerdicts.pop() || currentId();
    if (!space || !id) return false;
    request("POST", urlFor(space.dataset.undoUrl, id));
    return true;
  }

  function focusField(selector) {
    const field = $(selector, panel() || undefined);
    if (field) {
      field.focus();
      if (field.select) field.select();
    }
  }

  /* Runs one key; true when it sent a request whose answer the next key has to wait for. */
  function start(key) {
    if (key === "j") return loadClaim(neighbour(1));
    if (key === "k") return loadClaim(neighbour(-1));
    if (VERDICT_KEYS[key]) return giveVerdict(VERDICT_KEYS[key]);
    if (key === "u") return undo();
    if (key === "e") focusField("#evidence-url");
    if (key === "c") focusField("#claim-note");
    return false;
  }

  function run(key) {
    busy = start(key);
    clearTimeout(busyTimer);
    // A lost answer must not block the keyboard for good.
    if (busy) busyTimer = setTimeout(idle, 10000);
  }

  function idle() {
    busy = false;
    clearTimeout(busyTimer);
    while (!busy && pendingKeys.length) run(pendingKeys.shift());
  }

  // --- Events ----------------------------------------------------------------------------------------------

  function typingIn(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const dialog = $("#shortcuts");
    if (event.key === "?" && !typingIn(event.target)) {
      event.preventDefault();
      if (dialog.open) dialog.close();
      else dialog.showModal();
      return;
    }
    if (dialog && dialog.open) return;
    if (event.key === "Escape" && typingIn(event.target)) {
      event.target.blur();
      return;
    }
    if (typingIn(event.target)) {
      // Enter saves a note; Shift+Enter is a new line.
      if (event.key === "Enter" && !event.shiftKey && event.target.id === "claim-note") {
        event.preventDefault();
        event.target.form.requestSubmit();
      }
      return;
    }
    if (goPrefix) {
      goPrefix = false;
      const target = { q: "/queue/", a: "/", h: "/dashboard/" }[event.key];
      if (target) window.location.assign(target);
      return;
    }
    if (event.key === "g") {
      goPrefix = true;
      setTimeout(() => { goPrefix = false; }, 1500);
      return;
    }
    if (queueKeys(event)) return;
    if (!workspace() || !ACTION_KEYS.has(event.key)) return;
    event.preventDefault();
    if (busy || pendingKeys.length) pendingKeys.push(event.key);
    else run(event.key);
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-shortcuts-open]")) {
      $("#shortcuts").showModal();
      return;
    }
    const target = event.target.closest("mark.claim, #claim-list a[data-claim]");
    if (!target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    loadClaim(target.dataset.claim);
  });

  document.addEventListener("htmx:configRequest", (event) => {
    const elt = event.detail.elt;
    if (!elt.closest) return;
    if (elt.closest("[data-review-form]")) {
      // Move on to the next claim waiting for a verdict in the same round trip.
      const next = nextUnreviewed(currentId());
      if (next) event.detail.parameters.next = next;
    }
    const field = elt.closest(".evidence-form, .note-form");
    if (field) {
      // Saved with Enter: the keys drive the page again, and the ones typed before the answer wait for it.
      lastField = document.activeElement && document.activeElement.id;
      if (document.activeElement) document.activeElement.blur();
      busy = true;
    }
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail.xhr;
    if (!event.detail.failed) return; // the swap, then htmx:afterSettle, follows
    if (xhr && xhr.status >= 500) toast("The server could not do that (error " + xhr.status + "). Nothing was saved.");
    else toast("No connection to the server; nothing was saved.");
    if (busy) idle();
  });

  // Sent by the server (HX-Trigger) whenever a claim's verdict, note or evidence changed.
  document.addEventListener("claimChanged", (event) => {
    const detail = event.detail;
    recolour(detail.id, detail.status, detail.label);
    if (detail.action === "review") {
      myVerdicts.push(String(detail.id));
      const cleared = updateProgress();
      toast((cleared ? "Article cleared: every claim has a verdict. " : "") + "Marked “" + detail.label + "”. u undoes.");
    } else if (detail.action === "undo") {
      toast("Undone: the claim is “" + detail.label + "” again.");
    }
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    const target = event.detail.target;
    if (target && (target.id === "claim-panel" || target.id === "article-body" || target.closest("[data-workspace]"))) {
      showFocus(currentId());
      updateProgress();
      if (target.id === "claim-panel") $(".side").scrollTop = 0; // a new claim starts at its top
      // htmx puts the focus back into the re-rendered field; after a save the keys should drive the page again.
      // After a refused one (a bad link) the field keeps it, to be corrected.
      const active = document.activeElement;
      if (active && typingIn(active) && active.closest("#claim-panel")) active.blur();
      if (lastField && $("#claim-panel .alert")) focusField("#" + lastField); // refused: correct it in place
      lastField = null;
      if (busy && target.id === "claim-panel") idle();
    }
  });

  // The article page's split progress swaps itself for the workspace when the claims are ready.
  document.addEventListener("htmx:load", (event) => {
    if (event.detail.elt.matches && event.detail.elt.matches("[data-workspace]")) {
      showFocus(currentId());
      updateProgress();
    }
  });

  // --- Queue: j/k to choose a row, Enter to open it ----------------------------------------------------------

  function queueKeys(event) {
    const rows = $$("[data-queue-row]");
    if (!rows.length) return false;
    let index = rows.findIndex((row) => row.classList.contains("selected"));
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      index = Math.min(rows.length - 1, Math.max(0, index + (event.key === "j" ? 1 : -1)));
      rows.forEach((row) => row.classList.remove("selected"));
      rows[index].classList.add("selected");
      $("a[data-open]", rows[index]).focus();
      return true;
    }
    if (event.key === "Enter" && index >= 0) {
      window.location.assign($("a[data-open]", rows[index]).href);
      return true;
    }
    return false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (workspace()) {
      showFocus(currentId());
      updateProgress();
    }
  });
})();
