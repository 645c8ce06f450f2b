// The style sheet and the script of the HTML report: constants, never built from goal data, so the
// page's Content-Security-Policy can allow exactly these two by hash and nothing else.

const widths = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');
const marks = Array.from({ length: 101 }, (_, i) => `.x${i}{left:${i}%}`).join('');

/**
 * Light and dark (prefers-color-scheme), print (every section open, no filter), and colours that
 * only ever repeat a word printed beside them. Bars are sized by class (.w0-.w100), not by a style
 * attribute, which the policy would refuse.
 */
export const REPORT_CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--link:#0550ae;--g:#1a7f37;--y:#7d4e00;--r:#c4242e;--gb:#dafbe1;--yb:#fff3c4;--rb:#ffebe9;--track:#dde2e7;--gbar:#2da44e;--ybar:#d4a72c;--rbar:#e5534b;--val:#0969da;--pace:#59636e;--fc:#8250df;--bd:#c4242e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9ea7b3;--line:#3d444d;--card:#151b23;--link:#71b7ff;--g:#4ac26b;--y:#e3b341;--r:#ff7b72;--gb:#0f2a1a;--yb:#2e2410;--rb:#3a1418;--track:#30363d;--gbar:#2ea043;--ybar:#bb8009;--rbar:#da3633;--val:#58a6ff;--pace:#9ea7b3;--fc:#be8fff;--bd:#ff7b72}}
*{box-sizing:border-box}
html{scroll-padding-top:4.5rem}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.25rem .5rem;z-index:9}
header,main,footer,nav{max-width:82rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.25rem}
h1{font-size:1.6rem;margin:.25rem 0}h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}h3{font-size:1.1rem;margin:0}h4{font-size:1rem;margin:0}
.muted,small{color:var(--muted)}small{font-size:.85em}
.t{unicode-bidi:isolate;overflow-wrap:anywhere}
.mission{font-size:1.15rem;margin:.5rem 0}
.meta{margin:.25rem 0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.5rem 0;margin:0;border-bottom:1px solid var(--line)}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:0;padding:0;list-style:none}
.cards li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;min-width:12rem;flex:1}
.cards b{display:block;font-size:1.5rem}
#h-attention{margin-top:1.25rem}
.bar{display:inline-block;position:relative;width:6rem;height:.65rem;background:var(--track);border-radius:3px;overflow:hidden;vertical-align:middle;margin-right:.35rem}
.bar i{position:absolute;left:0;top:0;bottom:0}.bar b{position:absolute;top:0;bottom:0;width:2px;margin-left:-1px;background:var(--fg)}
.bar .g{background:var(--gbar)}.bar .y{background:var(--ybar)}.bar .r{background:var(--rbar)}
${widths}${marks}
.pct{font-variant-numeric:tabular-nums;font-weight:600}
td.d,.krs td:nth-child(6),.pct{white-space:nowrap}
.st{display:inline-block;padding:0 .4rem;border-radius:1rem;font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid currentColor}
.st.dn,.st.ot{color:var(--g);background:var(--gb)}.st.ar{color:var(--y);background:var(--yb)}.st.of,.st.br{color:var(--r);background:var(--rb)}.st.br{text-transform:uppercase}.st.up{color:var(--muted)}
.flag{font-size:.85em;font-weight:600;color:var(--y);white-space:nowrap}.flag.r{color:var(--r)}
.grade{font-weight:600;white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
th{font-size:.85em;color:var(--muted);font-weight:600}
td.n,th.n,.krs td:nth-child(2),.krs td:nth-child(5),.krs th:nth-child(2),.krs th:nth-child(5){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.why{margin:0;padding-left:1.1rem}
#filter{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 0}
#filter[hidden]{display:none}
@media (max-width:40rem){#filter{position:static}} /* on a phone a sticky filter would hide a quarter of the screen */
#filter label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
#filter input,#filter select,#filter button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.25rem .5rem}
#filter input{min-width:16rem}
#count{margin:0;font-size:.9em;color:var(--muted)}
[hidden]{display:none!important}
.tree,.tree ul{list-style:none;margin:0;padding-left:1.4rem}
.tree{padding-left:0}
.tree li{margin:.15rem 0}
.tree ul{border-left:1px solid var(--line)}
.tree summary{cursor:pointer;font-size:.85em;color:var(--muted);margin-left:.5rem}
.node{display:block}
.via{font-size:.85em;color:var(--muted)}
details.team{border:1px solid var(--line);border-radius:6px;margin:.75rem 0;background:var(--bg)}
details.team>summary{cursor:pointer;padding:.6rem .9rem;background:var(--card);border-radius:6px}
details.team>summary h3{display:inline}
details.team[open]>summary{border-bottom:1px solid var(--line);border-radius:6px 6px 0 0}
.team-body{padding:.25rem .9rem .5rem}
article{margin:1rem 0 1.5rem}
.obj-head{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline}
.krs svg{width:120px;height:32px;display:block}
svg path{fill:none;stroke-width:3;vector-effect:non-scaling-stroke}
path.vl{stroke:var(--val);stroke-width:2;marker-end:url(#dot)}#dot circle{fill:var(--val)}.defs{position:absolute;width:0;height:0}
path.pc{stroke:var(--pace);stroke-width:1;stroke-dasharray:4 3}
path.fc{stroke:var(--fc);stroke-width:1.5;stroke-dasharray:1.5 2}
path.bd{stroke:var(--bd);stroke-width:1;stroke-dasharray:6 2 1 2}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;font-size:.85em;color:var(--muted);margin:.25rem 0}
.legend svg{width:28px;height:10px;vertical-align:middle;margin-right:.3rem}
.legend path{fill:none}
.fb ul{margin:.25rem 0;padding-left:1.1rem}
.fb summary{cursor:pointer;font-size:.9em}
.note{white-space:pre-wrap}
footer{margin:2rem auto;padding-top:.75rem;border-top:1px solid var(--line);font-size:.85em;color:var(--muted)}
@media print{nav,#filter,#count,.skip{display:none!important}body{font-size:10pt;background:#fff;color:#000}details::details-content{content-visibility:visible;display:contents}details>summary{list-style:none}details.team{break-inside:auto;border:0}article,tbody,tr,li{break-inside:avoid}a{color:inherit;text-decoration:none}.bar,.bar i,.bar b,.st{print-color-adjust:exact;-webkit-print-color-adjust:exact}h2{break-after:avoid}}`;

/**
 * The filter box (text, team, status): shown only when script runs, it hides what does not match and
 * keeps the path to what does. Every goal row is found once at start; an element stays visible when it
 * or something inside it matches. Nothing is fetched, nothing is stored.
 */
export const REPORT_SCRIPT = `"use strict";
(function () {
  var form = document.getElementById("filter");
  if (!form) return;
  var text = form.elements.namedItem("q"), team = form.elements.namedItem("team"), status = form.elements.namedItem("status");
  var count = document.getElementById("count");
  var items = [];
  document.querySelectorAll("[data-s]").forEach(function (el) {
    var owner = el.closest("[data-team]"), parent = el.parentElement && el.parentElement.closest("article[data-s]");
    var own = el.querySelector(".t"), named = el.closest("[data-team-name]");
    var link = el.tagName === "LI" ? el.querySelector("a[href^='#g-']") : null;
    var ref = link ? link.getAttribute("href").slice(3) : el.id.replace(/^g-/, "");
    var words = (own ? own.textContent : "") + " " + ref;
    var above = parent ? (parent.querySelector(".t") || { textContent: "" }).textContent + " " : "";
    items.push({
      el: el,
      article: null,
      parentEl: parent,
      match: false,
      team: owner ? owner.getAttribute("data-team") : ref.split("/")[0],
      status: " " + el.getAttribute("data-s") + " ",
      text: (above + words + " " + (named ? named.getAttribute("data-team-name") : "")).toLowerCase()
    });
  });
  var byEl = new Map(items.map(function (i) { return [i.el, i]; }));
  items.forEach(function (i) { i.article = i.parentEl ? byEl.get(i.parentEl) || null : null; });
  var objectives = document.querySelectorAll("article[data-s]").length;
  function apply() {
    var q = text.value.trim().toLowerCase(), t = team.value, s = status.value, active = q !== "" || t !== "" || s !== "";
    var shown = 0;
    items.forEach(function (i) {
      i.match = (q === "" || i.text.indexOf(q) >= 0) && (t === "" || i.team === t) && (s === "" || i.status.indexOf(" " + s + " ") >= 0);
    });
    // Inner elements first: an element is visible when it matches, when something inside it is visible
    // (the path to a match stays), or when it is a key result of an objective that matches (an
    // objective shown is shown whole).
    for (var n = items.length - 1; n >= 0; n--) {
      var i = items[n];
      var visible = !active || i.match || (i.article !== null && i.article.match) || i.el.querySelector("[data-s]:not([hidden])") !== null;
      i.el.hidden = !visible;
      if (visible && i.el.tagName === "ARTICLE") shown++;
    }
    document.querySelectorAll("details.team").forEach(function (d) {
      var any = d.querySelector("article:not([hidden])") !== null;
      d.hidden = active && !any;
      if (active && any) d.open = true;
    });
    if (active) document.querySelectorAll(".tree details").forEach(function (d) { if (!d.parentElement.hidden) d.open = true; });
    count.textContent = active ? (shown === 0 ? "No objective matches the filter." : "Showing " + shown + " of " + objectives + " objectives.") : "";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("beforeprint", function () { document.querySelectorAll("details").forEach(function (d) { d.open = true; }); });
  form.hidden = false;
})();
`;
