// The closed vocabularies of consent-decisions.md, with the words the console shows for them. Labels only:
// the console never decides anything with them.
import { formatDate } from './ui.js';
import { orgText } from './directory.js';

export const ORG_TYPES = [
  ['gp', 'GP practice', 'GP practices'],
  ['acute-hospital', 'Hospital', 'hospitals'],
  ['mental-health-trust', 'Mental health trust', 'mental health trusts'],
  ['community-health', 'Community health service', 'community health services'],
  ['ambulance', 'Ambulance service', 'ambulance services'],
  ['pharmacy', 'Pharmacy', 'pharmacies'],
  ['social-care', 'Social care', 'social care'],
  ['research', 'Research organisation', 'research organisations'],
  ['commissioner', 'Commissioner', 'commissioners'],
];

export const CATEGORIES = [
  ['summary', 'Summary record', 'summary records'],
  ['medications', 'Medications', 'medications'],
  ['allergies', 'Allergies', 'allergies'],
  ['test-results', 'Test results', 'test results'],
  ['care-plan', 'Care plans', 'care plans'],
  ['social-care-record', 'Social care records', 'social care records'],
  ['record-location', 'Where my records are held', 'record locations'],
  ['mental-health', 'Mental health (sensitive)', 'mental-health records'],
  ['sexual-health', 'Sexual health (sensitive)', 'sexual-health records'],
  ['substance-misuse', 'Substance misuse (sensitive)', 'substance-misuse records'],
  ['genomic', 'Genomic data (sensitive)', 'genomic data'],
  ['wearable', 'Wearable device data', 'wearable-device data'],
];

export const PURPOSES = [
  ['direct-care', 'Direct care', 'direct care'],
  ['emergency-care', 'Emergency care', 'emergency care'],
  ['research', 'Research', 'research'],
  ['planning', 'Planning services', 'planning'],
];

/** Common practitioner roles; the vocabulary itself is open ([a-z-]{1,40}). */
export const ROLES = [
  ['clinician', 'Clinician (doctor)', 'clinicians', 'clinician'],
  ['nurse', 'Nurse', 'nurses', 'nurse'],
  ['paramedic', 'Paramedic', 'paramedics', 'paramedic'],
  ['pharmacist', 'Pharmacist', 'pharmacists', 'pharmacist'],
  ['social-worker', 'Social worker', 'social workers', 'social worker'],
  ['admin-staff', 'Administrative staff', 'administrative staff', 'member of administrative staff'],
  ['researcher', 'Researcher', 'researchers', 'researcher'],
];

export const REASONS = [
  ['purpose-not-permitted', 'Purpose not permitted'],
  ['own-record', 'Organisation reads its own record'],
  ['break-glass-requires-emergency-purpose', 'Break glass outside emergency care'],
  ['break-glass-reason-required', 'Break glass without a reason'],
  ['break-glass', 'Emergency access (break glass)'],
  ['directive-permit', 'Allowed by the citizen'],
  ['directive-deny', 'Refused by the citizen'],
  ['national-data-opt-out', 'National data opt-out'],
  ['explicit-consent-required', 'Explicit consent required'],
  ['implied-consent', 'Implied consent (care relationship)'],
  ['no-legitimate-relationship', 'No care relationship'],
  ['opt-out-model', 'Planning under the opt-out model'],
  ['organisation-policy', 'Organisation policy'],
];

export const EVENT_TYPES = ['DECISION', 'INVALID_REQUEST', 'REFUSED', 'REGISTRATION_CHANGE', 'ADMIN_ACTION',
  'CONSENT_CHANGE', 'IDENTITY_ACTION', 'BREAK_GLASS_REVIEW', 'AUDIT_ACCESS', 'AUTHENTICATION'];

export const PERSON_ROLES = [
  ['citizen', 'Citizen'],
  ['ig-officer', 'IG officer'],
  ['admin', 'Administrator'],
];

export const AGENCY_SCOPES = [
  ['uma_protection', 'uma_protection (resource server)'],
  ['uma_authorization', 'uma_authorization (requesting party)'],
  ['decision', 'decision (AuthZEN evaluation)'],
  ['record_location', 'record_location'],
  ['identity', 'identity (record linkage)'],
  ['openid', 'openid'],
  ['profile', 'profile'],
];

function lookup(list, code, column) {
  const entry = list.find((e) => e[0] === code);
  return entry ? entry[column] : code;
}

export const label = {
  orgType: (c) => lookup(ORG_TYPES, c, 1),
  orgTypes: (c) => lookup(ORG_TYPES, c, 2),
  category: (c) => lookup(CATEGORIES, c, 1),
  categoryPhrase: (c) => lookup(CATEGORIES, c, 2),
  purpose: (c) => lookup(PURPOSES, c, 1),
  purposePhrase: (c) => lookup(PURPOSES, c, 2),
  role: (c) => lookup(ROLES, c, 1),
  rolePlural: (c) => lookup(ROLES, c, 2),
  roleNoun: (c) => lookup(ROLES, c, 3),
  reason: (c) => lookup(REASONS, c, 1),
};

export function options(list, column = 1) {
  return list.map((e) => [e[0], e[column]]);
}

/** "a nurse", "an ambulance service". */
export function withArticle(phrase) {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

function joinOr(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function joinAnd(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * A directive as one plain sentence, e.g. "Deny social care: mental-health records" or
 * "Allow Riverside Medical Practice (A81001): all records, until 1 March 2027". Rendering only.
 */
export function directiveSentence(d) {
  const effect = d.effect === 'deny' ? 'Deny' : 'Allow';
  const who = [];
  const orgs = d.organisations || [];
  if (orgs.length) who.push(joinOr(orgs.map(orgText)));
  const types = d.org_types || [];
  if (types.length) who.push(joinOr(types.map(label.orgTypes)));
  let whoText = who.length ? who.join(', ') : 'everyone';
  const roles = d.roles || [];
  if (roles.length) whoText += ` (${joinOr(roles.map(label.rolePlural))} only)`;
  const cats = d.categories || [];
  let what = cats.length ? joinAnd(cats.map(label.categoryPhrase)) : 'all records';
  const purposes = d.purposes || [];
  if (purposes.length) what += ` for ${joinOr(purposes.map(label.purposePhrase))}`;
  const when = [];
  if (d.start) when.push(`from ${formatDate(d.start)}`);
  if (d.end) when.push(`until ${formatDate(d.end)}`);
  return `${effect} ${whoText}: ${what}${when.length ? `, ${when.join(' ')}` : ''}`;
}
