/* powermap — the interactive power map, part 8: the campaign until the bid.
 *
 * Fills the page's [data-campaign] element (templates/_campaign.html) from
 * GET …/campaign: a timeline of the weeks until the bid (each with its first day),
 * one list item per step under its week (person, activity, owner) with the
 * sentences saying why now. Picking a step highlights its path on the map
 * (introducer → person) with the map's own highlightPath.
 *
 * What-if: a small form under the list (a person leaves, a person's attitude
 * flips, a new person joins) calls the same GET with leaves/flip/join and redraws
 * the list, the forecast and the risk summary of the changed map; nothing is
 * saved. "Reset" draws the plain campaign again. The people and the vocabularies
 * come from the map's payload (window.powermapMap), once it has loaded.
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

  function renderRisks(box, data) {
    var risks = data.risks;
    if (!risks) return;
    box.appendChild(el("p", { className: "pm-campaign-health pm-health-" + risks.health, text: t(
      "Deal health: {health} ({high} high, {medium} medium, {low} low risk flags).",
      { health: risks.health_label || risks.health, high: risks.counts.high,
        medium: risks.counts.medium, low: risks.counts.low }) }));
    var changed = data.risk_changes || {};
    var lines = (changed.appeared || []).map(function (f) {
      return el("li", { className: "pm-risk-appeared", text: t("New risk: {title}",
                                                              { title: f.title }) });
    }).concat((changed.disappeared || []).map(function (f) {
      return el("li", { className: "pm-risk-disappeared", text: t("No longer a risk: {title}",
                                                                 { title: f.title }) });
    })).concat((changed.changed || []).map(function (f) {
      return el("li", { className: "pm-risk-changed", text: f.text });
    }));
    if (lines.length) box.appendChild(el("ul", { className: "pm-campaign-risks" }, lines));
  }

  function render(box, data) {
    box.textContent = "";
    (data.what_if || []).forEach(function (line) {
      box.appendChild(el("p", { className: "pm-campaign-what-if", text: line }));
    });
    var dm = data.decision_maker;
    box.appendChild(el("p", { className: "pm-campaign-summary", text: t(
      "Over {weeks} weeks the expected deal forecast moves from {before} to {after}.",
      { weeks: data.weeks, before: fmt(data.deal_initial), after: fmt(data.deal_expected) }) }));
    if (dm) {
      box.appendChild(el("p", { className: "pm-campaign-reach", text: t(
        "Chance of reaching {person} before the bid: {chance}.",
        { person: dm.name || "#" + dm.stakeholder_id, chance: fmt(dm.reach_probability) }) }));
    }
    renderRisks(box, data);
    if (!(data.steps || []).length) {
      box.appendChild(el("p", { className: "pm-hint",
                                text: t("Nothing to plan: nobody is left to win.") }));
      return;
    }
    /* A timeline: one entry per week with its first day, the week's steps under it. */
    var timeline = el("ol", { className: "pm-campaign-weeks" });
    var steps = [], week = null, list = null;
    data.steps.forEach(function (step) {
      if (step.week !== week) {
        week = step.week;
        list = el("ol", { className: "pm-campaign-steps" });
        timeline.appendChild(el("li", { className: "pm-campaign-week",
                                        "data-week": String(week) }, [
          el("h3", { text: t("Week {week} · from {date}",
                             { week: week, date: PowerMap.date(step.week_start) }) }),
          list]));
      }
      var item = el("li", { className: "pm-campaign-step",
                            "data-stakeholder": String(step.stakeholder_id) }, [
        el("button", { type: "button", className: "pm-campaign-pick",
          "aria-label": stepTitle(step),
          text: t("{activity} with {person}", {
            activity: step.activity_label || step.activity,
            person: step.name || "#" + step.stakeholder_id }),
          onclick: function () {
            steps.forEach(function (li) { li.classList.remove("pm-active"); });
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
      steps.push(item);
      list.appendChild(item);
    });
    box.appendChild(timeline);
  }

  function load(box, query) {
    var url = box.getAttribute("data-campaign-url");
    if (query) url += (url.indexOf("?") < 0 ? "?" : "&") + query;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) { render(box, data); })
      .catch(function () { box.textContent = t("The campaign could not be loaded."); });
  }

  function choice(name, label, options) {
    var select = el("select", { name: name, "aria-label": label },
                    [PowerMap.option("", label)].concat(options.map(function (o) {
                      return PowerMap.option(o[0], o[1]);
                    })));
    return select;
  }

  /* The what-if form: built when the map's payload (people, roles, attitudes) is there. */
  function whatIfForm(box) {
    var map = window.powermapMap, payload = map && map.payload;
    if (!payload) return null;
    var people = payload.nodes.filter(function (n) { return typeof n.id === "number"; })
      .slice().sort(PowerMap.byName).map(function (n) { return [String(n.id), n.name]; });
    var attitudes = payload.legend.attitudes.filter(function (a) { return a.value !== null; })
      .map(function (a) { return [String(a.value), a.label]; });
    var roles = payload.legend.roles.map(function (r) { return [r.key, r.label]; });
    var leaves = choice("leaves", t("Who leaves"), people);
    var flipPerson = choice("flip_person", t("Whose attitude changes"), people);
    var flipTo = choice("flip_attitude", t("New attitude"), attitudes);
    var joinName = el("input", { type: "text", name: "join_name", maxlength: "80",
                                 placeholder: t("New person's name"),
                                 "aria-label": t("New person's name") });
    var joinRole = choice("join_role", t("Role"), roles);
    var joinAttitude = choice("join_attitude", t("Attitude"), attitudes);
    var form = el("form", { className: "pm-what-if no-print", "data-what-if": "" }, [
      el("h3", { text: t("What if…") }),
      el("div", {}, [leaves]),
      el("div", {}, [flipPerson, flipTo]),
      el("div", {}, [joinName, joinRole, joinAttitude]),
      el("div", {}, [
        el("button", { type: "submit", className: "pm-what-if-recompute",
                       text: t("Recompute") }),
        el("button", { type: "button", className: "pm-what-if-reset", text: t("Reset"),
          onclick: function () { form.reset(); load(box, ""); } })]),
      el("p", { className: "pm-hint", text: t("Nothing is saved.") })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = [];
      if (leaves.value) query.push("leaves=" + encodeURIComponent(leaves.value));
      if (flipPerson.value && flipTo.value) {
        query.push("flip=" + encodeURIComponent(flipPerson.value + ":" + flipTo.value));
      }
      var name = joinName.value.replace(/:/g, " ").trim();
      if (name) {
        query.push("join=" + encodeURIComponent(name + ":" + (joinRole.value || "user") + ":" +
                                                joinAttitude.value));
      }
      load(box, query.join("&"));
    });
    return form;
  }

  function start() {
    var box = document.querySelector("[data-campaign]");
    if (!box || !window.fetch) return;
    load(box, "");
    var tries = 0;
    (function addForm() {
      var form = whatIfForm(box);
      if (form) box.parentNode.appendChild(form);
      else if (tries++ < 100) setTimeout(addForm, 100);
    })();
  }

  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
