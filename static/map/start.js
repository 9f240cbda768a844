/* powermap — the interactive power map, part 7 (last): start every map on the page.
 *
 * Joined after all the other parts, so window.PowerMap is complete when a map starts.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var t = PowerMap.t;

  function start() {
    var roots = document.querySelectorAll("[data-powermap]");
    Array.prototype.forEach.call(roots, function (root) {
      if (typeof vis === "undefined") {
        root.textContent = t("The map library did not load.");
        return;
      }
      var map = new PowerMap(root);
      window.powermapMap = map;
      map.load();
    });
  }
  // The partial puts this script right after the map's element: start at once (the payload
  // downloads while the rest of the page is parsed); otherwise wait for the document.
  if (document.querySelector("[data-powermap]") || document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
