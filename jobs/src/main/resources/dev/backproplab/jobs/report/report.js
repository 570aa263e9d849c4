// Draws every figure of a bpl report from the JSON in #bpl-data with Chart.js. Each <canvas
// data-figure="..."> names its figure; figures come from the data of its data set (data-dataset), or
// of a sweep's runs over time (data-runs: one point per run, the x axis labelled with run and commit).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bpl-data').textContent);
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
                 '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];
  var colorOf = {};
  data.methods.forEach(function (m, i) { colorOf[m] = palette[i % palette.length]; });
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function points(xs, ys) {
    var out = [];
    for (var i = 0; i < xs.length; i++) {
      if (xs[i] !== null && ys[i] !== null) { out.push({x: xs[i], y: ys[i]}); }
    }
    return out;
  }
  function options(xTitle, yTitle, logX) {
    return {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      plugins: {
        legend: { labels: { filter: function (item, chart) {
          return !chart.datasets[item.datasetIndex].band; } } },
        tooltip: { mode: 'nearest', intersect: false }
      },
      elements: { point: { radius: 0 }, line: { borderWidth: 1.6 } },
      scales: {
        x: { type: logX ? 'logarithmic' : 'linear', title: { display: true, text: xTitle } },
        y: { title: { display: true, text: yTitle } }
      }
    };
  }
  // One line per method at its best configuration, with the band from least to greatest over repeats.
  function bandFigure(ds, metric, axis) {
    var sets = [];
    Object.keys(ds.curves).forEach(function (m) {
      var c = ds.curves[m];
      var xs = c[axis];
      if (!c[metric] || c[metric].every(function (v) { return v === null; })) { return; }
      var col = colorOf[m];
      sets.push({label: m + ' max', band: true, data: points(xs, c[metric + '_max']), borderWidth: 0,
                 pointRadius: 0, borderColor: alpha(col, 0), fill: false});
      sets.push({label: m + ' min', band: true, data: points(xs, c[metric + '_min']), borderWidth: 0,
                 pointRadius: 0, borderColor: alpha(col, 0), backgroundColor: alpha(col, 0.18), fill: '-1'});
      sets.push({label: m + ' (' + c.repeats + ')', data: points(xs, c[metric]), borderColor: col,
                 backgroundColor: col, fill: false});
    });
    return sets;
  }
  function lineSets(series, marks) {
    return series.map(function (s, i) {
      var col = colorOf[s.method] || palette[i % palette.length];
      return {label: s.label, data: s.points.map(function (p) { return {x: p[0], y: p[1]}; }),
              borderColor: col, backgroundColor: col, borderDash: s.dash ? [5, 3] : [], fill: false,
              stepped: s.stepped ? 'before' : false, pointRadius: marks ? 3 : 0};
    });
  }
  // A sweep's runs over time: x is the run's position, its tick the run id and commit.
  function runsFigure(canvas) {
    var runs = data.runs[Number(canvas.dataset.runs)];
    var f = runs[canvas.dataset.figure];
    var opts = options('run (oldest first) @ commit', f.y, false);
    opts.scales.x.min = 0;
    opts.scales.x.max = runs.labels.length - 1;
    opts.scales.x.ticks = {stepSize: 1, autoSkip: false, maxRotation: 60,
                           callback: function (v) { return runs.labels[v]; }};
    new Chart(canvas, {type: 'line', data: {datasets: lineSets(f.series, true)}, options: opts});
  }
  var AXES = {samples: 'samples seen', seconds: 'wall seconds'};
  var METRICS = {test_accuracy: 'test accuracy', test_loss: 'test loss', train_loss: 'train loss',
                 val_accuracy: 'validation accuracy', val_loss: 'validation loss'};
  document.querySelectorAll('canvas[data-figure]').forEach(function (canvas) {
    if (canvas.dataset.runs !== undefined) {
      runsFigure(canvas);
      return;
    }
    var ds = data.datasets[Number(canvas.dataset.dataset)];
    var fig = canvas.dataset.figure;
    var axis = canvas.dataset.axis;
    var sets;
    var yTitle;
    if (fig === 'band') {
      sets = bandFigure(ds, canvas.dataset.metric, axis);
      yTitle = METRICS[canvas.dataset.metric];
    } else {
      var f = ds.figures[fig];
      sets = lineSets(f.series);
      yTitle = f.y;
    }
    new Chart(canvas, {type: 'line', data: {datasets: sets}, options: options(AXES[axis], yTitle, canvas.dataset.log === '1')});
  });
})();
