/**
 * State that every Concord node must agree on, and its Redis implementations: UMA permission tickets (single use
 * in the whole cluster), the {@code private_key_jwt} {@code jti} replay cache, per-client rate limits, and the
 * citizens' consent versions that keep each node's consent cache from ever serving a stale permit.
 *
 * <p>With {@code concord.redis.enabled=false} (the embedded default) none of the Redis beans exist and the server
 * uses the database-backed stores of each feature and an in-process rate limiter. See docs/deployment.md.
 */
package care.concord.server.cluster;
