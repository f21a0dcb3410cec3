/* Drag-and-drop ranking for any list (e.g. a <tbody>) with data-rank-url.
 *
 * Markup:  <tbody data-rank-url="/sell/rerank/" data-rank-target="#open-orders"
 *                 data-rank-values='{"page": "2"}'>
 *            <tr data-id="12"> <td><span data-rank-handle>⋮⋮</span> …
 * On drop it POSTs id, before_id (the item it now sits above) or after_id (when it was
 * dropped last) plus data-rank-values, with the CSRF token, and swaps the server's
 * re-rendered HTML into data-rank-target (outerHTML; default: the list itself), so every
 * status the move changed updates without a reload. Needs SortableJS (npm) and htmx.
 * Keyboard users get the server-side move buttons; this script also puts the focus back
 * on the button they pressed after htmx swapped the table.
 */
(function () {
  "use strict";

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) return headers["X-CSRFToken"];
    } catch (e) { /* fall back to the cookie */ }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function sibling(item, direction) {
    var other = item[direction];
    while (other && !other.hasAttribute("data-id")) other = other[direction];
    return other;
  }

  function onDrop(list, event) {
    if (event.oldIndex === event.newIndex) return;
    var item = event.item;
    var values = JSON.parse(list.getAttribute("data-rank-values") || "{}");
    values.id = item.getAttribute("data-id");
    var next = sibling(item, "nextElementSibling");
    var previous = sibling(item, "previousElementSibling");
    if (next) values.before_id = next.getAttribute("data-id");
    else if (previous) values.after_id = previous.getAttribute("data-id");
    var target = list.getAttribute("data-rank-target");
    list.setAttribute("aria-busy", "true");
    htmx.ajax("POST", list.getAttribute("data-rank-url"), {
      source: item,
      target: target ? document.querySelector(target) : list,
      swap: "outerHTML",
      values: values,
      headers: { "X-CSRFToken": csrfToken() }
    });
  }

  function init(root) {
    if (typeof Sortable === "undefined" || typeof htmx === "undefined") return;
    var lists = root.querySelectorAll ? root.querySelectorAll("[data-rank-url]") : [];
    if (root.matches && root.matches("[data-rank-url]")) lists = [root].concat([].slice.call(lists));
    [].forEach.call(lists, function (list) {
      if (list.rankSortable) return;
      list.rankSortable = Sortable.create(list, {
        handle: "[data-rank-handle]",
        draggable: "[data-id]",
        animation: 150,
        onEnd: function (event) { onDrop(list, event); }
      });
    });
  }

  // Keep keyboard focus on the same button of the same row across an htmx swap.
  var focusAfterSwap = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("[data-id]") : null;
    var testid = active && active.getAttribute ? active.getAttribute("data-testid") : null;
    focusAfterSwap = row && testid ? { id: row.getAttribute("data-id"), testid: testid } : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusAfterSwap) return;
    var row = document.querySelector('[data-id="' + focusAfterSwap.id + '"]');
    var button = row && row.querySelector('[data-testid="' + focusAfterSwap.testid + '"]');
    if (button) button.focus();
    focusAfterSwap = null;
  });

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
