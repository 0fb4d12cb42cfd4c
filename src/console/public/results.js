// Draws the results charts with chart.js (served from node_modules) from the figures the server rendered.
(function () {
  'use strict';
  var holder = document.getElementById('results-data');
  if (!holder || !window.Chart) return;
  var data = JSON.parse(holder.getAttribute('data-json'));
  var palette = ['#0b5cad', '#17703a', '#a33c00', '#6b3fa0', '#b8860b', '#2f4f4f', '#c2185b', '#00838f', '#5d4037', '#455a64', '#827717', '#283593'];
  new window.Chart(document.getElementById('funnel-chart'), {
    type: 'bar',
    data: { labels: data.steps, datasets: [{ label: 'Debtors', data: data.total, backgroundColor: '#0b5cad' }] },
    options: { maintainAspectRatio: false, animation: false, plugins: { title: { display: true, text: 'Funnel' }, legend: { display: false } } },
  });
  new window.Chart(document.getElementById('breakdown-chart'), {
    type: 'bar',
    data: {
      labels: data.steps,
      datasets: data.by.map(function (row, i) { return { label: row.key, data: row.values, backgroundColor: palette[i % palette.length] }; }),
    },
    options: { maintainAspectRatio: false, animation: false, plugins: { title: { display: true, text: 'Funnel by group' } } },
  });
})();
