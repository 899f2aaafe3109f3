// The console's shell: routes, navigation by role, sign-in state. Views live in views/*.js.
import { completeSignIn, currentUser, hasExpiredToken, signIn, signOut, currentRoute, forgetToken } from './auth.js';
import { h, clear, errorBox, pageHeading, announce } from './ui.js';
import * as citizen from './views/citizen.js';
import * as ig from './views/ig.js';
import * as admin from './views/admin.js';
import * as record from './views/record.js';

const ROUTES = [
  { path: '/me/directives', title: 'My consent choices', role: 'citizen', nav: 'My choices', view: citizen.directives,
    blurb: 'See, add, change or revoke who may see your records, and the national data opt-out.' },
  { path: '/me/preview', title: 'Check who can see my records', role: 'citizen', nav: 'Check access', view: citizen.preview,
    blurb: 'Ask Concord what it would decide, for example “Would an A&E clinician see my medications now?”' },
  { path: '/me/record', title: 'Where my records are', role: 'citizen', nav: 'My records', view: record.locations,
    blurb: 'The organisations and apps that told Concord they hold records about you. Concord never holds the records.' },
  { path: '/me/who-can-see', title: 'Who can see what', role: 'citizen', nav: 'Who can see', view: record.access,
    blurb: 'Each organisation and kind of organisation against each kind of record: what Concord would allow today.' },
  { path: '/me/sources', title: 'My apps and devices', role: 'citizen', nav: 'My apps', view: record.sources,
    blurb: 'Apps and devices you connected as sources of your own data; disconnect them here.' },
  { path: '/me/access', title: 'Who accessed my records', role: 'citizen', nav: 'Who looked', view: citizen.accessLog,
    blurb: 'Every request for your records, allowed or refused, and why.' },
  { path: '/me/receipts', title: 'My consent receipts', role: 'citizen', nav: 'Receipts', view: citizen.receipts,
    blurb: 'Signed receipts for every change to your consent.' },
  { path: '/ig/audit', title: 'Audit log', role: 'ig-officer', nav: 'Audit log', view: ig.audit,
    blurb: 'Search every decision with its explanation; export as CSV or FHIR.' },
  { path: '/ig/break-glass', title: 'Break-glass reviews', role: 'ig-officer', nav: 'Break glass', view: ig.breakGlass,
    blurb: 'Review emergency accesses and record whether they were justified.' },
  { path: '/ig/identity', title: 'Identity-match reviews', role: 'ig-officer', nav: 'Identity matches', view: ig.identityReviews,
    blurb: 'Accept or reject possible record matches that need a person to decide.' },
  { path: '/ig/stats', title: 'Decision statistics', role: 'ig-officer', nav: 'Statistics', view: ig.stats,
    blurb: 'Decisions over time, denials by reason and break-glass counts.' },
  { path: '/ig/verify', title: 'Audit chain check', role: ['ig-officer', 'admin'], nav: 'Chain check', view: ig.verify,
    blurb: 'Check that no audit record was changed, removed or reordered.' },
  { path: '/admin/agencies', title: 'Agencies and clients', role: 'admin', nav: 'Agencies', view: admin.agencies,
    blurb: 'Register agencies and their systems, change them, disable them, rotate secrets.' },
  // pages reached from the agency list (no entry of their own in the navigation)
  { path: '/admin/agencies/:code', title: 'Agency', role: 'admin', section: '/admin/agencies', view: admin.agency },
  { path: '/admin/agencies/:code/clients/:client', title: 'Client', role: 'admin', section: '/admin/agencies', view: admin.client },
  { path: '/admin/people', title: 'People and roles', role: 'admin', nav: 'People', view: admin.people,
    blurb: 'Create accounts, change roles, disable accounts.' },
];

const ROLE_NAMES = { citizen: 'Citizen', 'ig-officer': 'IG officer', admin: 'Administrator' };

/** The route of a path and its parameters (":code" segments), or undefined. */
function matchRoute(path) {
  const parts = path.split('/');
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    const same = pattern.every((p, i) => {
      if (!p.startsWith(':')) return p === parts[i];
      if (!parts[i]) return false;
      try {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
      } catch {
        return false;
      }
      return true;
    });
    if (same) return { route, params };
  }
  return undefined;
}

function allowed(route, user) {
  if (!user) return false;
  const roles = Array.isArray(route.role) ? route.role : [route.role];
  return roles.some((r) => user.roles.includes(r));
}

function routePath() {
  const path = location.pathname.replace(/^\/console/, '').replace(/\/+$/, '');
  return path || '/';
}

export function navigate(path, { replace = false } = {}) {
  const url = `/console${path === '/' ? '/' : path}`;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render();
}

function renderAccount(user) {
  const account = clear(document.getElementById('account'));
  if (user) {
    const roles = user.roles.map((r) => ROLE_NAMES[r] || r).join(', ');
    account.append(
      h('span', { class: 'who' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), user.username,
        roles ? ` (${roles})` : ''),
      h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: () => signOut() }, 'Sign out'));
  } else {
    const back = ['/signed-out', '/callback'].includes(routePath()) ? '/' : currentRoute();
    account.append(h('button', { type: 'button', class: 'secondary', id: 'sign-in', onclick: () => signIn(back) }, 'Sign in'));
  }
}

function renderNav(user, current) {
  const nav = clear(document.getElementById('nav'));
  if (!user) {
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  const items = [h('li', {}, h('a', { href: './', 'aria-current': current === '/' ? 'page' : undefined }, 'Home'))];
  const section = (matchRoute(current) || {}).route;
  for (const route of ROUTES.filter((r) => r.nav && allowed(r, user))) {
    const here = current === route.path || (section && section.section === route.path);
    items.push(h('li', {}, h('a', { href: `.${route.path}`, 'aria-current': here ? 'page' : undefined }, route.nav)));
  }
  nav.append(h('ul', {}, items));
}

function home(main, user) {
  if (!user) {
    main.append(
      ...pageHeading('Concord', 'Manage consent to share health and care records, review access, and run the service.'),
      h('div', { class: 'panel' },
        h('h2', {}, 'Sign in'),
        h('p', {}, 'Citizens can see and change who may see their records. Information governance officers review access. Administrators manage agencies and accounts.'),
        h('button', { type: 'button', id: 'sign-in-main', onclick: () => signIn('/') }, 'Sign in to Concord')));
    return;
  }
  const mine = ROUTES.filter((r) => r.nav && allowed(r, user));
  main.append(...pageHeading(`Welcome, ${user.username}`, mine.length ? 'What would you like to do?' : 'Your account has no role in the console yet. Ask an administrator.'));
  main.append(h('div', { class: 'card-grid' }, mine.map((r) => h('div', { class: 'card' },
    h('h2', {}, h('a', { href: `.${r.path}` }, r.title)), h('p', {}, r.blurb)))));
}

async function callback(main) {
  main.append(h('p', { class: 'loading', role: 'status' }, 'Signing you in…'));
  try {
    const returnTo = await completeSignIn(location.search);
    navigate(returnTo.startsWith('/') ? returnTo : '/', { replace: true });
  } catch (error) {
    clear(main);
    main.append(...pageHeading('Sign-in failed'), errorBox(error),
      h('button', { type: 'button', onclick: () => signIn('/') }, 'Try again'));
    history.replaceState(null, '', '/console/callback');
  }
}

export async function render() {
  const main = clear(document.getElementById('main'));
  const path = routePath();
  if (path === '/callback') {
    renderAccount(null);
    renderNav(null, path);
    await callback(main);
    return;
  }
  if (hasExpiredToken()) {
    // silent re-login: the authorization endpoint answers at once while the sign-in session lasts
    forgetToken();
    main.append(h('p', { class: 'loading', role: 'status' }, 'Your session has expired. Signing you in again…'));
    signIn(currentRoute());
    return;
  }
  const user = currentUser();
  renderAccount(user);
  renderNav(user, path);
  if (path === '/signed-out') {
    main.append(...pageHeading('You have signed out'),
      h('p', {}, 'Your access token has been forgotten and your sign-in session has ended.'),
      h('button', { type: 'button', onclick: () => signIn('/') }, 'Sign in again'));
    focusHeading();
    return;
  }
  const { route, params } = matchRoute(path) || {};
  if (path === '/' || !route) {
    if (path !== '/' && !route) {
      main.append(...pageHeading('Page not found'), h('p', {}, h('a', { href: './' }, 'Go to the start page')));
    } else {
      home(main, user);
    }
    document.title = 'Concord console';
    focusHeading();
    return;
  }
  document.title = `${route.title} - Concord console`;
  if (!user) {
    main.append(...pageHeading(route.title), h('p', {}, 'You need to sign in to see this page.'),
      h('button', { type: 'button', onclick: () => signIn(currentRoute()) }, 'Sign in'));
    focusHeading();
    return;
  }
  if (!allowed(route, user)) {
    main.append(...pageHeading(route.title),
      h('div', { class: 'alert warn', role: 'alert' }, h('p', {}, 'Your account does not have access to this page.')));
    focusHeading();
    return;
  }
  main.append(...pageHeading(route.title, route.blurb));
  const content = h('div', { id: 'view' });
  main.append(content);
  focusHeading();
  // a page about one thing (an agency, a client) names it in its heading and title once loaded
  const setTitle = (text) => {
    document.getElementById('page-title').textContent = text;
    document.title = `${text} - Concord console`;
  };
  try {
    await route.view(content, { user, navigate, params, setTitle });
  } catch (error) {
    content.append(errorBox(error));
  }
}

let firstRender = true;
function focusHeading() {
  if (firstRender) { firstRender = false; return; }
  const heading = document.getElementById('page-title');
  if (heading) heading.focus();
  announce(document.title);
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || link.hasAttribute('download') || link.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/console/') || url.hash) return;
  event.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  render();
});
window.addEventListener('popstate', () => render());

render();
