// Sign-in through Concord's own authorization endpoint: authorization code + PKCE S256 (RFC 7636) for the
// public client "concord-console". Tokens live in sessionStorage (this tab only) and are cleared on sign-out.

export const CLIENT_ID = 'concord-console';
const TOKEN_KEY = 'concord.console.token';
const FLOW_KEY = 'concord.console.flow';
const EXPIRY_MARGIN_MS = 30_000;

export function redirectUri() {
  return `${location.origin}/console/callback`;
}

function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Starts the authorization code flow; the browser leaves the page. */
export async function signIn(returnTo = currentRoute()) {
  const verifier = randomString(48); // 64 characters, within RFC 7636's 43..128
  const state = randomString(24);
  sessionStorage.setItem(FLOW_KEY, JSON.stringify({ verifier, state, returnTo, started: Date.now() }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`/oauth2/authorize?${params}`);
}

/** Error raised when the authorization response or the token exchange fails. */
export class SignInError extends Error {
  constructor(title, detail) {
    super(detail || title);
    this.title = title;
    this.detail = detail;
  }
}

/**
 * Completes the flow on /console/callback: checks state, exchanges the code with the PKCE verifier, stores the
 * token. Returns the route to go back to.
 */
export async function completeSignIn(search) {
  const params = new URLSearchParams(search);
  const flow = JSON.parse(sessionStorage.getItem(FLOW_KEY) || 'null');
  sessionStorage.removeItem(FLOW_KEY);
  if (params.get('error')) {
    throw new SignInError('Sign-in was refused', params.get('error_description') || params.get('error'));
  }
  if (!flow || !params.get('state') || params.get('state') !== flow.state) {
    throw new SignInError('Sign-in could not be completed',
      'This sign-in response does not belong to a sign-in started in this tab. Please sign in again.');
  }
  const code = params.get('code');
  if (!code) {
    throw new SignInError('Sign-in could not be completed', 'The response has no authorization code.');
  }
  const response = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: CLIENT_ID,
      code_verifier: flow.verifier,
    }),
    credentials: 'same-origin',
  });
  let body = {};
  try { body = await response.json(); } catch { /* not JSON */ }
  if (!response.ok || !body.access_token) {
    throw new SignInError('Sign-in could not be completed',
      body.error_description || body.error || `The token endpoint answered ${response.status}.`);
  }
  const claims = decodeClaims(body.access_token);
  const expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + (body.expires_in || 300) * 1000;
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({
    accessToken: body.access_token,
    idToken: body.id_token || null,
    expiresAt,
  }));
  return flow.returnTo || '/';
}

/** The JWT payload, for display and menus only: the server checks every request itself. */
export function decodeClaims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = part + '='.repeat((4 - (part.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

function stored() {
  try {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
  } catch {
    return null;
  }
}

/** The current access token, or null when signed out or expired. */
export function accessToken() {
  const token = stored();
  if (!token || Date.now() > token.expiresAt - EXPIRY_MARGIN_MS) return null;
  return token.accessToken;
}

/** True when a token was obtained in this tab but has expired: sign in again (silently if the session lives). */
export function hasExpiredToken() {
  const token = stored();
  return !!token && Date.now() > token.expiresAt - EXPIRY_MARGIN_MS;
}

/** Who is signed in: username, roles, NHS number (citizens), or null. */
export function currentUser() {
  const token = accessToken();
  if (!token) return null;
  const claims = decodeClaims(token);
  return {
    username: claims.sub,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
    nhsNumber: claims.nhs_number || null,
    expiresAt: new Date(claims.exp * 1000),
  };
}

export function hasRole(role) {
  const user = currentUser();
  return !!user && user.roles.includes(role);
}

/**
 * Signs out: forgets the tokens, then ends the sign-in session at Concord through OpenID Connect RP-initiated
 * logout, which returns to /console/signed-out.
 */
export function signOut() {
  const token = stored();
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(FLOW_KEY);
  if (token && token.idToken) {
    const params = new URLSearchParams({
      id_token_hint: token.idToken,
      client_id: CLIENT_ID,
      post_logout_redirect_uri: `${location.origin}/console/signed-out`,
    });
    location.assign(`/connect/logout?${params}`);
  } else {
    location.assign('/console/signed-out');
  }
}

/** Forgets the token without ending the server session (used when the token is rejected). */
export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function currentRoute() {
  const path = location.pathname.replace(/^\/console/, '') || '/';
  return path + location.search;
}
