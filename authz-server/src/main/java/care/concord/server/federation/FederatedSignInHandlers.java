package care.concord.server.federation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * What happens after an upstream provider answers.
 * <ul>
 * <li><b>Success</b>: the sign-in is audited ({@code IDENTITY_ACTION}, permit
 * {@code federated-sign-in}, naming the local account, the provider and its subject; for
 * citizens the NHS number and proofing level, for staff the CIS2 user id, organisation
 * and role code), then the session's authentication becomes the local account's principal
 * (as after a password sign-in, with authorities {@code ROLE_<role>}) and the person
 * continues where they were going (usually Concord's own authorization endpoint). A
 * citizen below P9 signs in without an account and is shown why they cannot see or change
 * consent.</li>
 * <li><b>Failure</b> (the provider's error, an ID token failing its checks, a refusal by
 * the mapping): audited ({@code REFUSED}, deny with the {@link SignInRefusal} code),
 * nothing created, and the refusal page.</li>
 * </ul>
 * If the audit record cannot be written, nobody is signed in.
 */
public class FederatedSignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(FederatedSignInHandlers.class);

	static final String LIMITED_PAGE = "/login/federated/limited";

	static final String REFUSED_PAGE = "/login/federated/refused";

	private static final String CALLBACK = "/login/oauth2/code/";

	private final AuditLog auditLog;

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SavedRequestAwareAuthenticationSuccessHandler continuation = new SavedRequestAwareAuthenticationSuccessHandler();

	public FederatedSignInHandlers(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, jakarta.servlet.ServletException {
		FederatedOidcUser user = (FederatedOidcUser) authentication.getPrincipal();
		String username = (user.username() != null) ? user.username()
				: FederatedAccounts.username(user.provider(), user.getSubject());
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor(user, username))
			.permit("federated-sign-in")
			.detail("provider", user.provider())
			.detail("upstream_subject", user.getSubject());
		if (user.citizen() != null) {
			event.detail("identity_proofing_level", user.citizen().proofingLevel());
			if (user.citizen().nhsNumber() != null) {
				event.subject(user.citizen().nhsNumber());
			}
		}
		if (user.staff() != null) {
			event.role(String.join(",", user.roles()))
				.detail("cis2_user_id", user.staff().userId())
				.detail("cis2_role_code", user.staff().roleCode())
				.detail("acr", user.staff().acr());
		}
		try {
			this.auditLog.append(event.build());
		}
		catch (RuntimeException ex) {
			logger.warn("Federated sign-in not audited, so refused: " + ex.getMessage());
			this.contexts.saveContext(this.holder.createEmptyContext(), request, response);
			this.holder.clearContext();
			response.sendRedirect(
					request.getContextPath() + REFUSED_PAGE + "?reason=" + SignInRefusal.PROVIDER_UNAVAILABLE.code());
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		user.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		// the factor (and its time, the ID token's auth_time of Concord's own tokens)
		// that oauth2Login recorded
		authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.forEach(authorities::add);
		if (authorities.stream().noneMatch(FactorGrantedAuthority.class::isInstance)) {
			authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
		}
		User principal = new User(username, "", true, true, true, true, authorities);
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
		this.holder.setContext(context);
		this.contexts.saveContext(context, request, response);
		if (user.username() == null) {
			response.sendRedirect(request.getContextPath() + LIMITED_PAGE);
			return;
		}
		this.continuation.onAuthenticationSuccess(request, response, context.getAuthentication());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		SignInRefusal refusal;
		String provider;
		String subject = null;
		if (exception instanceof FederatedSignInFailure failure) {
			refusal = failure.refusal();
			provider = failure.provider();
			subject = failure.subject();
		}
		else {
			refusal = refusal(exception);
			String path = request.getRequestURI();
			int at = path.indexOf(CALLBACK);
			provider = (at >= 0) ? path.substring(at + CALLBACK.length()) : null;
		}
		logger.info("Federated sign-in refused (" + provider + "): " + exception.getMessage());
		try {
			AuditEvent.Builder event = AuditEvent
				.builder(AuditEventType.REFUSED,
						(subject != null) ? AuditActor.user(FederatedAccounts.username(provider, subject))
								: AuditActor.system())
				.deny(refusal.code())
				.detail("provider", truncated(provider))
				.detail("upstream_subject", truncated(subject));
			if (exception instanceof OAuth2AuthenticationException oauth) {
				event.detail("error", truncated(oauth.getError().getErrorCode()));
			}
			this.auditLog.append(event.build());
		}
		catch (RuntimeException ex) {
			logger.warn("Refused federated sign-in could not be audited: " + ex.getMessage());
		}
		response.sendRedirect(request.getContextPath() + REFUSED_PAGE + "?reason=" + refusal.code());
	}

	private static SignInRefusal refusal(AuthenticationException exception) {
		if (exception instanceof OAuth2AuthenticationException oauth) {
			String code = oauth.getError().getErrorCode();
			if ("invalid_id_token".equals(code) || "invalid_nonce".equals(code)
					|| OAuth2ErrorCodes.INVALID_TOKEN.equals(code)) {
				return SignInRefusal.INVALID_ID_TOKEN;
			}
		}
		return SignInRefusal.PROVIDER_ERROR;
	}

	private static AuditActor actor(FederatedOidcUser user, String username) {
		AuditActor actor = AuditActor.user(username);
		return (user.staff() != null) ? new AuditActor(user.staff().orgCode(), null, username, null) : actor;
	}

	private static String truncated(String value) {
		return (value != null && value.length() > 200) ? value.substring(0, 200) : value;
	}

}
