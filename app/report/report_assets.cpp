// SPDX-License-Identifier: MIT
// The report page's style and script. The script reads only the JSON embedded in the page and
// draws with the inlined Chart.js (no network, no other file); see report_page.hpp.
#include "app/report/report_assets.hpp"

namespace hospsim::app {

const std::string_view report_style = R"css(
:root { --ink: #1d2733; --muted: #5b6775; --line: #d8dee6; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "DejaVu Sans", sans-serif; color: var(--ink);
       background: #f4f6f9; line-height: 1.4; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 48px; }
header { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 6px; font-size: 21px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
h3 { margin: 20px 0 8px; font-size: 17px; color: var(--accent); }
.subtitle { margin: 0 0 12px; color: var(--muted); }
dl.settings { display: grid; grid-template-columns: repeat(4, auto 1fr); gap: 4px 12px; margin: 0;
              font-size: 14px; }
dl.settings dt { color: var(--muted); }
dl.settings dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
nav { margin: 12px 0 0; font-size: 14px; }
nav a { margin-right: 16px; color: var(--accent); }
p.note { color: var(--muted); font-size: 14px; margin: 4px 0 10px; }
table { border-collapse: collapse; background: #fff; font-size: 14px; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; }
td { white-space: nowrap; }
th { background: #eef2f7; font-weight: 600; }
td:first-child, th:first-child { text-align: left; }
td .hw { color: var(--muted); font-size: 12px; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card h4 { margin: 0 0 6px; font-size: 15px; }
.card .sub { color: var(--muted); font-weight: 400; }
.chart { position: relative; height: 280px; }
.wide { grid-column: 1 / -1; }
details { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
details input { margin: 8px 0; padding: 4px 8px; width: 320px; }
.significant { color: #b3261e; font-weight: 600; }
@media print { body { background: #fff; } .card, header { break-inside: avoid; } }
)css";

const std::string_view report_script = R"js(
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const root = document.getElementById('report');
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b',
                   '#e377c2', '#bcbd22', '#393b79', '#637939', '#843c39'];
  const charts = [];
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, "DejaVu Sans", sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#1d2733';
  Chart.defaults.plugins.legend.labels.boxWidth = 14;
  Chart.defaults.plugins.legend.labels.font = {size: 11};

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }
  // Scenario names for people: spaces for underscores, short words that are not English
  // (ed, ct, amu, icu) as acronyms, a capital first letter.
  const smallWords = new Set(['a', 'at', 'bed', 'by', 'day', 'for', 'in', 'new', 'of', 'old', 'on', 'or',
                              'out', 'per', 'the', 'to', 'up', 'and', 'x', 'bay', 'cot', 'pod', 'lab', 'ray', 'car', 'van', 'two', 'one']);
  function readable(name) {
    const words = String(name).split(/[_ ]+/).map(w => w.length <= 3 && !smallWords.has(w.toLowerCase()) ? w.toUpperCase() : w);
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  function decimals(value) {
    const size = Math.abs(value);
    return size >= 100 ? 0 : size >= 10 ? 1 : 2;
  }
  function number(value, percent) {
    if (value === null || value === undefined) return '—';
    const shown = percent ? value * 100 : value;
    return shown.toFixed(decimals(shown));
  }
  function duration(ms) {
    const hours = ms / 3600000;
    if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
    if (hours >= 1) return `${+hours.toFixed(2)} h`;
    return `${+(ms / 60000).toFixed(2)} min`;
  }
  const kpis = new Map((data.kpis || []).map(k => [k.name, k]));
  function defined(name) {
    const k = kpis.get(name);
    return k !== undefined && k.mean !== null;
  }
  function nonzero(name) {
    const k = kpis.get(name);
    return defined(name) && (k.mean !== 0 || (k.half_width !== null && k.half_width !== 0));
  }
  // A table cell with a KPI's mean and its 95% half-width; data-* keep the exact numbers.
  function kpiCell(name, percent) {
    const k = kpis.get(name);
    const cell = el('td');
    if (!k || k.mean === null) { cell.textContent = '—'; return cell; }
    cell.dataset.kpi = k.name;
    cell.dataset.mean = String(k.mean);
    cell.dataset.halfWidth = String(k.half_width);
    cell.title = `${k.name}: ${k.mean} (95% CI ${k.lower} to ${k.upper}, ${k.replications} replications)`;
    cell.append(number(k.mean, percent));
    if (k.half_width !== null) cell.append(' ', el('span', {class: 'hw', text: '± ' + number(k.half_width, percent)}));
    return cell;
  }
  function chartCard(title, subtitle, height, wide) {
    const canvas = el('canvas', {role: 'img', 'aria-label': subtitle ? `${title} ${subtitle}` : title});
    const box = el('div', {class: 'chart'}, canvas);
    if (height) box.style.height = height + 'px';
    const heading = el('h4', {text: title});
    if (subtitle) heading.append(' ', el('span', {class: 'sub', text: subtitle}));
    return {card: el('div', {class: wide ? 'card wide' : 'card'}, heading, box), canvas};
  }
  function makeChart(canvas, config) { charts.push(new Chart(canvas, config)); }
  function axisTitle(text) { return {display: true, text, font: {size: 13, weight: '600'}}; }
  const hiddenFromLegend = {labels: {filter: item => !item.text.startsWith('_')}};

  function header(title, subtitle, settings, sections) {
    const list = el('dl', {class: 'settings'});
    for (const [term, value] of settings)
      list.append(el('dt', {text: term}), el('dd', {text: String(value)}));
    const nav = el('nav');
    for (const [id, text] of sections) nav.append(el('a', {href: '#' + id, text}));
    root.append(el('header', {}, el('h1', {text: title}), el('p', {class: 'subtitle', text: subtitle}), list, nav));
  }
  function section(id, title, note) {
    const node = el('section', {id}, el('h2', {text: title}));
    if (note) node.append(el('p', {class: 'note', text: note}));
    root.append(node);
    return node;
  }

  // ---- run report ----------------------------------------------------------------------
  // `hospsim run --db-trace N`: the charts drawn from the time series and events come from
  // replications 0 to N-1 alone; this sentence says so (empty when every replication is traced).
  function tracedNote() {
    const run = data.run;
    const traced = run.traced_replications ?? run.replications;
    return traced < run.replications
      ? ` Drawn from the ${traced} traced replication${traced === 1 ? '' : 's'} of ${run.replications} (hospsim run --db-trace ${traced}).`
      : '';
  }

  function runReport() {
    const run = data.run;
    const warmupDays = run.warmup_ms / 86400000;
    const traced = run.traced_replications ?? run.replications;
    header(`${run.scenario}: simulation report`,
           `${run.file || 'scenario built in code'} · ${run.replications} replications · all numbers from the run database ${run.database}`,
           [['Scenario file', run.file || '—'], ['Replications', run.replications],
            ...(traced < run.replications
                  ? [['Traced (charts)', traced === 0 ? 'none' : `0 to ${traced - 1} (--db-trace ${traced})`]]
                  : []),
            ['Seed', run.seed], ['Simulated period', duration(run.horizon_ms) + ' from Monday 00:00'],
            ['Warm-up (not counted)', duration(run.warmup_ms)],
            ['Confidence intervals', '95 %, Student t over replications'],
            ['Created', run.created_utc || '—'], ['hospsim', run.hospsim_version || '—']],
           [['headline', 'Headline results'], ['levels', 'Occupancy and queues'],
            ['hourly', 'Utilisation by hour of day'], ['waits', 'Waits per step'], ['all-kpis', 'All KPIs']]);
    headline(run);
    levels(warmupDays);
    hourly();
    waits();
    allKpis();
  }

  function headline(run) {
    const node = section('headline', 'Headline results',
      `Mean over ${run.replications} replications ± half-width of its 95 % confidence interval. ` +
      'Only patients who arrived after the warm-up are counted. Hover a number for the KPI id and interval.');
    const columns = [
      ['arrivals', 'Arrivals', false], ['completed', 'Completed', false],
      ['door_to_doctor.mean', 'Door to doctor, mean (min)', false],
      ['door_to_doctor.p95', 'Door to doctor, 95th pct (min)', false],
      ['length_of_stay.mean', 'Length of stay, mean (h)', false],
      ['length_of_stay.p95', 'Length of stay, 95th pct (h)', false],
      ['left_without_being_seen.fraction', 'Left without being seen (%)', true],
      ['boarding_hours', 'Boarding (h)', false]];
    const classes = data.classes.map(c => c.name);
    const used = columns.filter(([key]) => classes.some(c => nonzero(`class.${c}.${key}`)));
    const patients = el('table', {id: 'headline-patients'});
    patients.append(el('tr', {}, el('th', {text: 'Patient class'}), ...used.map(([, title]) => el('th', {text: title}))));
    for (const c of classes)
      patients.append(el('tr', {}, el('td', {text: readable(c)}),
                         ...used.map(([key, , percent]) => kpiCell(`class.${c}.${key}`, percent))));
    node.append(el('h3', {text: 'Patients'}), patients);
    if (defined('hospital.in_system.mean')) {
      const line = el('p', {class: 'note'});
      line.append('Patients in the hospital at any moment, on average: ');
      const cell = kpiCell('hospital.in_system.mean', false);
      line.append(el('strong', {'data-kpi': cell.dataset.kpi, 'data-mean': cell.dataset.mean, text: cell.textContent}));
      node.append(line);
    }

    const resourceColumns = [
      ['utilisation', 'Utilisation (%)', true], ['queue_length.mean', 'Patients queueing, mean', false],
      ['capacity.mean', 'Units available, mean', false], ['overtime_hours', 'Overtime (h)', false]];
    const names = data.resources.map(r => r.name);
    const usedResource = resourceColumns.filter(([key]) => names.some(r => nonzero(`resource.${r}.${key}`)));
    const resources = el('table', {id: 'headline-resources'});
    resources.append(el('tr', {}, el('th', {text: 'Resource'}), el('th', {text: 'Unit'}), el('th', {text: 'Kind'}),
                        ...usedResource.map(([, title]) => el('th', {text: title}))));
    for (const r of data.resources)
      resources.append(el('tr', {}, el('td', {text: readable(r.name)}), el('td', {text: readable(r.department || '—')}),
                          el('td', {text: r.kind}),
                          ...usedResource.map(([key, , percent]) => kpiCell(`resource.${r.name}.${key}`, percent))));
    const {card, canvas} = chartCard('Utilisation by resource', '(mean, with its 95 % confidence interval)',
                                     70 + 26 * names.length, true);
    node.append(el('h3', {text: 'Resources'}), resources, card);
    const labels = data.resources.map(r => readable(r.name));
    const value = (r, field) => { const k = kpis.get(`resource.${r.name}.utilisation`); return k && k[field] !== null ? k[field] * 100 : null; };
    makeChart(canvas, {
      type: 'bar',
      data: {labels, datasets: [
        {label: 'Utilisation, mean (%)', data: data.resources.map(r => value(r, 'mean')),
         backgroundColor: rgba(palette[0], 0.55), barPercentage: 0.8},
        {label: '95 % confidence interval', data: data.resources.map(r => { const lo = value(r, 'lower'), hi = value(r, 'upper'); return lo === null || hi === null ? null : [lo, hi]; }),
         backgroundColor: '#0b2f57', barPercentage: 0.25}]},
      options: {indexAxis: 'y', datasets: {bar: {grouped: false}},
                scales: {x: {min: 0, suggestedMax: 100, title: axisTitle('Utilisation: patient unit-hours / available unit-hours (%)')}}}
    });
  }

  const warmupShade = {
    id: 'warmupShade',
    beforeDatasetsDraw(chart, args, options) {
      if (!options.days) return;
      const {ctx, chartArea, scales} = chart;
      const right = Math.min(scales.x.getPixelForValue(options.days), chartArea.right);
      ctx.save();
      ctx.fillStyle = 'rgba(120, 120, 120, 0.12)';
      ctx.fillRect(chartArea.left, chartArea.top, right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.fillStyle = '#666';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText('warm-up', chartArea.left + 4, chartArea.top + 12);
      ctx.restore();
    }
  };
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  function byDepartment(resources) {
    const groups = new Map();
    resources.forEach((r, index) => {
      const key = r.department || 'other';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(index);
    });
    return groups;
  }
  function bandDatasets(label, stats, days, colour) {
    const points = values => values.map((y, i) => ({x: days[i], y}));
    return [
      {label: '_' + label + ' lowest', data: points(stats.min), borderWidth: 0, pointRadius: 0, fill: false},
      {label: label + ': lowest–highest replication', data: points(stats.max), borderWidth: 0, pointRadius: 0,
       backgroundColor: rgba(colour, 0.2), fill: '-1'},
      {label: label + ' (mean)', data: points(stats.mean), borderColor: colour, backgroundColor: colour,
       borderWidth: 1.6, pointRadius: 0, fill: false}];
  }
  function levels(warmupDays) {
    const binHours = data.levels.bin_hours;
    const node = section('levels', 'Occupancy and queues over the run',
      `Time-weighted mean in each ${binHours === 1 ? 'hour' : binHours + '-hour period'}: units occupied by patients and ` +
      `patients queueing (lines: mean over replications; bands: lowest to highest replication), and units available ` +
      `(dashed: rosters, opening hours, repairs). The grey area is the warm-up, whose patients are not counted in the KPIs.` +
      tracedNote());
    const totalDays = data.run.horizon_ms / 86400000;
    const step = totalDays <= 21 ? 1 : 7;
    for (const [department, indices] of byDepartment(data.resources)) {
      const grid = el('div', {class: 'grid'});
      node.append(el('h3', {text: readable(department)}), grid);
      for (const index of indices) {
        const r = data.resources[index];
        const series = data.levels.series[index];
        const days = series.occupied.mean.map((_, i) => (i + 0.5) * binHours / 24);
        const {card, canvas} = chartCard(readable(r.name), `${r.kind}${r.role ? ', ' + r.role : ''}, ${r.units} units`);
        card.dataset.resource = r.name;
        grid.append(card);
        makeChart(canvas, {
          type: 'line',
          data: {datasets: [
            ...bandDatasets('Occupied', series.occupied, days, palette[0]),
            {label: 'Available (mean)', data: series.available.mean.map((y, i) => ({x: days[i], y})),
             borderColor: '#555', borderDash: [5, 4], borderWidth: 1.2, pointRadius: 0, fill: false, stepped: 'middle'},
            ...bandDatasets('Queueing', series.queued, days, palette[1])]},
          options: {
            parsing: false, normalized: true, spanGaps: true,
            plugins: {legend: hiddenFromLegend, warmupShade: {days: warmupDays},
                      tooltip: {mode: 'index', intersect: false}},
            scales: {
              x: {type: 'linear', min: 0, max: totalDays, title: axisTitle('Day of the run (0 = Monday 00:00)'),
                  ticks: {stepSize: step, maxRotation: 0, autoSkip: true, callback: v => `${weekdays[Math.round(v) % 7]} ${Math.round(v)}`}},
              y: {beginAtZero: true, title: axisTitle(`${r.kind === 'staff' ? 'Staff' : readable(r.kind) + 's'} / patients`)}}}
          , plugins: [warmupShade]});
      }
    }
  }

  function hourly() {
    const node = section('hourly', 'Utilisation by hour of day',
      'Patient unit-hours over available unit-hours in each hour of the day, after the warm-up, over all ' +
      'replications and days. Gaps: nothing available in that hour (closed, off duty). Staff finishing a ' +
      'patient after their shift ended (overtime) can take an hour above 100 %.' + tracedNote());
    const grid = el('div', {class: 'grid'});
    node.append(grid);
    const hours = Array.from({length: 24}, (_, h) => String(h).padStart(2, '0') + ':00');
    for (const [department, indices] of byDepartment(data.resources)) {
      const {card, canvas} = chartCard(readable(department), '');
      grid.append(card);
      makeChart(canvas, {
        type: 'line',
        data: {labels: hours, datasets: indices.map((index, n) => ({
          label: readable(data.resources[index].name),
          data: data.utilisation_by_hour[index].utilisation.map(u => u === null ? null : u * 100),
          borderColor: palette[n % palette.length], backgroundColor: palette[n % palette.length],
          borderWidth: 2, pointRadius: 2, spanGaps: false}))},
        options: {scales: {x: {title: axisTitle('Hour of day'), ticks: {maxRotation: 0, autoSkip: true}},
                           y: {beginAtZero: true, suggestedMax: 100, title: axisTitle('Utilisation (%)')}}}
      });
    }
  }

  function waits() {
    const node = section('waits', 'Waits per step',
      'How long patients waited for the resources of each step of their pathway: the share of step starts in each ' +
      'wait band, pooled over replications (patients counted in the KPIs; those who left before a step are not in it).' +
      tracedNote());
    const bands = data.waits.bands;
    const scale = ['#1a9850', '#66bd63', '#a6d96a', '#d9ef8b', '#fee08b', '#fdae61', '#f46d43', '#d73027',
                   '#a50026', '#67001f'];
    const colours = bands.map((_, b) => b === 0 ? '#9ecae1' : scale[Math.min(b - 1, scale.length - 1)]);
    data.classes.forEach((c, classIndex) => {
      const steps = data.waits.steps.filter(s => s.class === classIndex);
      if (steps.length === 0) return;
      const totals = steps.map(s => s.starts.reduce((a, b) => a + b, 0));
      const labels = steps.map(s => readable(c.steps[s.step] || ('step ' + s.step)));
      const {card, canvas} = chartCard(readable(c.name), `(pathway ${c.pathway})`,
                                       110 + 24 * steps.length, true);
      node.append(card);
      makeChart(canvas, {
        type: 'bar',
        data: {labels, datasets: bands.map((band, b) => ({
          label: band, backgroundColor: colours[b],
          data: steps.map((s, i) => totals[i] > 0 ? 100 * s.starts[b] / totals[i] : 0),
          starts: steps.map(s => s.starts[b])}))},
        options: {indexAxis: 'y',
                  scales: {x: {stacked: true, min: 0, max: 100, title: axisTitle('Share of patients starting the step (%), by wait')},
                           y: {stacked: true}},
                  plugins: {tooltip: {callbacks: {label: item => `${item.dataset.label}: ${item.raw.toFixed(1)} % (${item.dataset.starts[item.dataIndex]} starts)`}}}}
      });
    });
  }

  function allKpis() {
    const node = section('all-kpis', 'All KPIs', 'Every KPI of the run, with its stable id as in kpis.csv and kpis.json.');
    const filter = el('input', {type: 'search', placeholder: 'Filter by id, e.g. wait or utilisation'});
    const table = el('table', {id: 'all-kpis-table'});
    table.append(el('tr', {}, ...['KPI', 'Unit', 'Mean', '± half-width', 'Lower', 'Upper', 'Replications'].map(t => el('th', {text: t}))));
    for (const k of data.kpis) {
      const row = el('tr', {'data-kpi': k.name, 'data-mean': String(k.mean)});
      for (const v of [k.name, k.unit, number(k.mean), number(k.half_width), number(k.lower), number(k.upper), k.replications])
        row.append(el('td', {text: String(v)}));
      table.append(row);
    }
    filter.addEventListener('input', () => {
      const text = filter.value.toLowerCase();
      for (const row of table.querySelectorAll('tr[data-kpi]'))
        row.style.display = row.dataset.kpi.toLowerCase().includes(text) ? '' : 'none';
    });
    node.append(el('details', {}, el('summary', {text: `All ${data.kpis.length} KPIs`}), filter, table));
  }

  // ---- comparison report ---------------------------------------------------------------
  const zeroLine = {
    id: 'zeroLine',
    afterDatasetsDraw(chart) {
      const {ctx, chartArea, scales} = chart;
      const x = scales.x.getPixelForValue(0);
      if (x < chartArea.left || x > chartArea.right) return;
      ctx.save();
      ctx.strokeStyle = '#222';
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(x, chartArea.top); ctx.lineTo(x, chartArea.bottom); ctx.stroke();
      ctx.restore();
    }
  };
  const mostRows = 30;
  const short = path => String(path).split('/').pop();
  function comparisonReport() {
    const variants = data.comparisons.map(c => c.variant);
    header(variants.length === 1 ? `${short(variants[0])} compared with ${short(data.baseline)}` : `${variants.length} variants compared with ${short(data.baseline)}`,
           `Paired differences (variant − baseline) of every KPI with 95 % confidence intervals`,
           [['Baseline', data.baseline], ['Replications', data.replications], ['Seed', data.seed],
            ['Simulated period', data.horizon], ['Warm-up (not counted)', data.warmup],
            ['Random numbers', data.common_random_numbers ? 'common (paired)' : 'independent'],
            ['Confidence', `${Math.round(100 * (data.confidence_level || 0.95))} %`], ['Variants', variants.join(', ')]],
           data.comparisons.map((c, i) => ['variant-' + i, short(c.variant)]));
    data.comparisons.forEach((comparison, i) => forest(comparison, i));
    rankingTable();
  }
  function forest(comparison, index) {
    const node = section('variant-' + index, `${short(comparison.variant)} − ${short(data.baseline)}`,
      'Forest plot: each row is a KPI\'s difference (diamond) with its 95 % confidence interval (bar). Bars that ' +
      `do not cross the vertical zero line are significant (dark blue; light blue: not significant). Per unit, the ${mostRows} KPIs with the ` +
      'clearest differences are shown; KPIs that did not change are left out; compare.csv has them all.');
    const changed = comparison.kpis.filter(k => k.difference !== null && k.half_width !== null &&
      k.name !== 'simulation.events' &&
      Math.abs(k.difference) > 1e-9 * Math.max(Math.abs(k.baseline_mean || 0), Math.abs(k.variant_mean || 0), 1e-300));
    const units = [...new Set(changed.map(k => k.unit))];
    if (changed.length === 0) node.append(el('p', {text: 'No KPI changed.'}));
    for (const unit of units) {
      const all = changed.filter(k => k.unit === unit);
      const strength = k => Math.abs(k.difference) / (k.half_width > 0 ? k.half_width : 1e-300);
      const rows = [...all].sort((a, b) => strength(b) - strength(a)).slice(0, mostRows)
                           .sort((a, b) => a.name < b.name ? -1 : 1);
      const hidden = all.length - rows.length;
      const {card, canvas} = chartCard(`Differences in ${unit}`, hidden > 0 ? `(${rows.length} of ${all.length} changed KPIs)` : `(${rows.length} changed KPIs)`,
                                       90 + 22 * rows.length, true);
      card.dataset.unit = unit;
      node.append(card);
      makeChart(canvas, {
        type: 'bar',
        data: {labels: rows.map(k => k.name), datasets: [
          {type: 'bar', label: '95 % confidence interval', data: rows.map(k => [k.difference - k.half_width, k.difference + k.half_width]),
           backgroundColor: rows.map(k => k.significant ? '#1f5fa8' : '#a9cbe8'), barPercentage: 0.35, grouped: false},
          {type: 'line', label: 'Difference (variant − baseline)', data: rows.map(k => k.difference), showLine: false,
           pointStyle: 'rectRot', pointRadius: 5, borderColor: '#111', backgroundColor: '#111', indexAxis: 'y'}]},
        options: {indexAxis: 'y', scales: {x: {title: axisTitle(`Difference, ${short(comparison.variant)} − ${short(data.baseline)} (${unit})`)}}},
        plugins: [zeroLine]});
      const table = el('table');
      table.append(el('tr', {}, ...['KPI', 'Baseline', 'Variant', 'Difference', '± half-width', 'Significant'].map(t => el('th', {text: t}))));
      for (const k of rows) {
        const row = el('tr', {'data-kpi': k.name, 'data-difference': String(k.difference), 'data-half-width': String(k.half_width)});
        for (const v of [k.name, number(k.baseline_mean), number(k.variant_mean), number(k.difference), number(k.half_width)])
          row.append(el('td', {text: v}));
        row.append(el('td', {class: k.significant ? 'significant' : '', text: k.significant ? 'yes' : 'no'}));
        table.append(row);
      }
      node.append(el('details', {}, el('summary', {text: `The ${rows.length} KPIs in ${unit} as numbers`}), table));
    }
  }

  function rankingTable() {
    if (!data.ranking) return;
    {
      const ranking = data.ranking;
      const table = el('table');
      table.append(el('tr', {}, ...['Policy', ranking.kpi, 'vs best', 'Significantly worse'].map(t => el('th', {text: t}))));
      for (const p of ranking.policies)
        table.append(el('tr', {}, el('td', {text: p.policy}), el('td', {text: `${number(p.mean)} ± ${number(p.half_width)}`}),
                        el('td', {text: `${number(p.versus_best)} ± ${number(p.versus_best_half_width)}`}),
                        el('td', {text: p.significantly_worse ? 'yes' : 'no'})));
      section('ranking', 'Ranking').append(el('h3', {text: `Ranking on ${ranking.kpi} (${ranking.higher_is_better ? 'higher' : 'lower'} is better)`}), table);
    }
  }

  // ---- sweep report (sweep.json) ------------------------------------------------------------
  function sweepReport() {
    const kpis = [...new Set(data.rows.map(r => r.kpi))];
    header(`${data.scenario}: sweep of ${data.parameter}`,
           'One-way sensitivity with common random numbers: each KPI\'s mean and 95 % confidence interval ' +
           'at every value, and the paired difference from the first value with its 95 % confidence interval',
           [['Parameter', data.parameter], ['Values', data.values.join(', ')],
            ['Replications', data.replications], ['KPIs', kpis.length]],
           kpis.map((k, i) => ['kpi-' + i, k]));
    kpis.forEach((kpi, index) => sweepChart(kpi, index, data.rows.filter(r => r.kpi === kpi)));
  }
  function sweepChart(kpi, index, rows) {
    const unit = rows[0].unit;
    const node = section('kpi-' + index, kpi,
      'Left axis: the mean (line) and its 95 % confidence interval (band) at each value. Right axis: the paired ' +
      `difference from the first value (${rows[0].value}; diamond) with its 95 % confidence interval (bar).`);
    const {card, canvas} = chartCard(kpi, `(${unit})`, 320, true);
    card.dataset.kpi = kpi;
    node.append(card);
    const finite = v => v === null || v === undefined ? null : v;
    const lower = rows.map(r => r.mean === null ? null : r.mean - (r.half_width === null ? 0 : r.half_width));
    const upper = rows.map(r => r.mean === null ? null : r.mean + (r.half_width === null ? 0 : r.half_width));
    const hasDifference = r => r.difference !== undefined && r.difference !== null;
    makeChart(canvas, {
      type: 'line',
      data: {labels: rows.map(r => r.value), datasets: [
        {label: '_lower', data: lower, borderWidth: 0, pointRadius: 0, fill: false, yAxisID: 'y'},
        {label: 'Mean: 95 % confidence interval', data: upper, borderWidth: 0, pointRadius: 0,
         backgroundColor: rgba(palette[0], 0.22), fill: '-1', yAxisID: 'y'},
        {label: 'Mean', data: rows.map(r => finite(r.mean)), borderColor: palette[0], backgroundColor: palette[0],
         borderWidth: 2, pointRadius: 3, fill: false, yAxisID: 'y'},
        {type: 'bar', label: 'Difference from the first value: 95 % confidence interval',
         data: rows.map(r => hasDifference(r) && r.difference_half_width !== null && r.difference_half_width !== undefined
                              ? [r.difference - r.difference_half_width, r.difference + r.difference_half_width] : null),
         backgroundColor: rgba(palette[1], 0.45), barPercentage: 0.25, yAxisID: 'y1'},
        {label: 'Difference from the first value', data: rows.map(r => hasDifference(r) ? r.difference : null),
         showLine: false, pointStyle: 'rectRot', pointRadius: 5, borderColor: palette[1], backgroundColor: palette[1],
         yAxisID: 'y1'}]},
      options: {plugins: {legend: hiddenFromLegend},
                scales: {x: {title: axisTitle(data.parameter)},
                         y: {position: 'left', title: axisTitle(`Mean (${unit})`)},
                         y1: {position: 'right', grid: {drawOnChartArea: false},
                              title: axisTitle(`Difference from ${rows[0].value} (${unit})`)}}}});
    const table = el('table');
    table.append(el('tr', {}, ...[data.parameter, 'Mean', '± half-width', 'Difference', '± half-width'].map(t => el('th', {text: t}))));
    // Four significant digits, as the sweep's table in the terminal (shares and rates are small).
    const precise = v => v === null || v === undefined ? '—' : String(+v.toPrecision(4));
    for (const r of rows) {
      const row = el('tr', {'data-value': r.value, 'data-mean': String(r.mean), 'data-half-width': String(r.half_width)});
      for (const v of [r.value, precise(r.mean), precise(r.half_width),
                       hasDifference(r) ? precise(r.difference) : '(first value)',
                       hasDifference(r) ? precise(r.difference_half_width) : ''])
        row.append(el('td', {text: v}));
      table.append(row);
    }
    node.append(el('details', {}, el('summary', {text: `${kpi} as numbers`}), table));
  }

  if (data.kind === 'comparison') comparisonReport();
  else if (data.kind === 'sweep') sweepReport();
  else runReport();

  // For tests: how many charts were made, and how many coloured (non-grey) pixels each drew.
  for (const chart of charts) {
    const canvas = chart.canvas;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
      if (pixels[i + 3] > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) ++coloured;
    }
    canvas.dataset.colourPixels = String(coloured);
  }
  document.body.dataset.charts = String(charts.length);
  document.body.dataset.rendered = 'true';
})();
)js";

} // namespace hospsim::app
