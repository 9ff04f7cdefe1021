// The overview chart: reported and computed 预算完成率 per form (ECharts, served by the app).
(function () {
  var data = JSON.parse(document.getElementById("rates-data").textContent);
  var chart = echarts.init(document.getElementById("rates-chart"));
  var num = function (v) { return v === null || v === undefined ? null : Number(v); };
  chart.setOption({
    aria: { enabled: true, decal: { show: false } },
    tooltip: { trigger: "axis" },
    legend: { data: ["填报", "计算"] },
    grid: { left: 20, right: 20, bottom: 10, top: 40, containLabel: true },
    // Names wrap under their bars instead of being rotated (a rotated long name ran off the left edge).
    xAxis: { type: "category", data: data.map(function (d) { return d.name + " " + d.year; }), axisLabel: { interval: 0, width: Math.max(60, Math.floor(1100 / Math.max(1, data.length)) - 8), overflow: "break", lineHeight: 14 } },
    yAxis: { type: "value", name: "%", min: function (v) { return Math.max(0, Math.floor(v.min - 5)); } },
    series: [
      { name: "填报", type: "bar", data: data.map(function (d) { return num(d.reported); }) },
      { name: "计算", type: "bar", data: data.map(function (d) { return num(d.computed); }) }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
