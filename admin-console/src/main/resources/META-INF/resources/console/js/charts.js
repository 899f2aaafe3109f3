// Simple accessible SVG bar charts: horizontal bars with the value printed at each bar's end, a title and
// description for screen readers, and the same numbers as a data table.
import { h, s, uid } from './ui.js';

const COLOURS = ['#007f3b', '#d5281b', '#005eb8', '#ffb81c'];

/**
 * barChart({title, description, categories: ['1 Nov', ...], series: [{name, values: [..]}], categoryLabel})
 */
export function barChart({ title, description, categories, series, categoryLabel = 'Category', id, colour = 0 }) {
  const chartId = id || uid('chart');
  const titleId = `${chartId}-title`;
  const descId = `${chartId}-desc`;
  const max = Math.max(1, ...series.flatMap((x) => x.values.map((v) => Number(v) || 0)));
  const width = 640;
  const labelWidth = 230;
  const barArea = width - labelWidth - 60;
  const barHeight = 16;
  const groupGap = 12;
  const groupHeight = series.length * barHeight + groupGap;
  const height = Math.max(40, categories.length * groupHeight + 10);
  const svg = s('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description || summary(categories, series)));
  categories.forEach((category, i) => {
    const y0 = 5 + i * groupHeight;
    svg.append(s('text', { x: labelWidth - 8, y: y0 + (series.length * barHeight) / 2 + 4, 'text-anchor': 'end' }, truncate(String(category), 34)));
    series.forEach((serie, j) => {
      const value = Number(serie.values[i]) || 0;
      const w = Math.round((value / max) * barArea);
      const y = y0 + j * barHeight;
      svg.append(s('rect', { x: labelWidth, y: y + 1, width: Math.max(w, value > 0 ? 2 : 0), height: barHeight - 3, fill: COLOURS[(colour + j) % COLOURS.length] }));
      svg.append(s('text', { x: labelWidth + w + 6, y: y + barHeight - 4 }, String(value)));
    });
  });
  svg.append(s('line', { x1: labelWidth, x2: labelWidth, y1: 0, y2: height, stroke: '#4c6272', 'stroke-width': 1 }));
  const legend = series.length > 1 ? h('ul', { class: 'legend', 'aria-hidden': 'true' },
    series.map((x, j) => h('li', {}, h('span', { class: `swatch s${(colour + j) % COLOURS.length}` }), x.name))) : null;
  const data = h('table', {},
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, categoryLabel), series.map((x) => h('th', { scope: 'col', class: 'num' }, x.name)))),
    h('tbody', {}, categories.map((c, i) => h('tr', {}, h('th', { scope: 'row' }, String(c)),
      series.map((x) => h('td', { class: 'num' }, String(Number(x.values[i]) || 0)))))));
  return h('figure', { class: 'chart', id: chartId, 'aria-labelledby': `${chartId}-h` },
    h('h2', { id: `${chartId}-h` }, title),
    categories.length ? [legend, svg] : h('p', { class: 'muted' }, 'No data for this period.'),
    categories.length ? h('details', {}, h('summary', {}, `Show “${title}” as a table`), h('div', { class: 'table-wrap' }, data)) : null);
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function summary(categories, series) {
  return series.map((x) => `${x.name}: ${categories.map((c, i) => `${c} ${Number(x.values[i]) || 0}`).join(', ')}`).join('. ');
}

/**
 * A stacked column chart for a time series: columns = buckets, each stacked by series (e.g. allowed, denied).
 * columnChart({title, categories: ['1 Nov', ...], series: [{name, values}], categoryLabel})
 */
export function columnChart({ title, description, categories, series, categoryLabel = 'Day', id }) {
  const chartId = id || uid('chart');
  const titleId = `${chartId}-title`;
  const descId = `${chartId}-desc`;
  const totals = categories.map((_, i) => series.reduce((sum, x) => sum + (Number(x.values[i]) || 0), 0));
  const max = Math.max(1, ...totals);
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 40;
  const top = 10;
  const plotH = height - bottom - top;
  const slot = (width - left - 8) / Math.max(1, categories.length);
  const barW = Math.max(3, Math.min(28, slot * 0.7));
  const svg = s('svg', { class: 'columns', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description || summary(categories, series)));
  // y axis: 0, half, max
  for (const v of [0, Math.round(max / 2), max]) {
    const y = top + plotH - (v / max) * plotH;
    svg.append(s('line', { x1: left, x2: width - 4, y1: y, y2: y, stroke: '#d8dde0', 'stroke-width': 1 }));
    svg.append(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, String(v)));
  }
  const labelEvery = Math.ceil(categories.length / 8);
  categories.forEach((category, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = top + plotH;
    series.forEach((serie, j) => {
      const value = Number(serie.values[i]) || 0;
      const hgt = (value / max) * plotH;
      if (value > 0) {
        y -= hgt;
        svg.append(s('rect', { x, y, width: barW, height: Math.max(hgt, 1), fill: COLOURS[j % COLOURS.length] },
          s('title', {}, `${category}: ${serie.name} ${value}`)));
      }
    });
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: x + barW / 2, y: height - bottom + 16, 'text-anchor': 'middle' }, String(category)));
    }
  });
  svg.append(s('line', { x1: left, x2: width - 4, y1: top + plotH, y2: top + plotH, stroke: '#4c6272', 'stroke-width': 1 }));
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
    series.map((x, j) => h('li', {}, h('span', { class: `swatch s${j % COLOURS.length}` }), x.name)));
  const data = h('table', {},
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, categoryLabel), series.map((x) => h('th', { scope: 'col', class: 'num' }, x.name)))),
    h('tbody', {}, categories.map((c, i) => h('tr', {}, h('th', { scope: 'row' }, String(c)),
      series.map((x) => h('td', { class: 'num' }, String(Number(x.values[i]) || 0)))))));
  return h('figure', { class: 'chart', id: chartId, 'aria-labelledby': `${chartId}-h` },
    h('h2', { id: `${chartId}-h` }, title),
    categories.length ? [legend, svg] : h('p', { class: 'muted' }, 'No data for this period.'),
    categories.length ? h('details', {}, h('summary', {}, `Show “${title}” as a table`), h('div', { class: 'table-wrap' }, data)) : null);
}
