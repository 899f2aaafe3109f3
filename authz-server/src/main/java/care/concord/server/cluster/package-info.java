/**
 * The wiring of state that every Concord node must agree on
 * ({@link care.concord.server.cluster.ClusterConfiguration}): the Redis implementations
 * live beside their feature's interface (UMA permission tickets in {@code uma}, the
 * {@code private_key_jwt} {@code jti} replay cache and the client registry version in
 * {@code oauth}, the citizens' consent versions and consent cache in {@code consent});
 * here are what exists only with several nodes in mind, the per-client rate limits
 * (in-process or Redis) and their filters.
 *
 * <p>
 * With {@code concord.redis.enabled=false} (the embedded default) none of the Redis beans
 * exist and the server uses the database-backed stores of each feature and an in-process
 * rate limiter. See docs/deployment.md.
 */
package care.concord.server.cluster;
