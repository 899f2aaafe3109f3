// The agency directory (GET /api/directory/agencies): names instead of codes on every page, and organisations
// chosen by name. Loaded once per page view; a code the directory does not know is shown as it is.
import * as api from './api.js';
import { h } from './ui.js';
import { label } from './vocab.js';

let entries = [];
let byCode = new Map();
let clientsById = new Map();

/**
 * A loader that fetches a directory list once per page view and hands it to `keep`; it never fails the page: on an
 * error it resolves all the same (what the list would name is shown as it is) and the next call tries again.
 */
function loadOnce(path, keep) {
  let loading = null;
  return () => {
    if (!loading) {
      loading = api.get(path).then((list) => keep(Array.isArray(list) ? list : [])).catch(() => { loading = null; });
    }
    return loading;
  };
}

/** Loads the agency directory (once): without it codes are shown instead of names. */
export const loadDirectory = loadOnce('/api/directory/agencies', (list) => {
  entries = list;
  byCode = new Map(entries.map((e) => [e.code, e]));
});

/**
 * Loads the client directory (GET /api/directory/clients, IG officers and administrators) once: without it
 * (another role, or an error) client ids are shown as they are.
 */
export const loadClients = loadOnce('/api/directory/clients', (list) => {
  clientsById = new Map(list.map((c) => [c.client_id, c]));
});

/**
 * A client system's name with its client id as secondary text: "Leeds PAS (rr8-pas)", "Stride activity watch
 * (app-…)". The bare id when the directory does not know it, or when the name is only the agency's (a client is
 * named "Agency (CODE)" until an administrator gives it a name), which the page shows already.
 */
export function clientName(clientId) {
  if (!clientId) return '';
  const c = clientsById.get(clientId);
  return c && c.name && c.name !== clientId && !(c.agency && c.name === orgText(c.agency))
    ? h('span', { class: 'client' }, c.name, ' ', h('span', { class: 'code' }, `(${clientId})`))
    : h('span', { class: 'client mono' }, clientId);
}

export function agencies() {
  return entries;
}

export function agency(code) {
  return code ? byCode.get(String(code).toUpperCase()) : undefined;
}

/** "Riverside Medical Practice (A81001)" or "organisation A81001" when unknown. */
export function orgText(code) {
  const a = agency(code);
  return a ? `${a.name} (${a.code})` : `organisation ${code}`;
}

/** The agency's name with its code as secondary text. */
export function orgName(code) {
  if (!code) return '';
  const a = agency(code);
  return a ? nameWithCode(a.name, a.code) : h('span', { class: 'org' }, code);
}

/** A name with its organisation code as secondary text: "Leeds Teaching Hospitals NHS Trust (RR8)". */
export function nameWithCode(name, code) {
  return name ? h('span', { class: 'org' }, name, ' ', h('span', { class: 'code' }, `(${code})`)) : h('span', { class: 'org' }, code);
}

/** "GP practice · Leeds", "Hospital": the kind of organisation, with its town when the directory has one. */
export function orgKind(entry) {
  const kind = label.orgType(entry.org_type);
  return entry.town ? `${kind} · ${entry.town}` : kind;
}

/**
 * The agency a person typed or picked: an exact name, an exact code, or a "Name (CODE)" / "Name, kind (CODE)"
 * option of the list. Undefined when nothing matches: the caller refuses it at the field.
 */
export function findAgency(text) {
  const typed = String(text || '').trim();
  if (!typed) return undefined;
  const code = /\(([A-Za-z0-9]{3,8})\)\s*$/.exec(typed);
  if (code && agency(code[1])) return agency(code[1]);
  if (agency(typed)) return agency(typed);
  const name = typed.toLowerCase();
  const named = entries.filter((e) => e.name.toLowerCase() === name);
  return named.length === 1 ? named[0] : undefined;
}

/** The text of a directory option: "Riverside Medical Practice, GP practice · Leeds (A81001)". */
export function optionText(entry) {
  return `${entry.name}, ${orgKind(entry)} (${entry.code})`;
}

/**
 * Text written by the server with organisation codes ("Organisation RR8 has no recorded care relationship ...")
 * with the agencies' names instead: "Leeds Teaching Hospitals NHS Trust (RR8) has no recorded ...". Codes the
 * directory does not know stay as they are.
 */
export function withNames(text) {
  if (!text) return text;
  return String(text).replace(/\b[Oo]rganisations? ([A-Z0-9]{3,8})\b/g, (whole, code) => {
    const a = agency(code);
    return a ? `${a.name} (${a.code})` : whole;
  });
}
