// Calls to Concord's REST APIs with the bearer token. Errors become ApiError with the RFC 9457 problem's
// title and detail (never a stack trace or raw body).
import { accessToken, hasExpiredToken, signIn, forgetToken } from './auth.js';

export class ApiError extends Error {
  constructor(status, title, detail, problem = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

const FALLBACK_TITLES = {
  400: 'The request is not valid',
  401: 'You need to sign in again',
  403: 'You are not allowed to do this',
  404: 'Not found',
  405: 'This action is not available',
  409: 'This conflicts with the current state',
  413: 'The request is too large',
  429: 'Too many requests: please wait a moment',
  500: 'Something went wrong on the server',
  502: 'The server is not reachable',
  503: 'The service is not available right now',
};

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  let problem = {};
  if (type.includes('json')) {
    try { problem = await response.json(); } catch { problem = {}; }
  }
  const title = (typeof problem.title === 'string' && problem.title)
    || (typeof problem.error === 'string' && problem.error.replace(/_/g, ' '))
    || FALLBACK_TITLES[response.status] || `The server answered ${response.status}`;
  const detail = (typeof problem.detail === 'string' && problem.detail)
    || (typeof problem.error_description === 'string' && problem.error_description) || '';
  return new ApiError(response.status, title, detail, problem);
}

function bearer() {
  const token = accessToken();
  if (!token) {
    if (hasExpiredToken()) {
      // the access token expired: go through the authorization endpoint again (no password asked while the
      // sign-in session lasts) and come back to this page
      forgetToken();
      signIn();
    }
    throw new ApiError(401, 'Your session has ended', 'Signing you in again…');
  }
  return token;
}

async function send(method, path, { body, query, accept = 'application/json' } = {}) {
  const url = new URL(path, location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    }
  }
  const headers = { Authorization: `Bearer ${bearer()}`, Accept: `${accept}, application/problem+json` };
  const init = { method, headers, credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'Concord cannot be reached', 'Check your connection and try again.');
  }
  if (response.status === 401) {
    forgetToken();
    throw await problemOf(response);
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function get(path, query) {
  const response = await send('GET', path, { query });
  return response.status === 204 ? null : response.json();
}

export async function post(path, body) {
  const response = await send('POST', path, { body: body === undefined ? {} : body });
  return response.status === 204 ? null : readJson(response);
}

export async function put(path, body) {
  const response = await send('PUT', path, { body });
  return response.status === 204 ? null : readJson(response);
}

export async function del(path) {
  const response = await send('DELETE', path);
  return response.status === 204 ? null : readJson(response);
}

async function readJson(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Downloads a file with the bearer token (fetch to Blob), then saves it under the server's file name. */
export async function download(path, query, fallbackName, accept = '*/*') {
  const response = await send('GET', path, { query, accept });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const name = match ? match[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, size: blob.size };
}
