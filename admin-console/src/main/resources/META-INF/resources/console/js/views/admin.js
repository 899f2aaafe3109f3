// Administration views: agencies and their OAuth clients, people and their roles.
import * as api from '../api.js';
import {
  h, clear, show, busy, errorBox, successBox, liveRegion, announce, textField, selectField, checkboxes,
  formValues, formatDateTime, table,
} from '../ui.js';
import { ORG_TYPES, PERSON_ROLES, AGENCY_SCOPES, options, label } from '../vocab.js';

// ---------------------------------------------------------------- agencies

export async function agencies(root) {
  const status = liveRegion({ id: 'agency-status' });
  const listArea = h('div', { id: 'agency-list' });
  root.append(status, registerForm(), listArea);

  function registerForm() {
    const formStatus = liveRegion();
    const form = h('form', { class: 'panel', id: 'register-agency' },
      h('h2', {}, 'Register an agency'),
      h('div', { class: 'form-row' },
        textField({ name: 'code', label: 'Organisation code', required: true, hint: 'ODS code, 3 to 8 capital letters or digits' }),
        textField({ name: 'name', label: 'Name', required: true }),
        selectField({ name: 'org_type', label: 'Organisation type', options: options(ORG_TYPES) })),
      formStatus,
      h('button', { type: 'submit' }, 'Register agency'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      busy(form.querySelector('button'), formStatus, async () => {
        const agency = await api.post('/api/admin/agencies', { code: v.one('code').toUpperCase(), name: v.one('name'), org_type: v.one('org_type') });
        form.reset();
        clear(formStatus);
        show(status, successBox('Agency registered', h('p', {}, `${agency.name} (${agency.code}) can now be given clients.`)));
        await load();
      });
    });
    return form;
  }

  async function load() {
    const list = await busy(null, listArea, () => api.get('/api/admin/agencies'));
    if (!list) return;
    clear(listArea);
    listArea.append(h('h2', {}, `Agencies (${list.length})`));
    if (!list.length) listArea.append(h('p', { class: 'muted' }, 'No agencies yet.'));
    listArea.append(h('ul', { class: 'item-list' }, list.map(agencyItem)));
  }

  function agencyItem(a) {
    const itemStatus = liveRegion();
    const clientArea = h('div');
    const confirmArea = h('div');
    const change = (button) => busy(button, itemStatus, async () => {
      await api.post(`/api/admin/agencies/${encodeURIComponent(a.code)}/${a.enabled ? 'disable' : 'enable'}`);
      show(status, successBox(a.enabled ? 'Agency disabled' : 'Agency enabled',
        h('p', {}, a.enabled ? `${a.name} (${a.code}) and all its clients can no longer obtain or use tokens.` : `${a.name} (${a.code}) is enabled again.`)));
      await load();
    });
    const toggle = h('button', { type: 'button', class: a.enabled ? 'danger-outline' : undefined, dataset: { action: a.enabled ? 'disable' : 'enable' } },
      a.enabled ? 'Disable agency' : 'Enable agency', h('span', { class: 'visually-hidden' }, ` ${a.name}`));
    toggle.addEventListener('click', () => {
      if (!a.enabled) { change(toggle); return; }
      // disabling stops every system of the agency at once: ask first
      clear(confirmArea);
      const yes = h('button', { type: 'button', class: 'warning', dataset: { action: 'confirm-disable' }, onclick: () => change(yes) }, 'Yes, disable it');
      confirmArea.append(h('div', { class: 'alert warn', role: 'group', 'aria-label': `Confirm disabling ${a.name}` },
        h('p', {}, `Disable ${a.name} (${a.code})? Its ${(a.clients || []).length} client${(a.clients || []).length === 1 ? '' : 's'} will be refused tokens and their current tokens stop working at once.`),
        h('div', { class: 'actions' }, yes, h('button', { type: 'button', class: 'secondary', onclick: () => { clear(confirmArea); toggle.focus(); } }, 'Cancel'))));
      yes.focus();
    });
    const li = h('li', { class: `item ${a.enabled ? 'permit' : 'deny'}`, dataset: { agency: a.code } },
      h('h3', { class: 'sentence' }, `${a.name} (${a.code})`),
      h('p', { class: 'meta' }, `${label.orgType(a.org_type)}; ${a.enabled ? 'enabled' : 'DISABLED'}; registered ${formatDateTime(a.created_at)}`),
      a.clients && a.clients.length ? table({ caption: `Clients of ${a.name}`, captionHidden: true, columns: [
        { label: 'Client id', cell: (c) => h('code', {}, c.client_id) },
        { label: 'Authentication', cell: (c) => c.token_endpoint_auth_method },
        { label: 'Scopes', cell: (c) => (c.scopes || []).join(' ') },
        { label: 'Status', cell: (c) => c.enabled ? 'Enabled' : 'Disabled' },
        { label: 'Secret rotated', cell: (c) => c.secret_rotated_at ? formatDateTime(c.secret_rotated_at) : '—' },
        { label: 'Actions', cell: (c) => clientActions(a, c, itemStatus) },
      ], rows: a.clients }) : h('p', { class: 'muted' }, 'No clients yet.'),
      itemStatus,
      h('div', { class: 'actions' }, toggle,
        h('button', { type: 'button', class: 'secondary', onclick: () => clientForm(a, clientArea, itemStatus) }, 'Add a client', h('span', { class: 'visually-hidden' }, ` to ${a.name}`))),
      confirmArea, clientArea);
    return li;
  }

  function clientActions(a, c, itemStatus) {
    const base = `/api/admin/agencies/${encodeURIComponent(a.code)}/clients/${encodeURIComponent(c.client_id)}`;
    const usesSecret = c.token_endpoint_auth_method && c.token_endpoint_auth_method.startsWith('client_secret');
    const rotate = usesSecret ? h('button', { type: 'button', class: 'link' }, 'Rotate secret', h('span', { class: 'visually-hidden' }, ` of ${c.client_id}`)) : null;
    if (rotate) {
      rotate.addEventListener('click', () => busy(rotate, itemStatus, async () => {
        const result = await api.post(`${base}/secret`);
        showSecret(itemStatus, result, 'New client secret');
        await load();
        // the list was redrawn: show the secret once more at the top, where it stays until the next action
        showSecret(status, result, 'New client secret');
      }));
    }
    const toggle = h('button', { type: 'button', class: 'link' }, c.enabled ? 'Disable' : 'Enable', h('span', { class: 'visually-hidden' }, ` client ${c.client_id}`));
    toggle.addEventListener('click', () => busy(toggle, itemStatus, async () => {
      await api.post(`${base}/${c.enabled ? 'disable' : 'enable'}`);
      show(status, successBox(c.enabled ? 'Client disabled' : 'Client enabled', h('p', {}, c.client_id)));
      await load();
    }));
    return h('span', { class: 'actions' }, rotate, toggle);
  }

  function clientForm(a, area, itemStatus) {
    clear(area);
    const formStatus = liveRegion();
    const form = h('form', { class: 'panel', 'aria-label': `New client for ${a.name}` },
      h('h3', { tabindex: '-1' }, `New client for ${a.name}`),
      textField({ name: 'client_id', label: 'Client id (optional)', hint: 'Leave empty to have one generated from the agency code.' }),
      selectField({ name: 'auth', label: 'Client authentication', options: [
        ['client_secret_basic', 'Client secret (HTTP Basic)'], ['client_secret_post', 'Client secret (form post)'],
        ['private_key_jwt', 'Private key JWT (give a JWK Set URL)'], ['none', 'None: public client with PKCE']] }),
      checkboxes({ name: 'grant_types', legend: 'Grant types', values: ['client_credentials'],
        options: [['client_credentials', 'Client credentials'], ['authorization_code', 'Authorization code'], ['refresh_token', 'Refresh token']] }),
      checkboxes({ name: 'scopes', legend: 'Scopes', values: ['decision'], options: AGENCY_SCOPES }),
      textField({ name: 'redirect_uris', label: 'Redirect URIs (for authorization code)', hint: 'Separated by spaces.' }),
      textField({ name: 'jwks_uri', label: 'JWK Set URL (for private key JWT)' }),
      formStatus,
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Register client'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(area) }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      const body = {
        client_id: v.one('client_id') || null,
        token_endpoint_auth_method: v.one('auth'),
        grant_types: v.all('grant_types'),
        scopes: v.all('scopes'),
        redirect_uris: v.one('redirect_uris') ? v.one('redirect_uris').split(/\s+/) : [],
        jwks_uri: v.one('jwks_uri') || null,
      };
      busy(form.querySelector('button[type=submit]'), formStatus, async () => {
        const client = await api.post(`/api/admin/agencies/${encodeURIComponent(a.code)}/clients`, body);
        clear(area);
        await load();
        if (client.client_secret) showSecret(status, client, 'Client registered');
        else show(status, successBox('Client registered', h('p', {}, client.client_id)));
      });
    });
    area.append(form);
    form.querySelector('h3').focus();
  }

  function showSecret(region, client, title) {
    show(region, h('div', { class: 'alert warn', role: 'alert', id: 'new-secret' },
      h('h2', {}, title),
      h('p', {}, `Client `, h('code', {}, client.client_id), `. Copy the secret now: Concord keeps only a digest and will not show it again.`),
      h('code', { class: 'secret', id: 'secret-value', tabindex: '0' }, client.client_secret),
      h('button', { type: 'button', class: 'secondary', onclick: (e) => {
        navigator.clipboard?.writeText(client.client_secret).then(() => announce('Secret copied'), () => {});
        e.currentTarget.textContent = 'Copied';
      } }, 'Copy the secret'),
      ' ',
      h('button', { type: 'button', class: 'link', onclick: () => clear(region) }, 'I have stored it: hide')));
  }

  await load();
}

// ---------------------------------------------------------------- people

export async function people(root) {
  const status = liveRegion({ id: 'people-status' });
  const listArea = h('div', { id: 'people-list' });
  const editArea = h('div');
  root.append(status, createForm(), listArea, editArea);

  function createForm() {
    const formStatus = liveRegion();
    const form = h('form', { class: 'panel', id: 'create-person' },
      h('h2', {}, 'Create an account'),
      h('div', { class: 'form-row' },
        textField({ name: 'username', label: 'Username', required: true, hint: 'Letters, digits, . _ - @' }),
        textField({ name: 'display_name', label: 'Display name (optional)' }),
        textField({ name: 'password', label: 'Initial password', type: 'password', required: true, autocomplete: 'new-password', hint: 'At least 12 characters.' }),
        textField({ name: 'nhs_number', label: 'NHS number (citizens only)', inputmode: 'numeric' })),
      checkboxes({ name: 'roles', legend: 'Roles', options: PERSON_ROLES }),
      formStatus,
      h('button', { type: 'submit' }, 'Create account'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      busy(form.querySelector('button'), formStatus, async () => {
        const person = await api.post('/api/admin/people', {
          username: v.one('username'), password: v.one('password'), display_name: v.one('display_name') || null,
          roles: v.all('roles'), nhs_number: v.one('nhs_number').replace(/[\s-]/g, '') || null,
        });
        form.reset();
        clear(formStatus);
        show(status, successBox('Account created', h('p', {}, `${person.username} (${person.roles.join(', ')})`)));
        await load();
      });
    });
    return form;
  }

  async function load() {
    const list = await busy(null, listArea, () => api.get('/api/admin/people'));
    if (!list) return;
    show(listArea, h('h2', {}, `Accounts (${list.length})`),
      table({ caption: 'Accounts', captionHidden: true, columns: [
        { label: 'Username', cell: (p) => p.username },
        { label: 'Name', cell: (p) => p.display_name || '—' },
        { label: 'Roles', cell: (p) => p.roles.map((r) => (PERSON_ROLES.find((x) => x[0] === r) || [r, r])[1]).join(', ') },
        { label: 'NHS number', cell: (p) => p.nhs_number || '—' },
        { label: 'Status', cell: (p) => p.enabled ? 'Enabled' : 'Disabled' },
        { label: 'Actions', cell: (p) => h('span', { class: 'actions' },
          h('button', { type: 'button', class: 'link', onclick: () => editRoles(p) }, 'Change roles', h('span', { class: 'visually-hidden' }, ` of ${p.username}`)),
          toggleButton(p)) },
      ], rows: list }));
  }

  function toggleButton(p) {
    const button = h('button', { type: 'button', class: 'link' }, p.enabled ? 'Disable' : 'Enable', h('span', { class: 'visually-hidden' }, ` ${p.username}`));
    button.addEventListener('click', () => busy(button, status, async () => {
      await api.post(`/api/admin/people/${encodeURIComponent(p.username)}/${p.enabled ? 'disable' : 'enable'}`);
      show(status, successBox(p.enabled ? 'Account disabled' : 'Account enabled', h('p', {}, p.username)));
      await load();
    }));
    return button;
  }

  function editRoles(p) {
    clear(editArea);
    const formStatus = liveRegion();
    const form = h('form', { class: 'panel', 'aria-label': `Roles of ${p.username}` },
      h('h2', { tabindex: '-1' }, `Roles of ${p.username}`),
      checkboxes({ name: 'roles', legend: 'Roles', options: PERSON_ROLES, values: p.roles }),
      textField({ name: 'nhs_number', label: 'NHS number (required for citizens)', value: p.nhs_number || '', inputmode: 'numeric' }),
      formStatus,
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Save roles'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(editArea) }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      busy(form.querySelector('button[type=submit]'), formStatus, async () => {
        const person = await api.put(`/api/admin/people/${encodeURIComponent(p.username)}/roles`, {
          roles: v.all('roles'), nhs_number: v.one('nhs_number').replace(/[\s-]/g, '') || null });
        clear(editArea);
        show(status, successBox('Roles saved', h('p', {}, `${person.username}: ${person.roles.join(', ')}`)));
        await load();
      });
    });
    editArea.append(form);
    form.querySelector('h2').focus();
  }

  await load();
}
