package care.concord.server.security;

import java.time.Duration;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.cluster.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.util.Assert;

/**
 * Audits and logs authentication events (issue #12 finding 2), and feeds the brute-force
 * counters.
 * <ul>
 * <li>Sign-in (the login form): each success and failure is an {@code AUTHENTICATION}
 * audit record ({@code login-succeeded} / {@code login-failed}, the source address in
 * details) and a structured log line ({@code event}, {@code username}, {@code source},
 * {@code failures}); a failure that locks the account adds {@code account-locked}.</li>
 * <li>Client authentication at the token, introspection and revocation endpoints: each
 * failure is a structured log line and counts against the client's budget
 * ({@link ClientAuthenticationThrottleFilter}); the first failure per client and minute
 * is an {@code AUTHENTICATION} record ({@code client-authentication-failed}), so a flood
 * cannot grow the audit log without bound.</li>
 * </ul>
 * The log lines use SLF4J key-value pairs, which the {@code json-logs} profile writes as
 * JSON members.
 */
public final class AuthenticationEvents {

	static final String CLIENT_FAILURE_BUCKET = "client-auth-failures";

	private static final String CLIENT_AUDITED_BUCKET = "client-auth-audited";

	private static final Logger logger = LoggerFactory.getLogger("care.concord.security.authentication");

	private final AuditLog auditLog;

	private final LoginThrottle logins;

	private final RateLimiter limiter;

	private final BruteForceProperties properties;

	public AuthenticationEvents(AuditLog auditLog, LoginThrottle logins, RateLimiter limiter,
			BruteForceProperties properties) {
		Assert.notNull(auditLog, "auditLog cannot be null");
		Assert.notNull(logins, "logins cannot be null");
		Assert.notNull(limiter, "limiter cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.auditLog = auditLog;
		this.logins = logins;
		this.limiter = limiter;
		this.properties = properties;
	}

	@EventListener
	public void succeeded(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken login)) {
			return;
		}
		String username = login.getName();
		String source = source(login);
		this.logins.succeeded(username);
		logger.atInfo()
			.addKeyValue("event", "login-succeeded")
			.addKeyValue("username", printable(username))
			.addKeyValue("source", source)
			.log("sign-in succeeded");
		audit("login-succeeded", username, source, null, true);
	}

	@EventListener
	public void failed(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureProviderNotFoundEvent) {
			return; // a parent manager that had no provider for it: the child's failure
					// is the one that counts
		}
		Authentication authentication = event.getAuthentication();
		if (authentication instanceof UsernamePasswordAuthenticationToken login) {
			loginFailed(login, event.getException().getClass().getSimpleName());
		}
		else if (authentication instanceof OAuth2ClientAuthenticationToken client && client.getPrincipal() != null) {
			clientFailed(client.getPrincipal().toString(), client.getClientAuthenticationMethod().getValue());
		}
	}

	private void loginFailed(UsernamePasswordAuthenticationToken login, String reason) {
		String username = printable(login.getName());
		String source = source(login);
		LoginThrottle.Outcome outcome = this.properties.enabled() ? this.logins.failed(login.getName(), source)
				: new LoginThrottle.Outcome(0, null, false);
		logger.atWarn()
			.addKeyValue("event", "login-failed")
			.addKeyValue("username", username)
			.addKeyValue("source", source)
			.addKeyValue("reason", reason)
			.addKeyValue("failures", outcome.failures())
			.addKeyValue("wait_until", outcome.waitUntil())
			.log("sign-in failed");
		audit("login-failed", login.getName(), source, String.valueOf(outcome.failures()), false);
		if (outcome.lockedNow()) {
			logger.atWarn()
				.addKeyValue("event", "account-locked")
				.addKeyValue("username", username)
				.addKeyValue("source", source)
				.addKeyValue("locked_until", outcome.waitUntil())
				.log("account locked after repeated failed sign-ins");
			audit("account-locked", login.getName(), source, String.valueOf(outcome.failures()), false);
		}
	}

	private void clientFailed(String clientId, String method) {
		String printableId = printable(clientId);
		this.limiter.acquire(CLIENT_FAILURE_BUCKET, clientId, this.properties.clientFailures(),
				this.properties.clientWindow());
		logger.atWarn()
			.addKeyValue("event", "client-authentication-failed")
			.addKeyValue("client_id", printableId)
			.addKeyValue("method", method)
			.log("client authentication failed");
		if (this.limiter.acquire(CLIENT_AUDITED_BUCKET, clientId, 1, Duration.ofMinutes(1)).isZero()) {
			try {
				this.auditLog.append(
						AuditEvent.builder(AuditEventType.AUTHENTICATION, new AuditActor(null, printableId, null, null))
							.deny("client-authentication-failed")
							.detail("method", method)
							.detail("aggregation", "first failure of this client in the minute")
							.build());
			}
			catch (RuntimeException ex) {
				logger.atError()
					.addKeyValue("event", "audit-failed")
					.log("failed client authentication not audited: {}", ex.getMessage());
			}
		}
	}

	/**
	 * Appends the sign-in record. The outcome is already decided by Spring Security; an
	 * audit failure is logged at ERROR (and the log line above stands), it does not turn
	 * a refused sign-in into a 500.
	 */
	private void audit(String code, String username, String source, String failures, boolean permit) {
		try {
			AuditEvent.Builder event = AuditEvent
				.builder(AuditEventType.AUTHENTICATION, AuditActor.user(printable(username)))
				.outcome(permit ? care.concord.server.audit.AuditOutcome.PERMIT
						: care.concord.server.audit.AuditOutcome.DENY, code)
				.detail("source", source);
			if (failures != null) {
				event.detail("consecutive_failures", failures);
			}
			this.auditLog.append(event.build());
		}
		catch (RuntimeException ex) {
			logger.atError().addKeyValue("event", "audit-failed").log("{} not audited: {}", code, ex.getMessage());
		}
	}

	private static String source(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	/**
	 * At most 100 printable ASCII characters: what a caller typed never forges a log line
	 * or bloats a record.
	 */
	static String printable(String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		String clean = value.replaceAll("[^\\x21-\\x7E]", "?");
		return (clean.length() > 100) ? clean.substring(0, 100) : clean;
	}

}
