import { signIn, currentRoute } from './auth.js';

// Small DOM helpers: element builder (text is always set as text, never parsed as HTML), form fields with
// labels, messages announced to screen readers, tables and pagers.

let idCounter = 0;
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** h('p', {class: 'x'}, 'text', child): attributes, on* listeners, children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected') {
      el[key] = !!value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An SVG element (namespaced). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A live region that shows results and errors of an action. */
export function liveRegion(attrs = {}) {
  return h('div', { 'aria-live': 'polite', ...attrs });
}

/** An error box from an ApiError (title and detail of the problem) or any Error. */
export function errorBox(error, heading) {
  const title = heading || error.title || 'Something went wrong';
  let detail = error.title ? error.detail : (error.message || '');
  if (detail === title) detail = '';
  // RFC 9457 extension member "errors": [{field, message}] names each invalid field
  const fieldErrors = (error.problem && Array.isArray(error.problem.errors) ? error.problem.errors : [])
    .filter((e) => e && typeof e.message === 'string')
    .map((e) => `${e.field ? `${String(e.field).replace(/_/g, ' ')}: ` : ''}${e.message}`)
    .filter((text) => text !== detail);
  const box = h('div', { class: 'alert error', role: 'alert' },
    h('h2', {}, title),
    detail ? h('p', {}, detail) : null,
    fieldErrors.length ? h('ul', {}, fieldErrors.map((text) => h('li', {}, text))) : null,
    heading && error.title ? h('p', {}, error.title + (error.detail ? `: ${error.detail}` : '')) : null,
    // the token was refused (revoked, account disabled, expired): offer a fresh sign-in back to this page
    error.status === 401 ? h('button', { type: 'button', class: 'secondary', onclick: () => signIn(currentRoute()) }, 'Sign in again') : null);
  return box;
}

export function successBox(title, ...body) {
  return h('div', { class: 'alert success', role: 'status' }, h('h2', {}, title), ...body);
}

/** Replaces the content of a live region with a message. */
export function show(region, ...nodes) {
  clear(region);
  append(region, nodes);
}

/** Runs an async action with a button disabled, showing errors in the region. */
export async function busy(button, region, action) {
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    if (region) show(region, errorBox(error));
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- form fields (every input has a visible label, hints are tied with aria-describedby) ----

export function textField({ name, label, hint, value = '', type = 'text', required = false, autocomplete, cls, inputmode, pattern, maxlength }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('input', { id, name, type, value, required, autocomplete: autocomplete || 'off', class: cls,
      'aria-describedby': hintId, inputmode, pattern, maxlength }));
}

export function selectField({ name, label, hint, options, value = '', required = false, cls }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('select', { id, name, required, class: cls, 'aria-describedby': hintId },
      options.map(([code, text]) => h('option', { value: code, selected: code === value }, text))));
}

export function textareaField({ name, label, hint, value = '', required = false, maxlength }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('textarea', { id, name, required, maxlength, 'aria-describedby': hintId }, value));
}

/** A group of checkboxes in a fieldset with a legend. */
export function checkboxes({ name, legend, hint, options, values = [] }) {
  const hintId = hint ? uid(`${name}-hint`) : undefined;
  return h('fieldset', { 'aria-describedby': hintId },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'checkboxes' },
      options.map(([code, text]) => {
        const id = uid(`${name}-${code}`);
        return h('label', { class: 'check', for: id },
          h('input', { type: 'checkbox', id, name, value: code, checked: values.includes(code) }), text);
      })));
}

/** A group of radio buttons in a fieldset with a legend. */
export function radios({ name, legend, options, value, required = false }) {
  return h('fieldset', {},
    h('legend', {}, legend),
    h('div', { class: 'checkboxes' },
      options.map(([code, text]) => {
        const id = uid(`${name}-${code}`);
        return h('label', { class: 'check', for: id },
          h('input', { type: 'radio', id, name, value: code, checked: code === value, required }), text);
      })));
}

export function formValues(form) {
  const data = new FormData(form);
  const values = {};
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map((v) => (typeof v === 'string' ? v.trim() : v));
    values[key] = all;
  }
  return {
    one: (key) => (values[key] ? values[key][0] : ''),
    all: (key) => (values[key] || []).filter((v) => v !== ''),
  };
}

// ---- dates (UK time) ----

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

export function formatDate(instant) {
  return instant ? DATE.format(new Date(instant)) : '';
}

export function formatDateTime(instant) {
  return instant ? DATE_TIME.format(new Date(instant)) : '';
}

/** The instant at which a UK calendar day (YYYY-MM-DD) starts, as ISO-8601. */
export function ukMidnight(dateText) {
  if (!dateText) return null;
  const [y, m, d] = dateText.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const londonHour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/London' }).format(new Date(utc)));
  return new Date(utc - londonHour * 3_600_000).toISOString();
}

/** The UK calendar day (YYYY-MM-DD) of an instant, for date inputs. */
export function ukDate(instant) {
  if (!instant) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' }).format(new Date(instant));
  return parts;
}

// ---- tables ----

/**
 * A table: columns [{label, cell: (row) => node|string, num}], optional explain(row) for a full-width second
 * line. Stacks into labelled blocks on phones.
 */
export function table({ caption, columns, rows, explain, empty = 'Nothing to show.' , captionHidden = false}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  const body = [];
  for (const row of rows) {
    const extra = explain ? explain(row) : null;
    body.push(h('tr', { class: extra ? 'has-explain' : undefined },
      // one wrapper per cell, so that the phone layout (label | value grid) keeps the value in one piece
      columns.map((c) => h('td', { 'data-label': c.label, class: c.num ? 'num' : undefined }, h('span', {}, c.cell(row))))));
    if (extra) body.push(h('tr', { class: 'explain' }, h('td', { colspan: columns.length }, extra)));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'stack' },
      caption ? h('caption', { class: captionHidden ? 'visually-hidden' : undefined }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : undefined }, c.label)))),
      h('tbody', {}, body)));
}

/** Previous/next buttons and "Page x of y". onPage(n) loads page n (from 0). */
export function pager({ page, size, total, onPage, label = 'Pages' }) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', class: 'secondary', disabled: page <= 0, onclick: () => onPage(page - 1) }, '‹ Previous'),
    h('span', {}, `Page ${page + 1} of ${pages} (${total} in all)`),
    h('button', { type: 'button', class: 'secondary', disabled: page + 1 >= pages, onclick: () => onPage(page + 1) }, 'Next ›'));
}

export function decisionBadge(decision) {
  const known = { permit: 'Allowed', deny: 'Denied', error: 'Error' };
  const cls = known[decision] ? decision : 'other';
  return h('span', { class: `badge ${cls}` }, known[decision] || decision || '—');
}

/** The page heading; focus moves to it after navigation so screen readers hear the new page. */
export function pageHeading(text, lede) {
  const nodes = [h('h1', { tabindex: '-1', id: 'page-title' }, text)];
  if (lede) nodes.push(h('p', { class: 'lede' }, lede));
  return nodes;
}
