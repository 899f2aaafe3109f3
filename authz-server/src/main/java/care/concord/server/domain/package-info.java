/**
 * The exceptions every feature throws when a request cannot be carried out:
 * {@link NotFoundException}, {@link StateConflictException} (and
 * {@link AlreadyExistsException}), {@link NotPermittedException} and the base type of
 * every "a dependency is unavailable" failure, {@link DependencyUnavailableException}.
 * Invalid input is {@link care.concord.policy.request.InvalidRequestException} (field and
 * reason); a resource that does not conform to its specification (a FHIR resource failing
 * validation) is {@link InvalidResourceException}.
 *
 * <p>
 * Also the server's one SHA-256 helper ({@link Sha256}); text echoed from callers goes
 * through {@link care.concord.policy.request.Printable}.
 *
 * <p>
 * The exceptions carry no HTTP: {@code care.concord.server.web} alone maps them to RFC
 * 9457 problem details (or OAuth error JSON at the OAuth endpoints). This package depends
 * on no other package of the server.
 */
package care.concord.server.domain;
