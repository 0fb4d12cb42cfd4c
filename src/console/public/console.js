// Pacto console: live updates over Server-Sent Events. No framework, no inline script (the CSP forbids it).
(function () {
  'use strict';
  if (!document.querySelector('meta[name="csrf-token"]') || !window.EventSource) return;
  var badge = document.getElementById('live-badge');
  var status = document.getElementById('live-status');
  var lastWaiting = null;
  var lastVersion = null;

  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = 660;
      gain.gain.value = 0.04;
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.15);
    } catch (e) {
      /* sound is optional */
    }
  }

  function refresh(el) {
    var url = el.getAttribute('data-live-url');
    if (!url) return;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) return null;
        var counts = res.headers.get('X-Tab-Counts');
        if (counts) {
          var parsed = JSON.parse(counts);
          Object.keys(parsed).forEach(function (tab) {
            var span = document.querySelector('[data-count="' + tab + '"]');
            if (span) span.textContent = String(parsed[tab]);
          });
        }
        return res.text();
      })
      .then(function (html) {
        if (html === null || html === undefined) return;
        var open = [];
        el.querySelectorAll('details').forEach(function (d, i) { if (d.open) open.push(i); });
        el.innerHTML = html;
        var details = el.querySelectorAll('details');
        open.forEach(function (i) { if (details[i]) details[i].open = true; });
      });
  }

  var source = new EventSource('/console/events');
  source.addEventListener('change', function (event) {
    var data = JSON.parse(event.data);
    if (badge) {
      badge.textContent = data.waiting > 0 ? data.waiting + ' waiting' : '';
      badge.hidden = data.waiting === 0;
    }
    if (lastWaiting !== null && data.waiting > lastWaiting) {
      if (status) status.textContent = data.waiting + ' conversation(s) waiting for a person';
      beep();
    }
    lastWaiting = data.waiting;
    // The first event refreshes too: something may have changed between rendering the page and opening the stream.
    if (data.version !== lastVersion) {
      document.querySelectorAll('[data-live-url]').forEach(refresh);
    }
    lastVersion = data.version;
    document.documentElement.setAttribute('data-live', data.version);
  });
})();
