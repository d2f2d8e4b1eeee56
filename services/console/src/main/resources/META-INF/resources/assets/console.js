// Pilotage console: progressive enhancement only. Every page works without this script.
(function () {
  "use strict";

  // Self-refresh (portfolio, alerts): re-fetch the page and swap its content, keeping focus and
  // scroll; a session that ended answers 499 (no redirect for scripts): reload through the login.
  function scheduleRefresh() {
    var main = document.getElementById("content");
    if (!main || !main.dataset.refresh || !window.htmx) { return; }
    var seconds = parseInt(main.dataset.refresh, 10);
    if (!(seconds > 0)) { return; }
    window.setTimeout(function () {
      if (document.activeElement && document.activeElement.closest && document.activeElement.closest("form")) {
        scheduleRefresh(); // someone is filling in a form: not now
        return;
      }
      htmx.ajax("GET", window.location.href, { target: "#content", select: "#content", swap: "outerHTML",
        headers: { "X-Requested-With": "JavaScript" } });
    }, seconds * 1000);
  }

  document.addEventListener("htmx:responseError", function (e) {
    if (e.detail && e.detail.xhr && e.detail.xhr.status === 499) { window.location.reload(); }
  });
  document.addEventListener("htmx:afterSettle", function () { drawCharts(); scheduleRefresh(); });

  function range(values, extra) {
    var all = values.filter(function (v) { return v !== null && v !== undefined; }).concat(extra.filter(function (v) { return v !== null && v !== undefined; }));
    if (!all.length) { return [0, 1]; }
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    var pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }

  function drawCharts() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var d = JSON.parse(el.dataset.chart);
      var r = range(d.values.concat(d.previous || []),
        [d.target, d.warning, d.critical].concat(d.cone ? [d.cone.low, d.cone.high] : []));
      var bands = [];
      if (d.critical !== null && d.warning !== null) {
        if (d.higherIsBetter) {
          bands.push([{ yAxis: d.critical, itemStyle: { color: "rgba(154,103,0,0.10)" } }, { yAxis: d.warning }]);
          bands.push([{ yAxis: r[0], itemStyle: { color: "rgba(207,34,46,0.10)" } }, { yAxis: d.critical }]);
        } else {
          bands.push([{ yAxis: d.warning, itemStyle: { color: "rgba(154,103,0,0.10)" } }, { yAxis: d.critical }]);
          bands.push([{ yAxis: d.critical, itemStyle: { color: "rgba(207,34,46,0.10)" } }, { yAxis: r[1] }]);
        }
      }
      var symbols = { alert: "pin", ack: "circle", target: "diamond", review: "rect" };
      var points = (d.annotations || []).map(function (a) {
        return { name: a.text, coord: [a.index, d.values[a.index] !== null ? d.values[a.index] : r[0]],
          symbol: symbols[a.kind] || "pin", symbolSize: a.kind === "alert" ? 28 : 14, value: a.kind,
          label: { show: false } };
      });
      // the forecast cone: from the period before to the projected value and its 80 % interval
      var cone = d.cone, coneSeries = [];
      if (cone) {
        var n = d.labels.length, lower = [], width = [], mid = [];
        for (var i = 0; i < n; i++) { lower.push(null); width.push(null); mid.push(null); }
        var start = cone.from !== null && cone.from !== undefined ? cone.from : cone.value;
        lower[cone.fromIndex] = start; width[cone.fromIndex] = 0; mid[cone.fromIndex] = start;
        lower[cone.index] = cone.low; width[cone.index] = cone.high - cone.low; mid[cone.index] = cone.value;
        coneSeries = [
          { name: d.labelForecast, type: "line", data: lower, stack: "cone", symbol: "none", lineStyle: { opacity: 0 },
            tooltip: { show: false } },
          { name: d.labelForecast, type: "line", data: width, stack: "cone", symbol: "none", lineStyle: { opacity: 0 },
            areaStyle: { color: "rgba(9,105,218,0.18)" }, tooltip: { show: false } },
          { name: d.labelForecast, type: "line", data: mid, symbol: "emptyCircle", symbolSize: 7,
            lineStyle: { type: "dotted", width: 2 } }
        ];
      }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        aria: { enabled: true },
        animation: false,
        grid: { left: 56, right: 16, top: 24, bottom: 28 },
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: cone ? [d.labelValues, d.labelPrevious, d.labelForecast] : [d.labelValues, d.labelPrevious] },
        xAxis: { type: "category", data: d.labels },
        yAxis: { type: "value", min: Number(r[0].toPrecision(3)), max: Number(r[1].toPrecision(3)), name: d.unit || "" },
        series: [
          { name: d.labelPrevious, type: "line", data: d.previous, connectNulls: false, symbol: "none",
            lineStyle: { type: "dashed", opacity: 0.35 }, itemStyle: { opacity: 0.35 } },
          { name: d.labelValues, type: "line", data: d.values, connectNulls: false, symbolSize: 6,
            markLine: d.target === null ? undefined : { symbol: "none", data: [{ yAxis: d.target, name: d.labelTarget }],
              label: { formatter: d.labelTarget }, lineStyle: { type: "solid", width: 2 } },
            markArea: bands.length ? { silent: true, data: bands } : undefined,
            markPoint: points.length ? { data: points, tooltip: { formatter: function (p) { return p.name; } } } : undefined }
        ].concat(coneSeries)
      });
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // the review's "printable pack" button prints the page (the print style sheet leaves out the
  // navigation and the forms); without the script it is a link to the same page
  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target.closest("[data-print]") : null;
    if (t) { e.preventDefault(); window.print(); }
  });

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); scheduleRefresh(); });
})();
