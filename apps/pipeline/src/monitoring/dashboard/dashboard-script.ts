/**
 * The dashboard's browser script: polls the REST API and renders with textContent only
 * (nothing from the API is ever parsed as HTML). Charts are Chart.js.
 */
export const DASHBOARD_JS = String.raw`(function () {
  'use strict';
  var SECTORS = ['land', 'insurance', 'business'];
  var SOURCES = ['population'].concat(SECTORS);
  var COLOURS = { population: '#7a5195', land: '#2f7d32', insurance: '#1565c0', business: '#ef6c00' };
  var REFRESH_MS = Number(new URLSearchParams(location.search).get('refresh')) || 2000;
  var charts = {};

  function get(path) {
    return fetch(path).then(function (r) {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.json();
    });
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function row(cells, attrs) {
    var tr = el('tr', null, attrs);
    cells.forEach(function (c) { tr.appendChild(c instanceof Node ? c : el('td', c)); });
    return tr;
  }
  function num(n, attrs) {
    var td = el('td', n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'), attrs);
    td.className = 'num';
    return td;
  }
  function fixed(n, digits) { return n === null || n === undefined ? '–' : Number(n).toFixed(digits); }
  function percent(rate) { return rate === null ? '–' : (Math.floor(rate * 10000) / 100).toFixed(2) + ' %'; }
  function fill(id, rows, columns) {
    var body = document.getElementById(id);
    body.replaceChildren.apply(body, rows.length ? rows : [row([el('td', 'none', { colspan: String(columns), class: 'empty' })])]);
  }

  function renderSources(rates) {
    var box = document.getElementById('sources');
    box.replaceChildren.apply(box, SECTORS.map(function (s) {
      var r = rates.filter(function (x) { return x.source === s; })[0] || { matched: 0, total: 0, rate: null, report: 'no results yet' };
      var card = el('div', null, { class: 'card', 'data-testid': 'source-' + s });
      card.appendChild(el('h3', s));
      card.appendChild(el('div', percent(r.rate), { class: 'rate', 'data-testid': 'source-' + s + '-rate' }));
      card.appendChild(el('div', r.report, { class: 'report', 'data-testid': 'source-' + s + '-report' }));
      var counts = el('div', null, { class: 'report' });
      counts.appendChild(el('span', 'matched '));
      counts.appendChild(el('b', r.matched, { 'data-testid': 'source-' + s + '-matched' }));
      counts.appendChild(el('span', ' of '));
      counts.appendChild(el('b', r.total, { 'data-testid': 'source-' + s + '-total' }));
      card.appendChild(counts);
      return card;
    }));
  }

  function renderProvinces(rates) {
    var byProvince = {};
    rates.forEach(function (r) {
      var p = byProvince[r.provinceCode] = byProvince[r.provinceCode] || { name: r.provinceName, cells: {} };
      p.cells[r.source] = r;
    });
    fill('provinces', Object.keys(byProvince).sort().map(function (code) {
      var p = byProvince[code];
      return row([el('td', code + ' ' + (p.name || ''))].concat(SECTORS.map(function (s) {
        var r = p.cells[s];
        return el('td', r ? percent(r.rate) + ' (' + r.matched + ' of ' + r.total + ')' : '–', {
          'data-testid': 'province-' + code + '-' + s,
          'data-matched': r ? String(r.matched) : '0',
          'data-total': r ? String(r.total) : '0',
        });
      })));
    }), 4);
  }

  function renderLag(lag) {
    fill('lag', lag.sources.map(function (s) {
      return row([
        el('td', s.source),
        num(s.offsetLag, { 'data-testid': 'lag-' + s.source }),
        el('td', fixed(s.eventTimeLagSeconds, 1), { 'data-testid': 'event-lag-' + s.source }),
        el('td', fixed(s.throughput, 1)),
        num(s.processed),
        num(s.deadLettered, { 'data-testid': 'dead-lettered-' + s.source }),
        el('td', fixed(s.latency.p50, 2) + ' / ' + fixed(s.latency.p95, 2) + ' / ' + fixed(s.latency.p99, 2)),
      ]);
    }), 7);
    fill('partitions', lag.partitions.map(function (p) {
      return row([el('td', p.topic), num(p.partition), num(p.logEnd), num(p.committed), num(p.offsetLag), el('td', fixed(p.eventTimeLagSeconds, 1))]);
    }), 6);
  }

  function renderAlerts(alerts) {
    fill('alerts', alerts.map(function (a) {
      return row([el('td', a.kind), el('td', a.subject), el('td', new Date(a.openedAt).toLocaleTimeString()), el('td', a.message)],
        { class: 'alert-row', 'data-kind': a.kind, 'data-subject': a.subject });
    }), 4);
  }

  function renderDeadLetters(entries) {
    fill('dead-letters', entries.map(function (d) {
      var where = d.violations.map(function (v) { return (v.path || '/') + ' ' + v.keyword; }).join(', ');
      return row([
        el('td', d.failedAt ? new Date(d.failedAt).toLocaleString() : '–'),
        el('td', (d.sourceTopic || '?') + ' #' + d.sourcePartition + ' @' + d.sourceOffset),
        el('td', d.reasonKind),
        el('td', where),
      ], { 'data-reason': d.reasonKind });
    }), 4);
  }

  function chart(id, series, pick) {
    var datasets = SOURCES.map(function (s) {
      return {
        label: s, borderColor: COLOURS[s], backgroundColor: COLOURS[s], pointRadius: 0, tension: 0.2,
        data: series.map(function (p) {
          var x = p.sources.filter(function (q) { return q.source === s; })[0];
          return x ? pick(x) : null;
        }),
      };
    });
    var labels = series.map(function (p) { return new Date(p.at).toLocaleTimeString(); });
    if (!charts[id]) {
      charts[id] = new Chart(document.getElementById(id), {
        type: 'line', data: { labels: labels, datasets: datasets },
        options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } }, plugins: { legend: { position: 'bottom' } } },
      });
    } else {
      charts[id].data.labels = labels;
      charts[id].data.datasets.forEach(function (d, i) { d.data = datasets[i].data; });
      charts[id].update();
    }
  }

  function refresh() {
    return Promise.all([
      get('/api/match-rates?groupBy=source'), get('/api/match-rates?groupBy=province'), get('/api/lag'),
      get('/api/series?minutes=15'), get('/api/alerts'), get('/api/dead-letters?limit=50'),
    ]).then(function (r) {
      renderSources(r[0]); renderProvinces(r[1]); renderLag(r[2]);
      chart('lag-chart', r[3], function (x) { return x.offsetLag; });
      chart('throughput-chart', r[3], function (x) { return x.throughput; });
      chart('event-lag-chart', r[3], function (x) { return x.eventTimeLagSeconds; });
      renderAlerts(r[4]); renderDeadLetters(r[5]);
      var status = document.getElementById('status');
      status.textContent = 'updated ' + new Date().toLocaleTimeString();
      status.setAttribute('data-loaded', 'true');
    }).catch(function (e) {
      document.getElementById('status').textContent = 'error: ' + e.message;
    }).then(function () { setTimeout(refresh, REFRESH_MS); });
  }
  refresh();
})();
`;
