// Information-governance views: audit search (with exports), chain verification, break-glass review queue,
// identity-match review queue, and statistics charts. The console only shows what the APIs answer.
import * as api from '../api.js';
import {
  h, clear, show, busy, errorBox, successBox, liveRegion, announce, textField, selectField, textareaField, radios,
  formValues, formatDateTime, table, pager, decisionBadge, ukMidnight, dateField, onSubmit,
} from '../ui.js';
import { loadDirectory, loadClients, clientName, agencies, optionText, orgName, orgText, withNames } from '../directory.js';
import { REASONS, EVENT_TYPES, label } from '../vocab.js';
import { barChart, columnChart } from '../charts.js';

const pick = (obj, ...keys) => { for (const k of keys) { if (obj && obj[k] !== undefined && obj[k] !== null) return obj[k]; } return undefined; };
const listOf = (data, ...keys) => (Array.isArray(data) ? data : (pick(data, ...keys) || []));

// ---------------------------------------------------------------- audit search

export async function audit(root) {
  await Promise.all([loadDirectory(), loadClients()]);
  const orgOptions = [['', 'Any organisation'], ...agencies().map((e) => [e.code, optionText(e)])];
  const results = liveRegion({ id: 'audit-results' });
  const exportStatus = liveRegion({ id: 'export-status' });
  const form = h('form', { class: 'panel', id: 'audit-filters', 'aria-label': 'Audit search filters' },
    h('div', { class: 'form-row' },
      textField({ name: 'subject', label: 'NHS number', inputmode: 'numeric', hint: '10 digits' }),
      selectField({ name: 'agency', label: 'Requesting organisation', options: orgOptions }),
      selectField({ name: 'holder', label: 'Holding organisation', options: orgOptions })),
    h('div', { class: 'date-row' },
      dateField({ name: 'from', label: 'From (optional)', hint: 'UK date.' }),
      dateField({ name: 'to', label: 'To, inclusive (optional)', hint: 'UK date.' })),
    h('div', { class: 'form-row' },
      selectField({ name: 'decision', label: 'Decision', options: [['', 'Any'], ['permit', 'Allowed'], ['deny', 'Denied'], ['error', 'Error']] }),
      selectField({ name: 'reason', label: 'Reason', options: [['', 'Any'], ...REASONS.map(([c, t]) => [c, t])] }),
      selectField({ name: 'breakGlass', label: 'Break glass', options: [['', 'Any'], ['true', 'Only break glass'], ['false', 'No break glass']] }),
      selectField({ name: 'eventType', label: 'Event type', options: [['', 'Any'], ...EVENT_TYPES.map((t) => [t, t.replace(/_/g, ' ').toLowerCase()])] })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'audit-search' }, 'Search'),
      h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: (e) => exportAs(e.currentTarget, 'csv') }, 'Download CSV'),
      h('button', { type: 'button', class: 'secondary', id: 'export-fhir', onclick: (e) => exportAs(e.currentTarget, 'fhir') }, 'Download FHIR AuditEvents')),
    exportStatus);
  root.append(form, results);
  const size = 25;

  function filters() {
    const v = formValues(form);
    const q = {};
    for (const key of ['subject', 'agency', 'holder', 'from', 'to', 'decision', 'reason', 'breakGlass', 'eventType']) {
      const value = v.one(key);
      if (value) q[key] = key === 'subject' ? value.replace(/[\s-]/g, '') : (key === 'agency' || key === 'holder' ? value.toUpperCase() : value);
    }
    return q;
  }

  async function exportAs(button, kind) {
    await busy(button, exportStatus, async () => {
      const file = await api.download(`/api/audit/export.${kind}`, filters(), kind === 'csv' ? 'concord-audit.csv' : 'concord-audit.json');
      show(exportStatus, h('p', { role: 'status' }, `Downloaded ${file.name} (${file.size.toLocaleString('en-GB')} bytes).`));
    });
  }

  async function load(page) {
    const data = await busy(form.querySelector('button[type=submit]'), results, () => api.get('/api/audit/records', { ...filters(), page, size }));
    if (!data) return;
    const total = pick(data, 'total_records', 'totalRecords') || 0;
    const totalPages = pick(data, 'total_pages', 'totalPages') || 0;
    const records = (data.records || []).map(auditRow);
    show(results,
      h('p', { role: 'status' }, `${total} matching record${total === 1 ? '' : 's'}.`),
      table({ caption: 'Audit records, newest first', captionHidden: true, columns: [
        { label: '#', num: true, cell: (r) => String(r.sequence) },
        { label: 'When', cell: (r) => formatDateTime(r.recordedAt) },
        { label: 'Event', cell: (r) => r.eventType.replace(/_/g, ' ').toLowerCase() },
        { label: 'Who', cell: (r) => [r.onBehalfOf ? h('strong', {}, r.onBehalfOf, ' ') : '', r.actorUsername ? `${r.actorUsername} ` : '', r.role ? `(${label.roleNoun(r.role)}) ` : '',
          r.actorAgency ? [r.onBehalfOf || r.actorUsername || r.role ? 'at ' : '', orgName(r.actorAgency)] : '', r.actorClientId ? h('span', { class: 'muted via' }, ' via ', clientName(r.actorClientId)) : ''] },
        { label: 'Citizen', cell: (r) => r.subjectNhsNumber || '—' },
        { label: 'Records', cell: (r) => (r.category
          ? [label.category(r.category), r.holder ? h('span', { class: 'muted' }, ' held by ', orgName(r.holder)) : '', r.purpose ? h('span', { class: 'muted' }, `, ${label.purpose(r.purpose).toLowerCase()}`) : '']
          : (r.holder ? orgName(r.holder) : '—')) },
        { label: 'Decision', cell: (r) => [decisionBadge(r.decision), r.breakGlass ? [' ', h('span', { class: 'badge glass' }, r.decision === 'permit' ? 'Break glass' : 'Break glass asked')] : '', r.reasonCode ? h('span', { class: 'muted' }, ` ${label.reason(r.reasonCode)}`) : ''] },
      ], rows: records,
      explain: (r) => {
        const reason = (r.breakGlassReason || '').trim();
        const extra = reason && !(r.explanation || '').includes(reason) ? ` Break-glass reason: “${reason}”.` : '';
        return (r.explanation || extra) ? [withNames(r.explanation) || '', extra] : null;
      },
      empty: 'No audit records match these filters.' }),
      totalPages > 1 ? pager({ page: data.page, size: data.size, total, onPage: load, label: 'Audit pages' }) : null);
  }
  onSubmit(form, () => load(0));
  await load(0);
}

/** An audit record with one set of field names, whichever JSON naming the API uses. */
function auditRow(r) {
  return {
    sequence: pick(r, 'sequence', 'seq'),
    recordedAt: pick(r, 'recorded_at', 'recordedAt'),
    eventType: pick(r, 'event_type', 'eventType') || '',
    actorAgency: pick(r, 'actor_agency', 'actorAgency'),
    actorClientId: pick(r, 'actor_client_id', 'actorClientId'),
    actorUsername: pick(r, 'actor_username', 'actorUsername'),
    onBehalfOf: pick(r, 'on_behalf_of', 'onBehalfOf'),
    subjectNhsNumber: pick(r, 'subject_nhs_number', 'subjectNhsNumber'),
    holder: r.holder, category: r.category, purpose: r.purpose, role: r.role, decision: r.decision,
    reasonCode: pick(r, 'reason_code', 'reasonCode'),
    breakGlass: !!pick(r, 'break_glass', 'breakGlass'),
    breakGlassReason: pick(r, 'break_glass_reason', 'breakGlassReason'),
    explanation: r.explanation,
  };
}

// ---------------------------------------------------------------- chain verification

export async function verify(root) {
  const result = liveRegion({ id: 'verify-result' });
  const button = h('button', { type: 'button', id: 'verify-chain' }, 'Check the audit chain now');
  root.append(h('div', { class: 'panel' },
    h('p', {}, 'Concord walks every audit record in order and recomputes its hash. Any record changed, removed or moved shows up as a break.'),
    button), result);
  button.addEventListener('click', () => busy(button, result, async () => {
    show(result, h('p', { class: 'loading' }, 'Checking…'));
    const v = await api.get('/api/audit/verify');
    const recordsChecked = pick(v, 'records_checked', 'recordsChecked');
    const headSequence = pick(v, 'head_sequence', 'headSequence');
    if (v.ok) {
      show(result, h('div', { class: 'alert success', id: 'chain-ok' },
        h('h2', {}, 'The audit chain is intact'),
        h('p', {}, `${recordsChecked} records checked; the newest is #${headSequence}. Checked ${formatDateTime(new Date())}.`)));
    } else {
      const b = pick(v, 'first_break', 'firstBreak') || {};
      show(result, h('div', { class: 'alert error', id: 'chain-broken' },
        h('h2', {}, `The audit chain is broken at record #${b.sequence}`),
        h('p', {}, `${kindText(b.kind)} ${b.message || ''}`),
        h('dl', { class: 'dl' },
          h('dt', {}, 'Records intact before it'), h('dd', {}, String(recordsChecked)),
          h('dt', {}, 'Newest record (chain head)'), h('dd', {}, `#${headSequence}`),
          h('dt', {}, 'Expected hash'), h('dd', { class: 'mono' }, pick(b, 'expected_hash', 'expectedHash') || 'unknown'),
          h('dt', {}, 'Found hash'), h('dd', { class: 'mono' }, pick(b, 'found_hash', 'foundHash') || 'missing')),
        h('p', {}, 'Keep this page, export the log and report it to your information governance lead.')));
    }
    announce(v.ok ? 'The audit chain is intact' : 'The audit chain is broken');
  }));
}

function kindText(kind) {
  return { changed: 'A record was changed.', deleted: 'A record is missing.', reordered: 'A record was moved.' }[String(kind || '').toLowerCase()] || '';
}

// ---------------------------------------------------------------- break-glass review queue

/** "dr-jones (clinician) at Leeds Teaching Hospitals": who broke the glass, as far as the audit record says. */
function who(e) {
  const person = e.practitioner || e.username;
  const role = e.role ? label.roleNoun(e.role) : '';
  const at = e.agency ? orgText(e.agency).replace(/^organisation/, 'organisation') : 'an unknown organisation';
  if (person) return `${person}${role ? ` (${role})` : ''} at ${at}`;
  return `${role ? `A ${role}` : 'Someone'} at ${at}`;
}

export async function breakGlass(root) {
  await Promise.all([loadDirectory(), loadClients()]);
  const status = liveRegion({ id: 'break-glass-status' });
  const area = h('div', { id: 'break-glass-queue' });
  const filter = selectField({ name: 'status', label: 'Show', value: 'unreviewed', cls: 'short',
    options: [['unreviewed', 'Waiting for review'], ['reviewed', 'Reviewed'], ['all', 'All']] });
  root.append(h('div', { class: 'panel' }, filter), status, area);
  const select = filter.querySelector('select');
  select.addEventListener('change', () => load(0));
  const size = 20;

  async function load(page) {
    const data = await busy(null, area, () => api.get('/api/ig/break-glass', { status: select.value, page, size }));
    if (!data) return;
    const items = listOf(data, 'entries', 'items');
    clear(area);
    if (!items.length) {
      area.append(h('p', { class: 'muted', id: 'break-glass-empty' }, select.value === 'unreviewed' ? 'No break-glass access is waiting for review.' : 'Nothing to show.'));
      return;
    }
    show(area, h('p', { role: 'status' }, `${data.total} break-glass access${data.total === 1 ? '' : 'es'}, oldest first.`),
      h('ul', { class: 'item-list', 'aria-label': 'Break-glass accesses' }, items.map(item)),
      data.total > size ? pager({ page, size, total: data.total, onPage: load, label: 'Break-glass pages' }) : null);
  }

  function item(e) {
    const seq = pick(e, 'audit_seq', 'seq');
    const review = e.review;
    const li = h('li', { class: `item ${review ? (review.justified ? 'permit' : 'deny') : ''}`, dataset: { seq: String(seq) } },
      h('h2', { class: 'sentence' }, `${who(e)} broke glass to read ${label.categoryPhrase(e.category || '')} of NHS number ${e.nhs_number || 'unknown'}`),
      h('dl', { class: 'dl break-glass-facts' },
        h('dt', {}, 'Who broke the glass'), h('dd', { class: 'who-broke' }, e.practitioner || e.username || 'Not given by the system (ask the organisation)',
          e.role ? ` (${label.roleNoun(e.role)})` : ''),
        h('dt', {}, 'Organisation'), h('dd', {}, e.agency ? orgName(e.agency) : 'Unknown'),
        e.client_id ? [h('dt', {}, 'System'), h('dd', { class: 'system' }, clientName(e.client_id))] : null,
        e.holder ? [h('dt', {}, 'Records held by'), h('dd', {}, orgName(e.holder))] : null,
        h('dt', {}, 'When'), h('dd', {}, `${formatDateTime(e.time)} (audit record #${seq})`),
        e.purpose ? [h('dt', {}, 'Purpose'), h('dd', {}, label.purpose(e.purpose))] : null),
      h('p', {}, 'Reason given: ', h('strong', {}, `“${e.break_glass_reason || ''}”`)));
    if (review) {
      li.append(h('p', {}, h('span', { class: `badge ${review.justified ? 'permit' : 'deny'}` }, review.justified ? 'Justified' : 'Not justified'),
        ` reviewed by ${review.reviewer || 'an officer'} on ${formatDateTime(review.reviewed_at)}`,
        review.comment ? `: “${review.comment}”` : ''));
      return li;
    }
    const form = h('form', { class: 'review-form', 'aria-label': `Review of audit record ${seq}` },
      h('h3', {}, 'Your review'),
      radios({ name: 'justified', legend: 'Was this emergency access justified?', required: true,
        missing: 'Choose whether the emergency access was justified',
        options: [['true', 'Yes, justified'], ['false', 'No, not justified']] }),
      textareaField({ name: 'comment', label: 'Comment', hint: 'What you checked and why you decided this (up to 2000 characters).', maxlength: 2000 }),
      h('button', { type: 'submit' }, 'Record the review'));
    onSubmit(form, async (v) => {
      const justified = v.one('justified') === 'true';
      await api.post(`/api/ig/break-glass/${encodeURIComponent(seq)}/review`, { justified, comment: v.one('comment') || null });
      show(status, successBox('Review recorded', h('p', {}, `Break-glass access #${seq} by ${who(e)} was marked ${justified ? 'justified' : 'not justified'}.`)));
      await load(0);
      announce('Review recorded');
    }, { plain: { comment: 'The comment can be at most 2000 characters' } });
    li.append(form);
    return li;
  }
  await load(0);
}

// ---------------------------------------------------------------- identity-match reviews

export async function identityReviews(root) {
  const status = liveRegion({ id: 'identity-status' });
  const area = h('div', { id: 'identity-queue' });
  root.append(status, area);
  const size = 10;
  async function load(page) {
    const data = await busy(null, area, () => api.get('/api/identity/reviews', { status: 'pending', page, size }));
    if (!data) return;
    const items = listOf(data, 'reviews');
    clear(area);
    if (!items.length) {
      area.append(h('p', { class: 'muted', id: 'identity-empty' }, 'No possible match is waiting for review.'));
      return;
    }
    show(area, h('p', { role: 'status' }, `${data.total} possible match${data.total === 1 ? '' : 'es'} waiting, oldest first.`),
      h('ul', { class: 'item-list', 'aria-label': 'Possible matches' }, items.map(item)),
      data.total > size ? pager({ page, size, total: data.total, onPage: load, label: 'Review pages' }) : null);
  }
  function item(r) {
    const id = r.review_id;
    const formStatus = liveRegion();
    const form = h('form', { 'aria-label': `Decision on review ${id}` },
      textField({ name: 'reason', label: 'Reason for your decision', required: true, hint: 'For example: same date of birth and address; NHS number confirmed with the practice.' }),
      formStatus,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'accept' }, r.proposed_person ? 'Accept: same person' : 'Accept'),
        h('button', { type: 'submit', value: 'reject', class: 'warning' }, 'Reject: a different person')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const action = event.submitter ? event.submitter.value : 'accept';
      const reason = formValues(form).one('reason');
      if (!reason) {
        show(formStatus, errorBox({ title: 'Give a reason for your decision', detail: 'The reason is kept in the audit log.' }));
        form.querySelector('input[name=reason]').focus();
        return;
      }
      busy(event.submitter, formStatus, async () => {
        const decided = await api.post(`/api/identity/reviews/${encodeURIComponent(id)}/${action}`, { reason });
        show(status, successBox(action === 'accept' ? 'Match accepted' : 'Match rejected',
          h('p', {}, `Record ${r.record ? `${r.record.agency} ${r.record.local_id}` : id} ${action === 'accept' ? 'is linked to the proposed person' : 'is linked to a new person'}${decided && decided.decision && decided.decision.person_id ? ` (${decided.decision.person_id})` : ''}.`)));
        await load(0);
        announce(action === 'accept' ? 'Match accepted' : 'Match rejected');
      });
    });
    const rec = r.record || {};
    const proposed = r.proposed_person;
    const others = proposed ? (proposed.records || []).slice(0, 3) : [];
    const fields = [['NHS number', (x) => x.nhs_number], ['Given name', (x) => x.demographics && properCase(x.demographics.given_name)],
      ['Family name', (x) => x.demographics && properCase(x.demographics.family_name)], ['Date of birth', (x) => x.demographics && x.demographics.date_of_birth],
      ['Postcode', (x) => x.demographics && x.demographics.postcode],
      ['Address', (x) => x.demographics && properCase([x.demographics.street_number, x.demographics.street, x.demographics.locality].filter(Boolean).join(' '))]];
    const compare = h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, 'Submitted record compared with the proposed person\'s records'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'),
        h('th', { scope: 'col' }, `Submitted: ${rec.agency || ''} ${rec.local_id || ''}`),
        others.map((o) => h('th', { scope: 'col' }, `Known: ${o.agency} ${o.local_id}`)))),
      h('tbody', {}, fields.map(([name, get]) => h('tr', {}, h('th', { scope: 'row' }, name),
        h('td', {}, get(rec) || '—'), others.map((o) => h('td', {}, get(o) || '—')))))));
    return h('li', { class: 'item', dataset: { reviewId: String(id) } },
      h('h2', { class: 'sentence' }, `${reasonText(r.reason)}: record ${rec.agency || ''} ${rec.local_id || ''}`),
      h('p', { class: 'meta' }, `Queued ${formatDateTime(r.created_at)}${r.score !== null && r.score !== undefined ? `; match weight ${Number(r.score).toFixed(2)}` : ''}${proposed ? `; proposed person ${proposed.person_id}${proposed.nhs_number ? ` (NHS number ${proposed.nhs_number})` : ''}` : '; no person proposed'}`),
      compare,
      evidenceTable(r.evidence, rec, proposed),
      form);
  }
  await load(0);
}

// Names are stored standardised (lower case); people read them in proper case: "mary-jane o'brien" -> "Mary-Jane O'Brien".
export function properCase(text) {
  if (!text) return text;
  return String(text).toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (m, sep, ch) => sep + ch.toUpperCase());
}

const FIELD_NAMES = { given_name: 'Given name', family_name: 'Family name', date_of_birth: 'Date of birth', postcode: 'Postcode',
  street_number: 'House number', street: 'Street', locality: 'Locality', town: 'Town', region: 'County', identifier: 'NHS number' };

// The evidence for and against: each comparison's level and weight in bits (positive: same person), the two NHS numbers,
// and the caution that held the pair back from an automatic link.
function evidenceTable(evidence, rec, proposed) {
  if (!evidence) return h('p', { class: 'muted' }, 'No evidence: no person is proposed.');
  const nhs = { same: 'the same', different: 'different: two valid NHS numbers mean two people', missing: 'missing on one side' }[evidence.nhs_numbers] || evidence.nhs_numbers;
  const bits = (w) => `${w > 0 ? '+' : w < 0 ? '−' : ''}${Math.abs(Number(w)).toFixed(1)}`;
  return h('div', { class: 'evidence' },
    h('p', { class: 'nhs-numbers' }, `NHS numbers: submitted ${rec.nhs_number || 'none'}, proposed person ${(proposed && proposed.nhs_number) || 'none'}: ${nhs}.`),
    evidence.caution ? h('p', { class: 'caution' }, h('span', { class: 'badge deny' }, 'Held for review'), ` ${evidence.caution}.`) : '',
    h('div', { class: 'table-wrap' }, h('table', { class: 'evidence-table' },
      h('caption', {}, `Evidence, compared with ${evidence.compared_agency} ${evidence.compared_local_id}: total ${bits(evidence.sum)} bits`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Comparison'), h('th', { scope: 'col' }, 'Weight (bits)'))),
      h('tbody', {}, (evidence.comparisons || []).map((c) => h('tr', { class: c.weight > 0 ? 'for' : c.weight < 0 ? 'against' : '' },
        h('th', { scope: 'row' }, FIELD_NAMES[c.field] || c.field), h('td', {}, c.description || c.level),
        h('td', { class: 'num' }, c.weight > 0 ? `${bits(c.weight)} for` : c.weight < 0 ? `${bits(c.weight)} against` : '0')))))));
}

function reasonText(code) {
  return { 'possible-match': 'Possible match', 'ambiguous-match': 'Several people match', 'nhs-number-conflict': 'NHS number conflicts with demographics',
    'nhs-number-mismatch': 'Demographics match another NHS number', relink: 'Record would move to another person' }[code] || code || 'Review';
}

// ---------------------------------------------------------------- statistics

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' });

export async function stats(root) {
  const area = liveRegion({ id: 'stats' });
  const form = h('form', { class: 'panel', id: 'stats-form' },
    h('div', { class: 'date-row' },
      dateField({ name: 'from', label: 'From (optional)', hint: 'Default: 30 days ago.' }),
      dateField({ name: 'to', label: 'To, inclusive (optional)', hint: 'Default: today.' })),
    h('button', { type: 'submit', id: 'stats-show' }, 'Show'));
  root.append(form, area);
  async function load() {
    const v = formValues(form);
    const to = v.one('to') ? ukMidnight(nextDay(v.one('to'))) : null;
    const data = await busy(form.querySelector('button'), area, () => api.get('/api/ig/stats', { from: ukMidnight(v.one('from')), to, bucket: 'day' }));
    if (!data) return;
    const timeline = data.timeline || [];
    const byOutcome = data.by_outcome || {};
    const denials = (data.by_reason || []).filter((r) => r.outcome === 'deny');
    const glass = data.break_glass || {};
    const identity = data.identity_matches_awaiting_review || {};
    const days = timeline.map((b) => DAY.format(new Date(b.start)));
    show(area,
      h('p', { class: 'lede', role: 'status' }, `${formatDateTime(data.from)} to ${formatDateTime(data.to)}: ${byOutcome.permit || 0} allowed, ${byOutcome.deny || 0} denied, ${byOutcome.error || 0} invalid requests.`),
      columnChart({ id: 'chart-decisions', title: 'Decisions per day', categoryLabel: 'Day', categories: days, series: [
        { name: 'Allowed', values: timeline.map((b) => (b.by_outcome || {}).permit || 0) },
        { name: 'Denied', values: timeline.map((b) => (b.by_outcome || {}).deny || 0) },
        { name: 'Invalid', values: timeline.map((b) => (b.by_outcome || {}).error || 0) }] }),
      barChart({ id: 'chart-denials', title: 'Denials by reason', categoryLabel: 'Reason', colour: 1,
        categories: denials.map((r) => label.reason(r.reason)), series: [{ name: 'Denials', values: denials.map((r) => r.count) }] }),
      barChart({ id: 'chart-break-glass', title: 'Break-glass accesses', categoryLabel: 'Kind', colour: 2,
        categories: ['Requested', 'Permitted', 'Refused', 'Waiting for review', 'Judged justified', 'Judged not justified'],
        series: [{ name: 'Accesses', values: [glass.total, glass.permitted, glass.denied, glass.unreviewed, glass.justified, glass.unjustified] }] }),
      h('p', { class: 'muted', id: 'identity-waiting' }, identity.available === false ? 'Identity matching is not deployed.'
        : `Identity matches waiting for review: ${identity.count || 0}.`));
  }
  onSubmit(form, () => load());
  await load();
}

function nextDay(dateText) {
  const [y, m, d] = dateText.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}
