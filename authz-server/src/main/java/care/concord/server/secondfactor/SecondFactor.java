package care.concord.server.secondfactor;

import java.io.IOException;
import java.time.Clock;
import java.util.OptionalLong;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.config.SignInCustomizer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The second factor of local accounts: a password sign-in of a person holding a role of
 * {@link SecondFactorProperties#requiredRoles()} is not a sign-in yet. The password
 * form's success handler keeps the authentication aside in the session, leaves the
 * session signed out and sends the person to {@value #PAGE}, where they enter a TOTP code
 * ({@link Totp}); at their first sign-in they enrol first (the page shows the secret to
 * add to an authenticator app, confirmed by the first code). A right code, never used
 * before, signs them in and they continue where they were going; a wrong one is audited,
 * and after {@link SecondFactorProperties#maxAttempts()} the password sign-in is
 * discarded. Password checking (and its lockout) is untouched: this is only the step
 * after it.
 */
public class SecondFactor implements SignInCustomizer, AuthenticationSuccessHandler {

	static final String PAGE = "/login/second-factor";

	static final String PENDING = SecondFactor.class.getName() + ".PENDING";

	static final String ATTEMPTS = SecondFactor.class.getName() + ".ATTEMPTS";

	private final SecondFactorProperties properties;

	private final TotpStore store;

	private final AuditLog auditLog;

	private final Clock clock;

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SavedRequestAwareAuthenticationSuccessHandler continuation = new SavedRequestAwareAuthenticationSuccessHandler();

	public SecondFactor(SecondFactorProperties properties, TotpStore store, AuditLog auditLog, Clock clock) {
		this.properties = properties;
		this.store = store;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Override
	public void configure(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(PAGE).permitAll());
		if (!this.properties.requiredRoles().isEmpty()) {
			http.formLogin((form) -> form.successHandler(this));
		}
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		boolean required = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> this.properties.requiredRoles()
				.stream()
				.anyMatch((role) -> ("ROLE_" + role).equals(authority.getAuthority())));
		if (!required) {
			this.continuation.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		HttpSession session = request.getSession();
		session.setAttribute(PENDING, authentication);
		session.setAttribute(ATTEMPTS, 0);
		signedOut(request, response);
		response.sendRedirect(request.getContextPath() + PAGE);
	}

	/** The person waiting for their second factor in this session, or null. */
	Authentication pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? (Authentication) session.getAttribute(PENDING) : null;
	}

	/** The person's secret, made at their first sign-in. */
	TotpStore.Secret secret(Authentication pending) {
		return this.store.enrolment(pending.getName());
	}

	String otpauthUri(Authentication pending, TotpStore.Secret secret) {
		return Totp.uri(this.properties.issuer(), pending.getName(), secret.secret());
	}

	/**
	 * Checks a code: true and signed in, or false (the attempt counted and audited; after
	 * the last allowed attempt the password sign-in is discarded, and {@link #pending} is
	 * null).
	 */
	boolean verify(HttpServletRequest request, HttpServletResponse response, String code) {
		Authentication pending = pending(request);
		TotpStore.Secret secret = this.store.find(pending.getName()).orElse(null);
		OptionalLong step = (secret != null) ? Totp.matchingStep(secret.secret(), code, this.clock.instant())
				: OptionalLong.empty();
		HttpSession session = request.getSession();
		if (step.isPresent() && this.store.use(pending.getName(), step.getAsLong())) {
			this.auditLog.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, AuditActor.user(pending.getName()))
				.permit(secret.confirmed() ? "second-factor-verified" : "second-factor-enrolled")
				.detail("method", "totp")
				.build());
			session.removeAttribute(PENDING);
			session.removeAttribute(ATTEMPTS);
			SecurityContext context = this.holder.createEmptyContext();
			context.setAuthentication(pending);
			this.holder.setContext(context);
			this.contexts.saveContext(context, request, response);
			return true;
		}
		int attempts = ((Integer) session.getAttribute(ATTEMPTS)) + 1;
		session.setAttribute(ATTEMPTS, attempts);
		this.auditLog.append(AuditEvent.builder(AuditEventType.REFUSED, AuditActor.user(pending.getName()))
			.deny("second-factor-invalid")
			.detail("attempt", String.valueOf(attempts))
			.build());
		if (attempts >= this.properties.maxAttempts()) {
			session.removeAttribute(PENDING);
			session.removeAttribute(ATTEMPTS);
		}
		return false;
	}

	/** Continues, signed in, where the person was going before the password form. */
	void proceed(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		this.continuation.onAuthenticationSuccess(request, response, this.holder.getContext().getAuthentication());
	}

	private void signedOut(HttpServletRequest request, HttpServletResponse response) {
		this.contexts.saveContext(this.holder.createEmptyContext(), request, response);
		this.holder.clearContext();
	}

}
