// Administration views: agencies and their OAuth clients, people and their roles.
import * as api from '../api.js';
import {
  h, clear, show, busy, errorBox, successBox, liveRegion, announce, textField, selectField, checkboxes,
  textareaField, formValues, formatDateTime, table, onSubmit,
} from '../ui.js';
import { ORG_TYPES, PERSON_ROLES, AGENCY_SCOPES, options, label } from '../vocab.js';
import { nameWithCode } from '../directory.js';

// ---------------------------------------------------------------- agencies

const AGENCY_WORDS = {
  name: 'Enter the agency\'s name (at most 200 characters)',
  org_type: 'Choose the organisation type',
  town: 'The town can be at most 100 characters',
};

const agencyHref = (code) => `./admin/agencies/${encodeURIComponent(code)}`;
const clientHref = (code, clientId) => `${agencyHref(code)}/clients/${encodeURIComponent(clientId)}`;

/** "GP practice · Leeds", or the type alone when the agency has no town. */
function agencyKind(a) {
  return a.town ? `${label.orgType(a.org_type)} · ${a.town}` : label.orgType(a.org_type);
}

export async function agencies(root) {
  const status = liveRegion({ id: 'agency-status' });
  const listArea = h('div', { id: 'agency-list' });
  root.append(status, registerForm(), listArea);

  function registerForm() {
    const form = h('form', { class: 'panel', id: 'register-agency' },
      h('h2', {}, 'Register an agency'),
      h('div', { class: 'form-row' },
        textField({ name: 'code', label: 'Organisation code', required: true, hint: 'ODS code, 3 to 8 capital letters or digits', missing: 'Enter the organisation code, for example A81001' }),
        textField({ name: 'name', label: 'Name', required: true, missing: 'Enter the agency\'s name' }),
        selectField({ name: 'org_type', label: 'Organisation type', options: options(ORG_TYPES) }),
        textField({ name: 'town', label: 'Town (optional)', maxlength: 100 })),
      h('button', { type: 'submit' }, 'Register agency'));
    onSubmit(form, async (v) => {
      const agency = await api.post('/api/admin/agencies', { code: v.one('code').toUpperCase(), name: v.one('name'), org_type: v.one('org_type'), town: v.one('town') || null });
      form.reset();
      show(status, successBox('Agency registered', h('p', {}, `${agency.name} (${agency.code}) can now be given clients.`)));
      await load();
    }, { plain: { ...AGENCY_WORDS, code: 'Enter the organisation code: 3 to 8 capital letters or digits, for example A81001' } });
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
      h('h3', { class: 'sentence' }, h('a', { href: agencyHref(a.code) }, nameWithCode(a.name, a.code))),
      h('p', { class: 'meta' }, `${agencyKind(a)}; ${a.enabled ? 'enabled' : 'DISABLED'}; registered ${formatDateTime(a.created_at)}`),
      a.clients && a.clients.length ? table({ caption: `Clients of ${a.name}`, captionHidden: true, columns: [
        { label: 'Client id', cell: (c) => h('a', { href: clientHref(a.code, c.client_id) }, h('code', {}, c.client_id)) },
        { label: 'Authentication', cell: (c) => c.token_endpoint_auth_method },
        { label: 'Scopes', cell: (c) => (c.scopes || []).join(' ') },
        { label: 'Status', cell: (c) => c.enabled ? 'Enabled' : 'Disabled' },
        { label: 'Secret rotated', cell: (c) => c.secret_rotated_at ? formatDateTime(c.secret_rotated_at) : '—' },
        { label: 'Actions', cell: (c) => clientActions(a, c, itemStatus) },
      ], rows: a.clients }) : h('p', { class: 'muted' }, 'No clients yet.'),
      itemStatus,
      h('div', { class: 'actions' }, toggle,
        h('a', { href: agencyHref(a.code), class: 'button secondary', dataset: { action: 'edit' } }, 'Change details and clients', h('span', { class: 'visually-hidden' }, ` of ${a.name}`)),
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
    const change = h('a', { href: clientHref(a.code, c.client_id), dataset: { action: 'change-client' } }, 'Change', h('span', { class: 'visually-hidden' }, ` client ${c.client_id}`));
    return h('span', { class: 'actions' }, change, rotate, toggle);
  }

  function clientForm(a, area, itemStatus) {
    clear(area);
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
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Register client'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(area) }, 'Cancel')));
    onSubmit(form, async (v) => {
      const body = {
        client_id: v.one('client_id') || null,
        token_endpoint_auth_method: v.one('auth'),
        grant_types: v.all('grant_types'),
        scopes: v.all('scopes'),
        redirect_uris: v.one('redirect_uris') ? v.one('redirect_uris').split(/\s+/) : [],
        jwks_uri: v.one('jwks_uri') || null,
      };
      const client = await api.post(`/api/admin/agencies/${encodeURIComponent(a.code)}/clients`, body);
      clear(area);
      await load();
      if (client.client_secret) showSecret(status, client, 'Client registered');
      else show(status, successBox('Client registered', h('p', {}, client.client_id)));
    }, { plain: {
      scopes: 'Choose at least one scope', grant_types: 'Choose at least one grant type',
      client_id: 'The client id must be 3 to 100 letters, digits, dots, hyphens or underscores',
      redirect_uris: (m) => `Redirect URIs: ${m}`, jwks_uri: (m) => `JWK Set URL: ${m}`,
      token_endpoint_auth_method: (m) => `Client authentication: ${m}`,
    } });
    area.append(form);
    form.querySelector('h3').focus();
  }

  await load();
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


const GRANT_TYPES = [['client_credentials', 'Client credentials'], ['authorization_code', 'Authorization code'], ['refresh_token', 'Refresh token']];

const CLIENT_WORDS = {
  client_name: 'Enter the display name (at most 200 characters)',
  scopes: (m) => (m.startsWith('must') ? 'Choose at least one scope' : `Scopes: ${m}`),
  grant_types: (m) => (m.startsWith('must') ? 'Choose at least one grant type' : `Grant types: ${m}`),
  redirect_uris: (m) => `Redirect URIs: ${m}`,
};

function backToAgencies() {
  return h('p', {}, h('a', { href: './admin/agencies', class: 'back-link' }, 'Back to agencies and clients'));
}

// ---------------------------------------------------------------- one agency: its details and its clients

export async function agency(root, { params, setTitle }) {
  const path = `/api/admin/agencies/${encodeURIComponent(params.code)}`;
  const status = liveRegion({ id: 'agency-status' });
  const area = h('div', { id: 'agency-page' });
  root.append(backToAgencies(), status, area);

  async function load() {
    const a = await busy(null, area, () => api.get(path));
    if (!a) return;
    setTitle(`${a.name} (${a.code})`);
    clear(area);
    area.append(
      h('dl', { class: 'dl', id: 'agency-facts' },
        h('dt', {}, 'Organisation code'), h('dd', { class: 'mono' }, a.code),
        h('dt', {}, 'Kind'), h('dd', {}, agencyKind(a)),
        h('dt', {}, 'Status'), h('dd', {}, a.enabled ? 'Enabled' : 'Disabled: its clients get no tokens'),
        h('dt', {}, 'Registered'), h('dd', {}, formatDateTime(a.created_at)),
        h('dt', {}, 'Last changed'), h('dd', {}, formatDateTime(a.updated_at))),
      editForm(a),
      h('h2', {}, `Clients of ${a.name} (${(a.clients || []).length})`),
      table({ caption: `Clients of ${a.name}`, captionHidden: true, empty: 'No clients yet. Add one from the list of agencies.', columns: [
        { label: 'Client id', cell: (c) => h('code', {}, c.client_id) },
        { label: 'Display name', cell: (c) => c.client_name || '—' },
        { label: 'Grant types', cell: (c) => (c.grant_types || []).join(' ') },
        { label: 'Scopes', cell: (c) => (c.scopes || []).join(' ') },
        { label: 'Redirect URIs', cell: (c) => (c.redirect_uris || []).join(' ') || '—' },
        { label: 'Status', cell: (c) => (c.enabled ? 'Enabled' : 'Disabled') },
        { label: 'Actions', cell: (c) => h('a', { href: clientHref(a.code, c.client_id), dataset: { action: 'change-client' } }, 'Change', h('span', { class: 'visually-hidden' }, ` client ${c.client_id}`)) },
      ], rows: a.clients || [] }));
  }

  function editForm(a) {
    const form = h('form', { class: 'panel', id: 'edit-agency', 'aria-labelledby': 'edit-agency-title' },
      h('h2', { id: 'edit-agency-title' }, 'Change the agency\'s details'),
      h('p', { class: 'hint' }, 'The organisation code cannot change: people\'s choices name the agency by it.'),
      textField({ name: 'name', label: 'Name', value: a.name, required: true, missing: 'Enter the agency\'s name' }),
      selectField({ name: 'org_type', label: 'Organisation type', value: a.org_type, options: options(ORG_TYPES) }),
      textField({ name: 'town', label: 'Town (optional)', value: a.town || '', hint: 'Shown to people beside the name when they choose an organisation.' }),
      h('button', { type: 'submit', id: 'save-agency' }, 'Save changes'));
    onSubmit(form, async (v) => {
      const changed = await api.put(path, { name: v.one('name'), org_type: v.one('org_type'), town: v.one('town') || null });
      await load();
      show(status, successBox('Agency changed',
        h('p', {}, `Before: ${a.name}, ${agencyKind(a)}. Now: ${changed.name}, ${agencyKind(changed)}.`)));
      status.querySelector('h2').setAttribute('tabindex', '-1');
      status.querySelector('h2').focus();
    }, { plain: AGENCY_WORDS });
    return form;
  }

  await load();
}

// ---------------------------------------------------------------- one client: change it after registration

export async function client(root, { params, setTitle }) {
  const agencyPath = `/api/admin/agencies/${encodeURIComponent(params.code)}`;
  const path = `${agencyPath}/clients/${encodeURIComponent(params.client)}`;
  const status = liveRegion({ id: 'client-status' });
  const area = h('div', { id: 'client-page' });
  const back = h('a', { href: agencyHref(params.code), class: 'back-link' }, 'Back to the agency');
  root.append(h('p', {}, back), status, area);

  async function load() {
    // the agency's name, read afresh (it may have just been changed); without it the code is shown
    const [c, a] = await busy(null, area, () => Promise.all([api.get(path), api.get(agencyPath).catch(() => null)])) || [];
    if (!c) return;
    setTitle(`Client ${c.client_id}`);
    if (a) back.textContent = `Back to ${a.name}`;
    clear(area);
    area.append(
      h('dl', { class: 'dl', id: 'client-facts' },
        h('dt', {}, 'Client id'), h('dd', { class: 'mono' }, c.client_id),
        h('dt', {}, 'Agency'), h('dd', {}, h('a', { href: agencyHref(c.agency_code) }, nameWithCode(a && a.name, c.agency_code))),
        h('dt', {}, 'Authentication'), h('dd', {}, c.token_endpoint_auth_method),
        h('dt', {}, 'Status'), h('dd', {}, c.enabled ? 'Enabled' : 'Disabled'),
        h('dt', {}, 'Registered'), h('dd', {}, formatDateTime(c.created_at)),
        h('dt', {}, 'Secret rotated'), h('dd', {}, c.secret_rotated_at ? formatDateTime(c.secret_rotated_at) : '—')),
      editForm(c));
  }

  function editForm(c) {
    const form = h('form', { class: 'panel', id: 'edit-client', 'aria-labelledby': 'edit-client-title' },
      h('h2', { id: 'edit-client-title' }, 'Change the client'),
      h('p', { class: 'hint' }, 'The client id and authentication method cannot change. To change a secret, rotate it from the list of agencies.'),
      textField({ name: 'client_name', label: 'Display name', value: c.client_name || '', required: true,
        hint: 'Shown to people when the client asks for their approval.', missing: 'Enter the display name' }),
      checkboxes({ name: 'grant_types', legend: 'Grant types', values: c.grant_types || [], options: GRANT_TYPES }),
      checkboxes({ name: 'scopes', legend: 'Scopes', values: c.scopes || [], options: AGENCY_SCOPES }),
      textareaField({ name: 'redirect_uris', label: 'Redirect URIs (for authorization code)', value: (c.redirect_uris || []).join('\n'),
        hint: 'One a line; each is matched exactly. https, or http on localhost only.' }),
      checkboxes({ name: 'require_consent', legend: 'People\'s approval', values: c.require_consent ? ['yes'] : [],
        options: [['yes', 'Ask people to approve this client (authorization code only)']] }),
      h('button', { type: 'submit', id: 'save-client' }, 'Save changes'));
    onSubmit(form, async (v) => {
      const changed = await api.put(path, {
        client_name: v.one('client_name'),
        grant_types: v.all('grant_types'),
        scopes: v.all('scopes'),
        redirect_uris: v.one('redirect_uris') ? v.one('redirect_uris').split(/\s+/).filter(Boolean) : [],
        require_consent: v.all('require_consent').includes('yes'),
      });
      await load();
      show(status, successBox('Client changed', h('p', {}, `${changed.client_id}: ${changed.scopes.join(' ')}`,
        changed.redirect_uris.length ? `; redirect URIs ${changed.redirect_uris.join(' ')}` : '')));
      status.querySelector('h2').setAttribute('tabindex', '-1');
      status.querySelector('h2').focus();
    }, { plain: CLIENT_WORDS, validate: (v) => [
      ...(v.all('grant_types').length ? [] : [{ field: 'grant_types', message: 'Choose at least one grant type' }]),
      ...(v.all('scopes').length ? [] : [{ field: 'scopes', message: 'Choose at least one scope' }]),
    ] });
    return form;
  }

  await load();
}

// ---------------------------------------------------------------- people

const PERSON_WORDS = {
  username: 'The username must be 3 to 100 letters, digits or . _ - @, starting with a letter or digit',
  password: 'The password must be 12 to 200 characters long',
  roles: 'Choose at least one role',
  nhs_number: (m) => `NHS number: ${m}`,
  display_name: 'The display name can be at most 200 characters',
};

/** The person's roles in words: "IG officer", not "ig-officer". */
const roleNames = (p) => (p.roles || []).map((r) => (PERSON_ROLES.find((x) => x[0] === r) || [r, r])[1]);

export async function people(root) {
  const status = liveRegion({ id: 'people-status' });
  const listArea = h('div', { id: 'people-list' });
  const editArea = h('div', { id: 'person-edit' });
  const search = h('input', { type: 'search', id: 'people-search', autocomplete: 'off', 'aria-describedby': 'people-search-hint' });
  const searchField = h('div', { class: 'field', role: 'search' },
    h('label', { for: 'people-search' }, 'Find an account'),
    h('p', { class: 'hint', id: 'people-search-hint' }, 'Part of a username, name, NHS number or role.'),
    search);
  let everyone = [];
  search.addEventListener('input', () => render());
  root.append(status, createForm(), searchField, listArea, editArea);

  function createForm() {
    const form = h('form', { class: 'panel', id: 'create-person' },
      h('h2', {}, 'Create an account'),
      h('div', { class: 'form-row' },
        textField({ name: 'username', label: 'Username', required: true, hint: 'Letters, digits, . _ - @' , missing: 'Enter a username' }),
        textField({ name: 'display_name', label: 'Display name (optional)' }),
        textField({ name: 'password', label: 'Initial password', type: 'password', required: true, autocomplete: 'new-password', hint: 'At least 12 characters.', missing: 'Enter an initial password of at least 12 characters' }),
        textField({ name: 'nhs_number', label: 'NHS number (citizens only)', inputmode: 'numeric' })),
      checkboxes({ name: 'roles', legend: 'Roles', options: PERSON_ROLES }),
      h('button', { type: 'submit' }, 'Create account'));
    onSubmit(form, async (v) => {
      const person = await api.post('/api/admin/people', {
        username: v.one('username'), password: v.one('password'), display_name: v.one('display_name') || null,
        roles: v.all('roles'), nhs_number: v.one('nhs_number').replace(/[\s-]/g, '') || null,
      });
      form.reset();
      show(status, successBox('Account created', h('p', {}, `${person.username} (${roleNames(person).join(', ')})`)));
      await load();
    }, { plain: PERSON_WORDS });
    return form;
  }

  async function load() {
    const list = await busy(null, listArea, () => api.get('/api/admin/people'));
    if (!list) return;
    everyone = list;
    render();
  }

  function render() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const matches = everyone.filter((p) => {
      const text = [p.username, p.display_name || '', p.nhs_number || '', ...p.roles, ...roleNames(p)].join(' ').toLowerCase();
      return words.every((w) => text.includes(w.replace(/\s/g, '')));
    });
    show(listArea, h('h2', {}, words.length ? `Accounts matching “${search.value.trim()}” (${matches.length} of ${everyone.length})` : `Accounts (${everyone.length})`),
      table({ caption: 'Accounts', captionHidden: true, columns: [
        { label: 'Username', cell: (p) => p.username },
        { label: 'Name', cell: (p) => p.display_name || '—' },
        { label: 'Roles', cell: (p) => roleNames(p).join(', ') },
        { label: 'NHS number', cell: (p) => p.nhs_number || '—' },
        { label: 'Status', cell: (p) => p.enabled ? 'Enabled' : 'Disabled' },
        { label: 'Actions', cell: (p) => h('span', { class: 'actions' },
          h('button', { type: 'button', class: 'link', onclick: () => editRoles(p) }, 'Change roles', h('span', { class: 'visually-hidden' }, ` of ${p.username}`)),
          h('button', { type: 'button', class: 'link', dataset: { action: 'reset-password' }, onclick: () => resetPassword(p) }, 'Reset password', h('span', { class: 'visually-hidden' }, ` of ${p.username}`)),
          toggleButton(p)) },
      ], rows: matches, empty: 'No account matches. Try part of the username or name.' }));
  }

  function resetPassword(p) {
    clear(editArea);
    const form = h('form', { class: 'panel', id: 'reset-password', 'aria-label': `New password for ${p.username}` },
      h('h2', { tabindex: '-1' }, `New password for ${p.username}`),
      h('p', {}, 'Tell the person their new password in person or by phone, never by email. They can sign in with it at once; the old one stops working.'),
      textField({ name: 'password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password',
        hint: 'At least 12 characters.', missing: 'Enter a new password of at least 12 characters' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Set the new password'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(editArea) }, 'Cancel')));
    onSubmit(form, async (v) => {
      await api.put(`/api/admin/people/${encodeURIComponent(p.username)}/password`, { password: v.one('password') });
      clear(editArea);
      show(status, successBox('Password reset', h('p', {}, `${p.username} can now sign in with the new password. The reset is recorded in the audit log.`)));
    }, { plain: PERSON_WORDS });
    editArea.append(form);
    form.querySelector('h2').focus();
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
    const form = h('form', { class: 'panel', 'aria-label': `Roles of ${p.username}` },
      h('h2', { tabindex: '-1' }, `Roles of ${p.username}`),
      checkboxes({ name: 'roles', legend: 'Roles', options: PERSON_ROLES, values: p.roles }),
      textField({ name: 'nhs_number', label: 'NHS number (required for citizens)', value: p.nhs_number || '', inputmode: 'numeric' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Save roles'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(editArea) }, 'Cancel')));
    onSubmit(form, async (v) => {
      const person = await api.put(`/api/admin/people/${encodeURIComponent(p.username)}/roles`, {
        roles: v.all('roles'), nhs_number: v.one('nhs_number').replace(/[\s-]/g, '') || null });
      clear(editArea);
      show(status, successBox('Roles saved', h('p', {}, `${person.username}: ${roleNames(person).join(', ')}`)));
      await load();
    }, { plain: PERSON_WORDS });
    editArea.append(form);
    form.querySelector('h2').focus();
  }

  await load();
}
