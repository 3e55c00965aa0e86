// Live preview for `sitegen serve`. The server adds this script to every page as it sends
// it; the files in the output folder never contain it.
(function () {
  "use strict";
  var OVERLAY_ID = "sitegen-error-overlay";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-sitegen-build") : null;
  var scrollKey = "sitegen:scroll:" + location.pathname;

  function reload() {
    // Restored on load: layout can shift while the new page loads its images.
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  function restoreScroll() {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved === null) return;
    sessionStorage.removeItem(scrollKey);
    var position = JSON.parse(saved);
    window.scrollTo(position[0], position[1]);
  }

  // Each stylesheet is replaced by a copy with a fresh query; the old one goes once the new
  // one has loaded, so the page never shows unstyled.
  function restyle() {
    var stamp = String(Date.now());
    document.querySelectorAll('link[rel~="stylesheet" i]').forEach(function (link) {
      if (link.hasAttribute("data-sitegen-stale")) return;
      var url = new URL(link.getAttribute("href"), location.href);
      url.searchParams.set("sitegen", stamp);
      var fresh = link.cloneNode(false);
      fresh.setAttribute("href", url.href);
      link.setAttribute("data-sitegen-stale", "");
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { link.remove(); });
      link.after(fresh);
    });
  }

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (style) node.style.cssText = style;
    return node;
  }

  function hideErrors() {
    var overlay = document.getElementById(OVERLAY_ID);
    if (overlay) overlay.remove();
  }

  function showErrors(problems) {
    hideErrors();
    var overlay = element("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "box-sizing:border-box;padding:2rem;background:rgba(24,24,27,.95);color:#fafafa;" +
      "font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("dir", "ltr");
    overlay.setAttribute("lang", "en");
    var close = element("button", "Close", "float:right;font:inherit;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", hideErrors);
    overlay.appendChild(close);
    overlay.appendChild(element("h2", "The site did not build. This page shows the last " +
      "good build; it updates when the problem is fixed.", "margin:0 0 1rem;font:inherit;" +
      "font-weight:bold;color:#fca5a5"));
    var list = element("ul", "", "margin:0;padding:0;list-style:none");
    problems.forEach(function (problem) {
      var item = element("li", "", "margin:0 0 .75rem");
      var where = problem.file + (problem.line ? ":" + problem.line : "");
      item.appendChild(element("strong", where, "color:#fde68a"));
      item.appendChild(document.createTextNode(" " + problem.message));
      if (problem.hint) item.appendChild(element("div", problem.hint, "color:#a1a1aa"));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  window.addEventListener("load", restoreScroll);
  if (typeof EventSource === "undefined") return;
  // The browser reconnects by itself when the server goes away and comes back.
  var events = new EventSource("/__sitegen/events");
  events.addEventListener("hello", function (event) {
    // A different build (a rebuild missed while away, or a restarted server): reload.
    if (build && JSON.parse(event.data).build !== build) reload();
  });
  events.addEventListener("reload", function () { hideErrors(); reload(); });
  events.addEventListener("css", restyle);
  events.addEventListener("ok", hideErrors);
  events.addEventListener("error", function (event) {
    // The stream's own connection errors have no data; the server's error events do.
    if (typeof event.data === "string") showErrors(JSON.parse(event.data).problems);
  });
})();
