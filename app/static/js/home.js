// The home page's charts (app/templates/home.html, data from app/home/__init__.py charts()): a bar per unit and
// this year's registrations by month, drawn with ECharts (app/static/vendor/, copied from npm by `make install`).
// Clicking a bar opens the list it was counted from; the same numbers are in the tables below the charts.
(function () {
  "use strict";
  var holder = document.getElementById("home-charts");
  if (!holder || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(holder.getAttribute("data-charts"));
  var drawn = [];

  function draw(id, series, horizontal) {
    var node = document.getElementById(id);
    if (!node) {
      return;
    }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    var names = { type: "category", data: series.names, axisLabel: { interval: 0, rotate: horizontal ? 0 : 45 } };
    var values = { type: "value", minInterval: 1 };
    chart.setOption({
      title: { text: series.title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? values : names,
      yAxis: horizontal ? names : values,
      series: [{ type: "bar", data: series.values, itemStyle: { color: "#337ab7" }, cursor: "pointer" }]
    });
    chart.on("click", function (params) {
      var url = series.urls[params.dataIndex];
      if (url) {
        window.location.href = url;
      }
    });
    drawn.push(chart);
  }

  draw("home-chart-units", data.units, false);
  draw("home-chart-trend", data.trend, false);
  window.addEventListener("resize", function () {
    drawn.forEach(function (chart) {
      chart.resize();
    });
  });
})();
