/* powermap — the interactive power map: the org chart's lines say what they are on hover.
 *
 * On the network layout vis-network draws the lines and shows an edge's title when the
 * pointer is on it. On the org chart the map draws every line itself along its route
 * (core.js drawRoutes), so vis-network knows no line there to hover. Here the pointer is
 * hit-tested against the routes' segments: near one (a few screen pixels, more for a
 * thick line), the same text as the network's tooltip (edgeTitle: "Li Na reports to
 * Wang Qiang") is shown beside the pointer, and the line takes its hover colour. A person
 * under the pointer wins: their own tooltip is vis-network's.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el;

  /* How near (screen px) the pointer must come to a line, beyond half its width. */
  var REACH = 4;

  /* Distance from point p to the segment a–b (all [x, y]). */
  function segmentDistance(p, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1];
    var length2 = dx * dx + dy * dy;
    var k = length2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2 : 0;
    k = Math.max(0, Math.min(1, k));
    return Math.hypot(p[0] - a[0] - k * dx, p[1] - a[1] - k * dy);
  }

  /* The payload edge whose drawn route passes nearest the canvas point {x, y}, within
     reach at the current zoom; null when none does or the layout is not the org chart. */
  PowerMap.prototype.lineAt = function (point) {
    if (this.layout !== "org" || !this.payload) return null;
    var self = this;
    var scale = this.network.getScale() || 1;
    var p = [point.x, point.y];
    var best = null, bestDistance = Infinity;
    this.payload.edges.forEach(function (e) {
      if (!e.org_route || e.org_route.length < 2) return;
      var from = self.nodes.get(e.from), to = self.nodes.get(e.to);
      if (!from || !to || from.hidden || to.hidden) return;
      var style = self.edgeStyles[e.type] || {};
      var width = (style.width || 1) + (style.width_per_strength || 0) * (e.strength || 1);
      var reach = (REACH + width / 2) / scale;
      for (var k = 1; k < e.org_route.length; k++) {
        var d = segmentDistance(p, e.org_route[k - 1], e.org_route[k]);
        if (d <= reach && d < bestDistance) {
          best = e;
          bestDistance = d;
        }
      }
    });
    return best;
  };

  /* Follow the pointer over the canvas and show the tooltip of the line under it. */
  PowerMap.prototype.watchLines = function () {
    var self = this;
    this.lineTip = el("div", { className: "vis-tooltip pm-line-tip", role: "tooltip",
                               hidden: true });
    this.canvas.appendChild(this.lineTip);
    var pending = null;
    this.canvas.addEventListener("mousemove", function (event) {
      pending = event;
      requestAnimationFrame(function () {
        if (pending) self.showLineTip(pending);
        pending = null;
      });
    });
    this.canvas.addEventListener("mouseleave", function () {
      pending = null;
      self.hideLineTip();
    });
  };

  PowerMap.prototype.showLineTip = function (event) {
    var drawn = this.canvas.querySelector("canvas");
    if (!drawn || event.buttons || this.dragged !== null && this.dragged !== undefined) {
      this.hideLineTip();
      return;
    }
    var box = drawn.getBoundingClientRect();
    var dom = { x: event.clientX - box.left, y: event.clientY - box.top };
    var line = this.network.getNodeAt(dom) === undefined
      ? this.lineAt(this.network.DOMtoCanvas(dom)) : null;
    if (!line) {
      this.hideLineTip();
      return;
    }
    this.lineTip.textContent = this.edgeTitle(line, this.edgeStyles[line.type] || {});
    this.lineTip.style.left = Math.round(dom.x + 12) + "px";
    this.lineTip.style.top = Math.round(dom.y + 12) + "px";
    this.lineTip.hidden = false;
    this.hoverLine(line);
  };

  PowerMap.prototype.hideLineTip = function () {
    if (!this.lineTip || this.lineTip.hidden) return;
    this.lineTip.hidden = true;
    this.hoverLine(null);
  };

  /* Draw the line under the pointer in its hover colour (drawRoutes), as vis-network
     does with its own lines, so it is clear which line the tooltip names. */
  PowerMap.prototype.hoverLine = function (line) {
    if (this.hoveredLine === line) return;
    this.hoveredLine = line;
    if (line) this.root.setAttribute("data-hovered-line", String(line.id));
    else this.root.removeAttribute("data-hovered-line");
    this.network.redraw();
  };
})();
