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

export function textField({ name, label, hint, value = '', type = 'text', required = false, autocomplete, cls, inputmode, pattern, maxlength, missing, list }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('input', { id, name, type, value, required, autocomplete: autocomplete || 'off', class: cls,
      'aria-describedby': hintId, inputmode, pattern, maxlength, 'data-missing': missing, list }));
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

export function textareaField({ name, label, hint, value = '', required = false, maxlength, missing }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('textarea', { id, name, required, maxlength, 'aria-describedby': hintId, 'data-missing': missing }, value));
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
export function radios({ name, legend, options, value, required = false, missing }) {
  return h('fieldset', {},
    h('legend', {}, legend),
    h('div', { class: 'checkboxes' },
      options.map(([code, text]) => {
        const id = uid(`${name}-${code}`);
        return h('label', { class: 'check', for: id },
          h('input', { type: 'radio', id, name, value: code, checked: code === value, required, 'data-missing': missing }), text);
      })));
}

export function formValues(form) {
  const data = new FormData(form);
  const values = {};
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map((v) => (typeof v === 'string' ? v.trim() : v));
    values[key] = all;
  }
  // a day / month / year date field answers as one YYYY-MM-DD value ('' when empty or not a real date)
  for (const group of form.querySelectorAll('fieldset[data-date]')) {
    values[group.dataset.date] = [dateOf(group) || ''];
  }
  return {
    one: (key) => (values[key] ? values[key][0] : ''),
    all: (key) => (values[key] || []).filter((v) => v !== ''),
  };
}

// ---- dates as day, month and year (the GOV.UK / NHS date input: never the browser's mm/dd/yyyy) ----

/** A date as three labelled boxes (day, month, year) in a fieldset; value and answer are YYYY-MM-DD. */
export function dateField({ name, label, hint, value = '' }) {
  const [y, m, d] = value ? value.split('-') : ['', '', ''];
  const hintId = uid(`${name}-hint`);
  const box = (part, text, val, cls) => {
    const id = uid(`${name}-${part}`);
    return h('div', { class: 'date-part' }, h('label', { for: id }, text),
      h('input', { id, name: `${name}-${part}`, type: 'text', inputmode: 'numeric', class: cls, value: val ? String(Number(val)) : '',
        autocomplete: 'off', maxlength: part === 'year' ? 4 : 2, 'aria-describedby': hintId }));
  };
  return h('fieldset', { class: 'field date-input', dataset: { date: name }, role: 'group', 'aria-describedby': hintId },
    h('legend', {}, label),
    h('p', { class: 'hint', id: hintId }, hint ? `${hint} For example, 27 3 2027.` : 'For example, 27 3 2027.'),
    h('div', { class: 'date-parts' }, box('day', 'Day', d, 'w2'), box('month', 'Month', m, 'w2'), box('year', 'Year', y, 'w4')));
}

/** YYYY-MM-DD of a date fieldset, '' when all boxes are empty, null when it is not a real date. */
function dateOf(group) {
  const part = (p) => (group.querySelector(`input[name$="-${p}"]`).value || '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// ---- errors where they happened (GOV.UK / NHS error summary and error messages) ----

function fieldLabel(control) {
  const group = control.closest('fieldset');
  if (group && (control.type === 'checkbox' || control.type === 'radio' || group.dataset.date)) {
    return group.querySelector('legend').textContent;
  }
  const labelEl = control.id ? control.form.querySelector(`label[for="${control.id}"]`) : null;
  return labelEl ? labelEl.textContent : control.name;
}

function plainName(text) {
  return text.replace(/\s*\((optional|required[^)]*)\)\s*$/i, '').toLowerCase().replace(/\bnhs\b/g, 'NHS');
}

/** Errors of fields left empty ([required]) and of dates that are not real dates, in the form's order. */
export function missingFields(form) {
  const errors = [];
  const seen = new Set();
  for (const control of form.querySelectorAll('[required], fieldset[data-date] input')) {
    const group = control.closest('fieldset[data-date]');
    const name = group ? group.dataset.date : control.name;
    if (seen.has(name)) continue;
    if (group) {
      if (dateOf(group) === null) {
        seen.add(name);
        errors.push({ field: name, message: `${fieldLabel(control).replace(/\s*\(optional\)/i, '')} must be a real date, for example 27 3 2027` });
      }
      continue;
    }
    const empty = (control.type === 'radio' || control.type === 'checkbox')
      ? !form.querySelector(`[name="${control.name}"]:checked`) : !String(control.value || '').trim();
    if (!empty) continue;
    seen.add(name);
    const choose = control.type === 'radio' || control.type === 'checkbox' || control.tagName === 'SELECT';
    errors.push({ field: name, message: control.dataset.missing || `${choose ? 'Choose' : 'Enter'} ${plainName(fieldLabel(control))}` });
  }
  return errors;
}

/** Removes the error summary and the messages at the fields. */
export function clearFormErrors(form) {
  form.querySelectorAll('.error-summary, .error-message, .form-alert').forEach((el) => el.remove());
  form.querySelectorAll('.field-error').forEach((el) => el.classList.remove('field-error'));
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.startsWith('error-')).join(' ');
    if (described) el.setAttribute('aria-describedby', described); else el.removeAttribute('aria-describedby');
  });
}

/** The first control of a field by its name (a date's day box, a group's first box). */
function controlOf(form, field) {
  if (!field) return null;
  const date = form.querySelector(`fieldset[data-date="${CSS.escape(field)}"]`);
  if (date) return date.querySelector('input');
  return form.querySelector(`[name="${CSS.escape(field)}"]`);
}

/**
 * Shows errors the GOV.UK / NHS way: a summary headed "There is a problem" at the top of the form, each entry a
 * link to its field, and the same message at the field (red bar, "Error:" for screen readers). errors:
 * [{field, message}]; an entry without a field (or whose field is not in the form) is listed without a link.
 */
export function showFormErrors(form, errors, title = 'There is a problem') {
  clearFormErrors(form);
  const items = [];
  for (const e of errors) {
    const control = controlOf(form, e.field);
    if (!control) {
      items.push(h('li', {}, e.message));
      continue;
    }
    const wrap = control.closest('fieldset[data-date]') || control.closest('fieldset') || control.closest('.field') || control.parentElement;
    if (!wrap.classList.contains('field-error')) {
      wrap.classList.add('field-error');
      const messageId = uid('error-msg');
      const message = h('p', { class: 'error-message', id: messageId }, h('span', { class: 'visually-hidden' }, 'Error: '), e.message);
      const before = wrap.querySelector(':scope > .checkboxes, :scope > .date-parts, :scope > input, :scope > select, :scope > textarea, :scope > .picker');
      if (before) before.before(message); else wrap.append(message);
      const controls = wrap.tagName === 'FIELDSET' ? wrap.querySelectorAll('input') : [control];
      for (const c of controls) {
        c.setAttribute('aria-invalid', 'true');
        c.setAttribute('aria-describedby', [messageId, c.getAttribute('aria-describedby')].filter(Boolean).join(' '));
      }
    }
    if (!control.id) control.id = uid(e.field);
    items.push(h('li', {}, h('a', { href: `#${control.id}`, onclick: (event) => { event.preventDefault(); control.focus(); } }, e.message)));
  }
  const headingId = uid('error-summary-title');
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, title), h('ul', {}, items));
  const heading = form.querySelector(':scope > h2, :scope > h3');
  if (heading) heading.after(summary); else form.prepend(summary);
  summary.focus();
}

/** The fields of an RFC 9457 problem ("errors": [{field, message}]) in plain words: plain[field] replaces a message. */
export function problemErrors(error, plain = {}) {
  const listed = error && error.problem && Array.isArray(error.problem.errors) ? error.problem.errors : [];
  return listed.filter((e) => e && typeof e.message === 'string').map((e) => {
    const field = e.field ? String(e.field).replace(/\[\d+\]$/, '') : '';
    const words = plain[field];
    return { field, message: typeof words === 'function' ? words(e.message) : (words || sentence(e.message)) };
  });
}

function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * Handles a form's submit: checks empty required fields and dates first (errors at the fields, no browser
 * pop-ups), then runs action(values); a refused request shows the problem's field errors the same way, and
 * any other error in a box at the top of the form. plain maps API field names to plain-words messages.
 */
export function onSubmit(form, action, { plain = {}, validate } = {}) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const values = formValues(form);
    const errors = [...missingFields(form), ...(validate ? validate(values) : [])];
    if (errors.length) {
      showFormErrors(form, errors);
      return;
    }
    const button = event.submitter || form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await action(values, event.submitter);
    } catch (error) {
      const fields = problemErrors(error, plain);
      if (fields.length) {
        showFormErrors(form, fields);
      } else {
        const box = errorBox(error);
        box.classList.add('form-alert');
        box.tabIndex = -1;
        const heading = form.querySelector(':scope > h2, :scope > h3');
        if (heading) heading.after(box); else form.prepend(box);
        box.focus();
      }
    } finally {
      if (button) button.disabled = false;
    }
  });
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
