// The citizen's distributed record: where my records are (pointers, never contents), who can see what today
// (the consent engine's answer for direct care, per organisation and per kind of organisation), and my own apps
// and devices connected as sources. Every answer comes from Concord's APIs.
import * as api from '../api.js';
import { h, clear, show, busy, errorBox, successBox, liveRegion, formatDateTime } from '../ui.js';
import { ORG_TYPES, CATEGORIES } from '../vocab.js';

/** The console's name for a vocabulary code (the same words as everywhere else in the console). */
const named = (list, code) => (list.find(([c]) => c === code) || [code, code])[1];

// ---------------------------------------------------------------- where my records are

export async function locations(root) {
  const { holders } = await api.get('/api/me/record/locations');
  if (!holders.length) {
    root.append(h('p', { class: 'muted', id: 'no-locations' },
      'No organisation or app has told Concord that it holds records about you yet.'));
    return;
  }
  root.append(h('p', { class: 'hint' },
    'Concord never holds your records. Each organisation or app below told Concord that it holds some, so that people you allow can find them.'));
  root.append(h('ul', { class: 'item-list', id: 'locations', 'aria-label': 'Where your records are' },
    holders.map((holder) => h('li', { class: 'item', dataset: { holder: holder.code } },
      h('h2', { class: 'sentence' }, holder.name,
        holder.name !== holder.code ? h('span', { class: 'meta-inline' }, ` (${holder.code})`) : null),
      h('p', { class: 'meta' }, holderKind(holder)),
      h('ul', { class: 'plain' }, holder.categories.map((c) => h('li', {},
        h('strong', {}, named(CATEGORIES, c.category)),
        c.explicit_consent ? h('span', { class: 'badge glass' }, 'needs your consent') : null,
        h('span', { class: 'meta-inline' },
          ` — ${c.pointers.length} ${c.pointers.length === 1 ? 'entry' : 'entries'}, first told ${formatDateTime(c.first_registered_at)}, `
          + (c.last_read_at ? `last read ${formatDateTime(c.last_read_at)}` : 'never read'))))))))); 
}

function holderKind(holder) {
  if (holder.org_type === 'personal-app') return 'Your own app or device';
  return named(ORG_TYPES, holder.org_type);
}

// ---------------------------------------------------------------- who can see what

const ACCESS = {
  allowed: { text: 'Allowed', symbol: '✓', cls: 'allowed' },
  'emergency-only': { text: 'Emergency only', symbol: '!', cls: 'emergency' },
  denied: { text: 'Not allowed', symbol: '✕', cls: 'denied' },
};

export async function access(root) {
  const matrix = await api.get('/api/me/record/access');
  const detail = liveRegion({ id: 'matrix-detail' });
  root.append(h('p', { class: 'hint' },
    'What Concord would decide today if a clinician from each organisation asked for each kind of record to treat you. It changes as soon as you change a choice. Select a cell to see why.'),
  h('ul', { class: 'legend', 'aria-label': 'Key' }, Object.values(ACCESS).map((a) =>
    h('li', {}, h('span', { class: `cell ${a.cls}`, 'aria-hidden': 'true' }, a.symbol), ` ${a.text}`))),
  detail);
  if (matrix.organisations.length) {
    root.append(grid('Organisations that hold or asked for your records', 'matrix-organisations', matrix.columns,
      matrix.organisations, (row) => [row.name, row.organisation !== row.name ? h('span', { class: 'meta-inline' }, ` ${row.organisation}`) : null], detail));
  }
  root.append(grid('Any organisation of each kind caring for you', 'matrix-types', matrix.columns, matrix.org_types,
    (row) => named(ORG_TYPES, row.org_type), detail));
}

function grid(caption, id, columns, rows, rowLabel, detail) {
  return h('div', { class: 'table-wrap matrix-wrap' },
    h('table', { class: 'matrix', id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('td', {}), columns.map((c) => h('th', { scope: 'col' },
        h('span', {}, named(CATEGORIES, c.category)))))),
      h('tbody', {}, rows.map((row) => h('tr', { dataset: { organisation: row.organisation || row.org_type } },
        h('th', { scope: 'row' }, rowLabel(row)),
        row.cells.map((cell, i) => {
          const a = ACCESS[cell.access];
          const who = row.name || `any ${named(ORG_TYPES, row.org_type).toLowerCase()}`;
          return h('td', { class: `cell ${a.cls}`, dataset: { category: cell.category, access: cell.access } },
            h('button', { type: 'button', class: 'cell-button', title: `${named(CATEGORIES, columns[i].category)}: ${a.text}`,
              onclick: () => show(detail, h('div', { class: 'panel', id: 'cell-reason' },
                h('h2', {}, `${named(CATEGORIES, columns[i].category)} — ${who}`),
                h('p', {}, h('strong', {}, a.text), '. ', cell.explanation || ''),
                cell.access === 'emergency-only' ? h('p', { class: 'hint' },
                  'In an emergency a clinician can still “break the glass”. That is always reviewed and you are told.') : null)) },
            h('span', { 'aria-hidden': 'true' }, a.symbol),
            h('span', { class: 'visually-hidden' }, `${a.text} for ${who}`)));
        }))))));
}

// ---------------------------------------------------------------- my apps and devices

export async function sources(root) {
  const status = liveRegion({ id: 'source-status' });
  const list = h('div', { id: 'source-list' });
  root.append(status, h('p', { class: 'hint' },
    'Apps and devices you connected can tell Concord that they hold some of your data (for example your wearable’s readings), so that people you allow can ask for it. To connect one, start from the app: it brings you to a Concord page asking for your permission.'),
  list);

  async function load() {
    const { sources: connected } = await api.get('/api/me/sources');
    clear(list);
    if (!connected.length) {
      list.append(h('p', { class: 'muted', id: 'no-sources' }, 'You have not connected any apps or devices.'));
      return;
    }
    list.append(h('ul', { class: 'item-list', 'aria-label': 'Connected apps and devices' }, connected.map((s) => {
      const confirm = h('div');
      return h('li', { class: 'item', dataset: { source: s.client_id } },
        h('h2', { class: 'sentence' }, s.name),
        h('p', { class: 'meta' },
          `May tell Concord about: ${s.categories.map((c) => named(CATEGORIES, c)).join(', ') || 'nothing'}. `
          + `${s.pointers} ${s.pointers === 1 ? 'entry' : 'entries'} registered`
          + (s.last_registered_at ? `, last ${formatDateTime(s.last_registered_at)}.` : '.')),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'warning', onclick: () => ask(s, confirm) },
          'Disconnect', h('span', { class: 'visually-hidden' }, ` ${s.name}`))),
        confirm);
    })));
  }

  function ask(source, area) {
    clear(area);
    const yes = h('button', { type: 'button', class: 'warning', onclick: () => busy(yes, status, async () => {
      const answer = await api.del(`/api/me/sources/${encodeURIComponent(source.client_id)}`);
      show(status, successBox(`${source.name} disconnected`, h('p', {},
        `It can no longer tell Concord anything about you. ${answer.pointers_deregistered} ${answer.pointers_deregistered === 1 ? 'entry was' : 'entries were'} removed, and anyone who had been allowed to read them can no longer do so.`)));
      await load();
    }) }, `Yes, disconnect ${source.name}`);
    area.append(h('div', { class: 'alert warn', role: 'group', 'aria-label': 'Confirm disconnecting' },
      h('p', {}, `Disconnect ${source.name}? It stops at once, and what it told Concord is removed.`),
      h('div', { class: 'actions' }, yes, h('button', { type: 'button', class: 'secondary', onclick: () => clear(area) }, 'Keep it'))));
    yes.focus();
  }

  try {
    await load();
  } catch (error) {
    show(status, errorBox(error));
  }
}
