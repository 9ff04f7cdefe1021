// 统计分析: one ECharts chart per card, from the JSON the page carries (no request of its own).
// A click on a bar (or on a name of the axis) opens the filtered list of forms; every chart has the
// ECharts aria description, a table view in the page and a PNG download that works offline.
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("dashboard-data").textContent);
  var COLORS = {
    met: "#1b7a3d", not_met: "#b42318", unverifiable: "#8a949e",
    error: "#b42318", warning: "#d08a00", info: "#35607f",
    "优": "#1b7a3d", "良": "#5a9e3a", "中": "#d08a00", "差": "#b42318",
    on_time: "#1b7a3d", late: "#d08a00", open: "#8fb3d9", missing: "#c4ccd4"
  };
  var FONT = getComputedStyle(document.body).fontFamily;
  var charts = {};

  function num(v) { return v === null || v === undefined ? null : Number(v); }

  // The text alternative ECharts gives screen readers: every name with its figures, in Chinese.
  function describe(spec) {
    var suffix = spec.unit === "%" ? "%" : spec.unit;
    var parts = spec.categories.map(function (name, i) {
      if (spec.series.length === 1) {
        var v = spec.series[0].values[i];
        return name + " " + (v === null ? "无数据" : v + suffix);
      }
      return name + ":" + spec.series.map(function (s) {
        return s.name + " " + (s.values[i] === null ? "无数据" : s.values[i] + suffix);
      }).join(",");
    });
    return spec.title + "(柱状图,共 " + spec.categories.length + " 项):" + parts.join(";") + "。数据表中的名称可打开对应的自评表清单。";
  }

  // ECharts estimates the room for the names from a sample of them when there are more than 40,
  // so a long name can be cut at the left: measure every name ourselves.
  var measure = document.createElement("canvas").getContext("2d");
  function namesWidth(names) {
    measure.font = "12px " + FONT;
    var widest = 0;
    names.forEach(function (name) { widest = Math.max(widest, measure.measureText(name).width); });
    return Math.min(NAME_WIDTH, Math.ceil(widest));
  }
  var NAME_WIDTH = 210;

  function option(spec) {
    var horizontal = spec.horizontal;
    var single = spec.series.length === 1;
    var mark = num(spec.mark);
    var categoryAxis = {
      type: "category", data: spec.categories, triggerEvent: true, inverse: horizontal,
      axisLabel: horizontal ? { width: NAME_WIDTH, overflow: "truncate", interval: 0, fontSize: 12 } : { interval: 0 },
      axisTick: { alignWithLabel: true }
    };
    var percent = spec.unit === "%";
    var valueAxis = {
      type: "value", minInterval: percent ? 0 : 1,
      axisLabel: { formatter: percent ? "{value}%" : "{value}" }
    };
    var series = spec.series.map(function (s) {
      var item = {
        name: s.name, type: "bar", data: s.values.map(num), barMaxWidth: 26, cursor: "pointer",
        emphasis: { focus: "series" }
      };
      if (spec.stacked) { item.stack = "total"; }
      if (COLORS[s.key]) { item.itemStyle = { color: COLORS[s.key] }; }
      if (single) {
        item.label = { show: true, position: horizontal ? "right" : "top",
          formatter: function (p) {
            var text = spec.series[p.seriesIndex].values[p.dataIndex];
            return text === null ? "" : text + (percent ? "%" : "");
          } };
        if (mark !== null) {
          item.itemStyle = { color: function (p) { return p.value !== null && p.value < mark ? "#d08a00" : "#1d5fa8"; } };
          var line = {}; line[horizontal ? "xAxis" : "yAxis"] = mark;
          item.markLine = { symbol: "none", silent: true, lineStyle: { color: "#b42318", type: "dashed" },
            label: { formatter: mark + "%", color: "#b42318" }, data: [line] };
        } else if (!COLORS[s.key]) {
          item.itemStyle = { color: "#1d5fa8" };
        }
      }
      return item;
    });
    return {
      aria: { enabled: true, decal: { show: false }, label: { description: describe(spec) } },
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
        valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + (percent ? "%" : " " + spec.unit); } },
      legend: single ? { show: false } : { top: 0, data: spec.series.map(function (s) { return s.name; }) },
      toolbox: { right: 0, top: single ? 0 : 22, feature: { saveAsImage: { title: "保存为图片", name: spec.title, pixelRatio: 2, backgroundColor: "#fff" } } },
      grid: horizontal
        ? { left: namesWidth(spec.categories) + 20, right: single ? 70 : 30, top: single ? 30 : 56, bottom: 28, containLabel: false }
        : { left: 10, right: single ? 70 : 30, top: single ? 30 : 56, bottom: 10, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series
    };
  }

  function draw() { specs.forEach(drawOne); }

  function drawOne(spec) {
    var node = document.getElementById("chart-" + spec.key);
    if (!node) { return; }
    var chart = echarts.init(node, null, { locale: "ZH", renderer: "canvas" });
    chart.setOption(option(spec));
    chart.on("click", function (p) {
      var link = null;
      if (p.componentType === "series") {
        link = spec.series[p.seriesIndex].links[p.dataIndex];
      } else if (p.componentType === "xAxis" || p.componentType === "yAxis") {
        var index = spec.categories.indexOf(p.value);
        link = index >= 0 ? spec.rowLinks[index] : null;
      }
      if (link) { window.location.href = link; }
    });
    node.jixiaoChart = chart;
    charts[spec.key] = { chart: chart, spec: spec };
  }

  // Names are measured for the layout: wait for the web font, or a long name is cut at the left.
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(draw, draw);
  } else {
    draw();
  }

  document.querySelectorAll("[data-png]").forEach(function (button) {
    button.addEventListener("click", function () {
      var found = charts[button.getAttribute("data-png")];
      if (!found) { return; }
      var a = document.createElement("a");
      a.href = found.chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      a.download = found.spec.title + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  });

  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (key) { charts[key].chart.resize(); });
  });
})();
