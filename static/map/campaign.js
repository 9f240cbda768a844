/* powermap — the interactive power map, part 8: the campaign until the bid.
 *
 * Fills the page's [data-campaign] element (templates/_campaign.html) from
 * GET …/campaign: one list item per step (week, person, activity, owner) with the
 * sentences saying why now. Picking a step highlights its path on the map
 * (introducer → person) with the map's own highlightPath.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, fmt = PowerMap.fmt;

  function stepTitle(step) {
    return t("Week {week}: {activity} with {person}", {
      week: step.week, activity: step.activity_label || step.activity,
      person: step.name || "#" + step.stakeholder_id });
  }

  function stepMeta(step) {
    var owner = step.owner && step.owner.name;
    return owner ? t("By {owner} · success {success}",
                     { owner: owner, success: fmt(step.success_probability) })
                 : t("Success {success}", { success: fmt(step.success_probability) });
  }

  function render(box, data) {
    box.textContent = "";
    var dm = data.decision_maker;
    box.appendChild(el("p", { className: "pm-campaign-summary", text: t(
      "Over {weeks} weeks the expected deal forecast moves from {before} to {after}.",
      { weeks: data.weeks, before: fmt(data.deal_initial), after: fmt(data.deal_expected) }) }));
    if (dm) {
      box.appendChild(el("p", { className: "pm-campaign-reach", text: t(
        "Chance of reaching {person} before the bid: {chance}.",
        { person: dm.name || "#" + dm.stakeholder_id, chance: fmt(dm.reach_probability) }) }));
    }
    if (!(data.steps || []).length) {
      box.appendChild(el("p", { className: "pm-hint",
                                text: t("Nothing to plan: nobody is left to win.") }));
      return;
    }
    var list = el("ol", { className: "pm-campaign-steps" });
    data.steps.forEach(function (step) {
      var item = el("li", { className: "pm-campaign-step",
                            "data-stakeholder": String(step.stakeholder_id) }, [
        el("button", { type: "button", className: "pm-campaign-pick", text: stepTitle(step),
          onclick: function () {
            Array.prototype.forEach.call(list.children, function (li) {
              li.classList.remove("pm-active"); });
            item.classList.add("pm-active");
            var map = window.powermapMap;
            if (map && map.highlightPath) {
              map.highlightPath((step.introducer ? [step.introducer.id] : [])
                .concat([step.stakeholder_id]));
            }
          } }),
        el("div", { className: "pm-campaign-meta", text: stepMeta(step) }),
        el("ul", { className: "pm-campaign-why" },
           (step.why || []).map(function (line) { return el("li", { text: line }); }))
      ]);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function start() {
    var box = document.querySelector("[data-campaign]");
    if (!box || !window.fetch) return;
    fetch(box.getAttribute("data-campaign-url"), { credentials: "same-origin",
                                                   headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) { render(box, data); })
      .catch(function () { box.textContent = t("The campaign could not be loaded."); });
  }

  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
