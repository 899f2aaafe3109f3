/**
 * The directory of client systems ({@code GET /api/directory/clients}): the names behind
 * the client ids that audit records and break-glass reviews carry, for the staff who read
 * them. A leaf feature: it reads the agencies' clients and the personal apps, and nothing
 * depends on it.
 */
package care.concord.server.directory;
