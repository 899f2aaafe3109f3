// Citizen views: my directives (add, change, revoke), the national data opt-out, a preview of a decision,
// receipts, and who accessed my records. Every answer comes from Concord's APIs.
import * as api from '../api.js';
import {
  h, clear, show, busy, errorBox, successBox, liveRegion, announce, textField, selectField, checkboxes,
  formValues, formatDateTime, ukMidnight, ukDate, table, pager, decisionBadge, dateField, onSubmit, showFormErrors,
  uid,
} from '../ui.js';
import { ORG_TYPES, CATEGORIES, PURPOSES, ROLES, options, label, directiveSentence, withArticle } from '../vocab.js';
import { loadDirectory, agencies, findAgency, optionText, orgName, orgText, agency, withNames } from '../directory.js';

/**
 * Choosing organisations by name from the agency directory: type, pick from the list (name, kind and code
 * shown), "Add organisation"; chosen ones are listed with a Remove button. Text that names no agency in the
 * directory is refused at the field, so a choice can never name an organisation that does not exist.
 */
function organisationPicker(initial, onError) {
  const chosen = [...initial];
  const listId = uid('agency-options');
  const inputId = uid('organisations');
  const hintId = uid('organisations-hint');
  const chips = h('ul', { class: 'chips', id: 'chosen-organisations', 'aria-label': 'Organisations chosen' });
  const input = h('input', { id: inputId, name: 'organisations', type: 'text', list: listId, autocomplete: 'off',
    'aria-describedby': hintId });
  const add = h('button', { type: 'button', class: 'secondary', id: 'add-organisation' }, 'Add organisation');
  const field = h('div', { class: 'field', id: 'organisations-field' },
    h('label', { for: inputId }, 'Particular organisations (optional)'),
    h('p', { class: 'hint', id: hintId }, 'Start typing the name of a GP practice, hospital or other organisation, choose it from the list, then select “Add organisation”.'),
    chips,
    h('div', { class: 'picker' }, input, add),
    h('datalist', { id: listId }, agencies().map((e) => h('option', { value: optionText(e) }))));

  function render() {
    clear(chips);
    for (const code of chosen) {
      chips.append(h('li', { class: 'chip', dataset: { code } }, orgText(code).replace(/^organisation/, 'Organisation'),
        h('button', { type: 'button', class: 'link', onclick: () => {
          chosen.splice(chosen.indexOf(code), 1);
          render();
          announce(`${orgText(code)} removed`);
          input.focus();
        } }, 'Remove', h('span', { class: 'visually-hidden' }, ` ${orgText(code)}`))));
    }
  }

  /** Adds what was typed; an error {field, message} when it names no agency, null otherwise. */
  function addTyped() {
    const text = input.value.trim();
    if (!text) return null;
    const found = findAgency(text);
    if (!found) {
      return { field: 'organisations', message: `“${text}” is not an organisation Concord knows. Choose one from the list as you type, or clear the box.` };
    }
    if (!chosen.includes(found.code)) chosen.push(found.code);
    input.value = '';
    render();
    announce(`${orgText(found.code)} added`);
    return null;
  }

  const tryAdd = () => {
    const error = addTyped();
    if (error) onError(error); else input.focus();
  };
  add.addEventListener('click', tryAdd);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      tryAdd();
    }
  });
  render();
  return { field, codes: () => [...chosen], addTyped };
}

// ---------------------------------------------------------------- directives and opt-out

export async function directives(root) {
  await loadDirectory();
  const status = liveRegion({ id: 'directive-status' });
  const listArea = h('div', { id: 'directive-list' });
  const formArea = h('div', { id: 'directive-form-area' });
  const optOutArea = h('section', { class: 'panel', 'aria-labelledby': 'opt-out-heading', id: 'opt-out' });
  root.append(status,
    h('section', { 'aria-labelledby': 'directives-heading' },
      h('h2', { id: 'directives-heading' }, 'Your choices'),
      h('p', { class: 'hint' }, 'Your own choices come before the usual rules, except in an emergency (“break glass”), which is always reviewed and you are told about it.'),
      listArea,
      h('p', {}, h('button', { type: 'button', id: 'add-directive', onclick: () => openForm(null) }, 'Add a choice')),
      formArea),
    optOutArea);

  async function load() {
    const [active, revoked] = await Promise.all([
      api.get('/api/me/directives', { status: 'active' }),
      api.get('/api/me/directives', { status: 'revoked' }),
    ]);
    clear(listArea);
    if (!active.directives.length) {
      listArea.append(h('p', { class: 'muted', id: 'no-directives' },
        'You have not made any choices. The usual rules apply: organisations caring for you can see what they need; sensitive records need your explicit consent.'));
    } else {
      listArea.append(h('ul', { class: 'item-list', 'aria-label': 'Active choices' },
        active.directives.map((d) => directiveItem(d, true))));
    }
    if (revoked.directives.length) {
      listArea.append(h('details', {},
        h('summary', {}, `Revoked choices (${revoked.directives.length})`),
        h('ul', { class: 'item-list', 'aria-label': 'Revoked choices' }, revoked.directives.map((d) => directiveItem(d, false)))));
    }
  }

  function directiveItem(d, active) {
    const confirmArea = h('div');
    const item = h('li', { class: `item ${d.effect}`, dataset: { directiveId: d.id } },
      h('p', { class: 'sentence' }, directiveSentence(d)),
      h('p', { class: 'meta' },
        active ? `Version ${d.version}, recorded ${formatDateTime(d.recorded_at)}${d.recorded_by ? ` by ${d.recorded_by}` : ''}`
          : `Revoked ${formatDateTime(d.revoked_at)}`),
      active ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => openForm(d) }, 'Change', h('span', { class: 'visually-hidden' }, `: ${directiveSentence(d)}`)),
        h('button', { type: 'button', class: 'secondary', onclick: () => askRevoke(d, confirmArea) }, 'Revoke', h('span', { class: 'visually-hidden' }, `: ${directiveSentence(d)}`))) : null,
      confirmArea);
    return item;
  }

  function askRevoke(d, area) {
    clear(area);
    const yes = h('button', { type: 'button', class: 'warning', onclick: () => busy(yes, status, async () => {
      await api.del(`/api/me/directives/${encodeURIComponent(d.id)}`);
      show(status, successBox('Choice revoked', h('p', {}, `“${directiveSentence(d)}” no longer applies.`)));
      await load();
    }) }, 'Yes, revoke it');
    area.append(h('div', { class: 'alert warn', role: 'group', 'aria-label': 'Confirm revoking' },
      h('p', {}, `Revoke “${directiveSentence(d)}”? It stops applying at once.`),
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(area) }, 'Keep it'))));
    yes.focus();
  }

  function closeForm() {
    clear(formArea);
    const add = document.getElementById('add-directive');
    add.hidden = false;
    add.focus();
  }

  function openForm(existing) {
    clear(formArea);
    document.getElementById('add-directive').hidden = true;
    const editing = !!existing;
    const d = existing || { effect: 'deny', organisations: [], org_types: [], roles: [], categories: [], purposes: [] };
    const knownRoles = ROLES.map((r) => r[0]);
    const otherRoles = (d.roles || []).filter((r) => !knownRoles.includes(r));
    let form;
    const picker = organisationPicker(d.organisations || [], (error) => showFormErrors(form, [error]));
    form = h('form', { class: 'panel', id: 'directive-form', novalidate: true },
      h('h2', { id: 'directive-form-heading', tabindex: '-1' }, editing ? 'Change this choice' : 'Add a choice'),
      editing ? h('p', { class: 'hint' }, `Now: ${directiveSentence(d)}`) : null,
      selectField({ name: 'effect', label: 'Do you want to allow or deny access?', value: d.effect,
        options: [['deny', 'Deny: do not let them see these records'], ['permit', 'Allow: let them see these records']] }),
      checkboxes({ name: 'org_types', legend: 'Which kinds of organisation?', hint: 'Leave all unticked for any kind of organisation.',
        options: options(ORG_TYPES), values: d.org_types }),
      picker.field,
      checkboxes({ name: 'categories', legend: 'Which records?', hint: 'Leave all unticked for all your records.',
        options: options(CATEGORIES), values: d.categories }),
      checkboxes({ name: 'purposes', legend: 'For what purpose?', hint: 'Leave all unticked for any purpose.',
        options: options(PURPOSES), values: d.purposes }),
      checkboxes({ name: 'roles', legend: 'Only people in these roles (optional)', hint: 'Leave all unticked for anyone at the organisation.',
        options: options(ROLES), values: d.roles }),
      textField({ name: 'other_roles', label: 'Other roles (optional)', value: otherRoles.join(', '),
        hint: 'Role names in lower case, separated by commas, for example dietitian.' }),
      h('div', { class: 'date-row' },
        dateField({ name: 'start', label: 'Starts on (optional)', value: ukDate(d.start), hint: 'From the start of this day, UK time.' }),
        dateField({ name: 'end', label: 'Stops on (optional)', value: ukDate(d.end), hint: 'It no longer applies from the start of this day.' })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', id: 'save-directive' }, editing ? 'Save the change' : 'Save this choice'),
        h('button', { type: 'button', class: 'secondary', onclick: closeForm }, 'Cancel')));
    const split = (text) => text.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
    onSubmit(form, async (v) => {
      const body = {
        effect: v.one('effect'),
        organisations: picker.codes(),
        org_types: v.all('org_types'),
        roles: [...v.all('roles'), ...split(v.one('other_roles'))],
        categories: v.all('categories'),
        purposes: v.all('purposes'),
        start: ukMidnight(v.one('start')),
        end: ukMidnight(v.one('end')),
      };
      const result = editing
        ? await api.put(`/api/me/directives/${encodeURIComponent(d.id)}`, body)
        : await api.post('/api/me/directives', body);
      closeForm();
      show(status, successBox(editing ? 'Choice changed' : 'Choice saved',
        editing ? h('p', {}, `Before: ${directiveSentence(d)}`) : null,
        h('p', {}, editing ? `Now: ${directiveSentence(result.directive)}` : directiveSentence(result.directive)),
        result.receipt ? h('p', {}, 'A signed receipt was issued: ', h('a', { href: './me/receipts' }, 'see your receipts'), '.') : null));
      await load();
      announce(editing ? 'Choice changed' : 'Choice saved');
    }, {
      // a name typed but not added yet is added now, or refused at the field
      validate: () => [picker.addTyped()].filter(Boolean),
      plain: {
        organisations: 'Choose organisations from the list of organisations Concord knows',
        roles: 'Role names may only use lower-case letters and hyphens, for example dietitian',
        start: 'Enter a real start date', end: 'The stop date must be after the start date',
      },
    });
    formArea.append(form);
    form.querySelector('h2').focus();
  }

  async function loadOptOut() {
    const state = await api.get('/api/me/opt-out');
    clear(optOutArea);
    const optStatus = liveRegion();
    const on = state.national_data_opt_out;
    const button = h('button', { type: 'button', id: 'toggle-opt-out', class: on ? 'secondary' : undefined }, on ? 'Withdraw my opt-out' : 'Register the national data opt-out');
    button.addEventListener('click', () => busy(button, optStatus, async () => {
      const result = await api.put('/api/me/opt-out', { national_data_opt_out: !on });
      await loadOptOut();
      announce(result.national_data_opt_out ? 'National data opt-out registered' : 'National data opt-out withdrawn');
    }));
    optOutArea.append(
      h('h2', { id: 'opt-out-heading' }, 'National data opt-out'),
      h('p', {}, 'The national data opt-out stops your records being used for research and for planning services. It does not affect your care.'),
      h('p', { id: 'opt-out-state', class: 'sentence' }, h('strong', {}, on ? 'You have opted out.' : 'You have not opted out.'),
        state.changed_at ? ` Last changed ${formatDateTime(state.changed_at)}.` : ''),
      button, optStatus);
  }

  await Promise.all([load(), loadOptOut().catch((e) => optOutArea.append(errorBox(e)))]);
}

// ---------------------------------------------------------------- preview

export async function preview(root) {
  await loadDirectory();
  const result = liveRegion({ id: 'preview-result' });
  const form = h('form', { class: 'panel', id: 'preview-form' },
    h('p', {}, 'Choose who is asking and what for. Concord answers as it would now, using your current choices. Nothing is shared and nothing is recorded as an access.'),
    h('div', { class: 'form-row' },
      selectField({ name: 'org_type', label: 'Kind of organisation', value: 'acute-hospital', options: options(ORG_TYPES) }),
      selectField({ name: 'role', label: 'Their role', value: 'clinician', options: options(ROLES) }),
      selectField({ name: 'category', label: 'Records', value: 'medications', options: options(CATEGORIES) }),
      selectField({ name: 'purpose', label: 'Purpose', value: 'emergency-care', options: options(PURPOSES) })),
    selectField({ name: 'organisation', label: 'A particular organisation (optional)',
      hint: 'To check a choice that names one organisation.',
      options: [['', 'Any organisation of that kind'], ...agencies().map((e) => [e.code, optionText(e)])] }),
    h('button', { type: 'submit', id: 'ask-preview' }, 'Ask Concord'));
  const question = h('p', { class: 'lede', id: 'preview-question' });
  root.append(form, question, result);

  function describe(v) {
    const org = v.one('organisation') ? orgText(v.one('organisation')) : withArticle(label.orgType(v.one('org_type')).toLowerCase()).replace(/\bgp\b/, 'GP');
    return `Would ${withArticle(label.roleNoun(v.one('role')))} at ${org} see my ${label.categoryPhrase(v.one('category'))} for ${label.purposePhrase(v.one('purpose'))} now?`;
  }
  const update = () => { question.textContent = describe(formValues(form)); };
  form.addEventListener('change', (event) => {
    // a particular organisation is of its own kind: keep the kind in step
    if (event.target.name === 'organisation' && agency(event.target.value)) {
      form.querySelector('select[name=org_type]').value = agency(event.target.value).org_type;
    }
    update();
  });
  update();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    const body = {
      org_type: v.one('org_type'), role: v.one('role'), category: v.one('category'), purpose: v.one('purpose'),
      organisation: v.one('organisation') ? v.one('organisation').toUpperCase() : null,
    };
    const button = form.querySelector('button[type=submit]');
    busy(button, result, async () => {
      const answer = await api.post('/api/me/decision-preview', body);
      const permit = answer.decision === true || answer.decision === 'permit';
      const reason = answer.reason || (answer.context && answer.context.reason);
      const explanation = answer.explanation || (answer.context && answer.context.explanation);
      show(result, h('div', { class: `answer ${permit ? 'permit' : 'deny'}`, id: 'preview-answer', dataset: { decision: permit ? 'permit' : 'deny' } },
        h('p', { class: 'verdict' }, permit ? 'Yes, they would see them.' : 'No, they would not see them.'),
        explanation ? h('p', {}, withNames(explanation)) : null,
        reason ? h('p', { class: 'muted' }, `Reason: ${label.reason(reason)} (${reason})`) : null));
    });
  });
}

// ---------------------------------------------------------------- receipts

export async function receipts(root) {
  await loadDirectory();
  const area = liveRegion();
  const detail = liveRegion({ id: 'receipt-detail' });
  root.append(area, detail);
  const size = 10;
  async function load(page) {
    const data = await busy(null, area, () => api.get('/api/me/receipts', { page, size }));
    if (!data) return;
    show(area,
      table({ caption: 'Consent receipts, newest first', columns: [
        { label: 'Issued', cell: (r) => formatDateTime(r.issued_at) },
        { label: 'What changed', cell: (r) => receiptAction(r.action) },
        { label: 'Consent version', num: true, cell: (r) => String(r.consent_version) },
        { label: 'By', cell: (r) => r.on_behalf_of ? `${r.actor} for ${r.on_behalf_of}` : r.actor },
        { label: 'Receipt', cell: (r) => h('button', { type: 'button', class: 'link', onclick: () => open(r.id) }, 'View', h('span', { class: 'visually-hidden' }, ` receipt of ${formatDateTime(r.issued_at)}`)) },
      ], rows: data.receipts, empty: 'You have no receipts yet. One is issued every time your consent changes.' }),
      data.total > size ? pager({ page, size, total: data.total, onPage: load, label: 'Receipt pages' }) : null);
  }
  async function open(id) {
    const r = await busy(null, detail, () => api.get(`/api/me/receipts/${encodeURIComponent(id)}`));
    if (!r) return;
    const changes = await busy(null, detail, () => describeChanges(r.claims || {}));
    if (!changes) return;
    const checkResult = liveRegion({ id: 'receipt-check' });
    const check = h('button', { type: 'button', id: 'check-receipt', class: 'secondary' }, 'Check this receipt');
    check.addEventListener('click', () => busy(check, checkResult, async () => {
      const outcome = await verifyReceipt(r.jws);
      show(checkResult, outcome.ok
        ? successBox('This receipt is genuine', h('p', { id: 'receipt-genuine' }, `Its signature matches Concord's published key ${outcome.kid}, and nothing in it was changed after Concord signed it.`))
        : errorBox({ title: 'This receipt could not be confirmed', detail: outcome.reason }));
    }));
    show(detail, h('section', { class: 'panel', 'aria-labelledby': 'receipt-heading' },
      h('h2', { id: 'receipt-heading', tabindex: '-1' }, `Receipt of ${formatDateTime(r.issued_at)}`),
      h('h3', {}, receiptAction(r.action)),
      h('ul', { class: 'item-list', id: 'receipt-changes' }, changes.map((c) => h('li', { class: 'item' },
        c.before ? h('p', {}, h('strong', {}, 'Before: '), c.before) : null,
        h('p', {}, h('strong', {}, c.before ? 'After: ' : ''), c.after)))),
      h('dl', { class: 'dl' },
        h('dt', {}, 'Consent version'), h('dd', {}, String(r.consent_version)),
        h('dt', {}, 'Made by'), h('dd', {}, r.on_behalf_of ? `${r.actor} for ${r.on_behalf_of}` : r.actor),
        h('dt', {}, 'Receipt id'), h('dd', { class: 'mono' }, r.id),
        h('dt', {}, 'Signed with key'), h('dd', { class: 'mono' }, r.kid || '')),
      h('p', {}, 'Concord signed this receipt. You can check that it is genuine and unchanged against the keys Concord publishes.'),
      check, checkResult,
      h('details', {}, h('summary', {}, 'Signed content (claims)'), h('pre', { class: 'mono' }, JSON.stringify(r.claims, null, 2))),
      h('details', {}, h('summary', {}, 'Compact JWS (for your own checks against /oauth2/jwks)'), h('p', { class: 'mono' }, r.jws))));
    detail.querySelector('h2').focus();
  }
  await load(0);
}

/** Each change of a receipt in plain words: the directive before (from its history) and after (as signed). */
async function describeChanges(claims) {
  const changes = Array.isArray(claims.changes) ? claims.changes : [];
  const signed = Array.isArray(claims.directives) ? claims.directives : [];
  const out = [];
  for (const change of changes) {
    if (!change.directive_id) {
      const on = claims.national_data_opt_out;
      out.push({ before: `National data opt-out ${on ? 'not registered' : 'registered'}`, after: `National data opt-out ${on ? 'registered' : 'not registered'}` });
      continue;
    }
    const after = signed.find((d) => d.id === change.directive_id);
    let before = null;
    if (change.directive_version > 1) {
      const history = await api.get(`/api/me/directives/${encodeURIComponent(change.directive_id)}/history`).catch(() => null);
      const previous = history && (history.versions || []).find((v) => v.version === change.directive_version - 1);
      if (previous) before = directiveSentence(previous);
    }
    const afterText = after ? `${directiveSentence(after)}${after.status === 'revoked' ? ' (revoked: no longer applies)' : ''}` : receiptAction(change.action);
    out.push({ before, after: afterText });
  }
  return out.length ? out : [{ before: null, after: 'No directive changed.' }];
}

const ALGORITHMS = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, PS256: { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384', saltLength: 48 }, PS512: { name: 'RSA-PSS', hash: 'SHA-512', saltLength: 64 },
  ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }, ES384: { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
};

function base64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Verifies a compact JWS against Concord's published keys (/oauth2/jwks) in the browser (Web Crypto). */
async function verifyReceipt(jws) {
  const parts = String(jws || '').split('.');
  if (parts.length !== 3) return { ok: false, reason: 'The receipt is not a signed token.' };
  const header = JSON.parse(new TextDecoder().decode(base64url(parts[0])));
  const alg = ALGORITHMS[header.alg];
  if (!alg) return { ok: false, reason: `The receipt is signed with ${header.alg}, which this page cannot check.` };
  const response = await fetch('/oauth2/jwks', { credentials: 'omit' });
  if (!response.ok) return { ok: false, reason: 'Concord\'s published keys could not be read. Try again later.' };
  const jwk = ((await response.json()).keys || []).find((k) => k.kid === header.kid);
  if (!jwk) return { ok: false, reason: `Concord no longer publishes the key ${header.kid} that signed it.` };
  const { kty, n, e, crv, x, y } = jwk;
  const key = await crypto.subtle.importKey('jwk', { kty, n, e, crv, x, y, ext: true },
    { name: alg.name, hash: alg.hash, namedCurve: alg.namedCurve }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: alg.name, hash: alg.hash, saltLength: alg.saltLength }, key,
    base64url(parts[2]), new TextEncoder().encode(`${parts[0]}.${parts[1]}`));
  return ok ? { ok, kid: header.kid } : { ok, reason: 'The signature does not match: the receipt was changed after Concord signed it.' };
}

function receiptAction(action) {
  const words = {
    'directive-created': 'Choice added', 'directive-changed': 'Choice changed', 'directive-revoked': 'Choice revoked',
    'national-opt-out-set': 'National data opt-out registered', 'national-opt-out-cleared': 'National data opt-out withdrawn',
    'directives-imported': 'Choices imported',
  };
  return words[action] || (action || '').replace(/-/g, ' ');
}

// ---------------------------------------------------------------- access log

export async function accessLog(root) {
  await loadDirectory();
  const area = liveRegion({ id: 'access-log' });
  root.append(area);
  const size = 20;
  async function load(page) {
    const data = await busy(null, area, () => api.get('/api/me/access-log', { page, size }));
    if (!data) return;
    show(area,
      table({ caption: 'Requests for your records, newest first', columns: [
        { label: 'When', cell: (e) => formatDateTime(e.time) },
        { label: 'Who', cell: (e) => [e.agency ? orgName(e.agency) : (e.client_id || 'Unknown'), e.role ? ` (${label.roleNoun(e.role)})` : '', e.username ? h('span', { class: 'muted' }, ` ${e.username}`) : ''] },
        { label: 'Records', cell: (e) => [e.category ? label.category(e.category) : '—', e.holder ? h('span', { class: 'muted' }, ' held by ', orgName(e.holder)) : ''] },
        { label: 'Purpose', cell: (e) => e.purpose ? label.purpose(e.purpose) : '—' },
        // the emergency-access badge marks emergency accesses that happened, never a refused request
        { label: 'Decision', cell: (e) => [decisionBadge(e.decision), e.break_glass && e.decision === 'permit' ? [' ', h('span', { class: 'badge glass' }, 'Emergency access')] : ''] },
      ], rows: data.entries, explain: (e) => {
        const reason = (e.break_glass_reason || '').trim();
        const extra = reason && !(e.explanation || '').includes(reason) ? ` Reason given: “${reason}”.` : '';
        return [withNames(e.explanation) || label.reason(e.reason), extra];
      },
      empty: 'Nobody has asked for your records yet.' }),
      data.total > size ? pager({ page, size, total: data.total, onPage: load, label: 'Access log pages' }) : null);
  }
  await load(0);
}
