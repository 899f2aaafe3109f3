/**
 * Administration of the token signing keys ({@code /api/admin/keys}): listing and
 * rotation, each audited. Apart from {@code oauth}, which uses the keys, so that the
 * token machinery depends on no feature that depends back on it (the audit log signs its
 * checkpoints with the same keys).
 */
package care.concord.server.keys;
