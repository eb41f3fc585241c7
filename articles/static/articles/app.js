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

  let inFlight = 0;
  const pendingKeys = [];
  const myVerdicts = []; // claim ids this reviewer gave a verdict to on this page, most recent last
  let goPrefix = false;

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
    if (!space || !id) return;
    request("GET", urlFor(space.dataset.panelUrl, id));
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
    if (button) button.click();
  }

  function undo() {
    const space = workspace();
    if (!space) return;
    const id = myVerdicts.pop() || currentId();
    if (id) request("POST", urlFor(space.dataset.undoUrl, id));
  }

  function focusField(selector) {
    const field = $(selector, panel() || undefined);
    if (field) {
      field.focus();
      if (field.select) field.select();
    }
  }

  function run(key) {
    if (key === "j") loadClaim(neighbour(1));
    else if (key === "k") loadClaim(neighbour(-1));
    else if (VERDICT_KEYS[key]) giveVerdict(VERDICT_KEYS[key]);
    else if (key === "u") undo();
    else if (key === "e") focusField("#evidence-url");
    else if (key === "c") focusField("#claim-note");
  }

  function drain() {
    while (inFlight === 0 && pendingKeys.length) run(pendingKeys.shift());
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
    if (inFlight > 0 || pendingKeys.length) pendingKeys.push(event.key);
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
    const form = event.detail.elt.closest ? event.detail.elt.closest("[data-review-form]") : null;
    if (form) {
      // Move on to the next claim waiting for a verdict in the same round trip.
      const next = nextUnreviewed(currentId());
      if (next) event.detail.parameters.next = next;
    }
  });

  document.addEventListener("htmx:beforeRequest", () => { inFlight += 1; });
  document.addEventListener("htmx:afterRequest", (event) => {
    inFlight = Math.max(0, inFlight - 1);
    const xhr = event.detail.xhr;
    if (xhr && xhr.status >= 500) toast("The server could not save that (error " + xhr.status + "). Try again.");
    if (event.detail.failed && xhr && xhr.status === 0) toast("No connection to the server; nothing was saved.");
    if (inFlight === 0) setTimeout(drain, 0);
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
