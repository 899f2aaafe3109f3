package care.concord.server.oauth;

import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Authorization codes redeemed at most once, on one node and across nodes (RFC 6749
 * section 4.1.2): wraps Spring Authorization Server's authorization-code provider, whose
 * own check (read the authorization, see the code still active, issue tokens, save the
 * code invalidated) lets concurrent redemptions of one code all succeed.
 *
 * <p>
 * Before the delegate runs, each redemption claims the code in the shared database: one
 * {@code UPDATE} that increments the authorization row's {@code code_redemptions} (the
 * row lock serialises concurrent attempts on every node), read back in the same
 * transaction. Only the attempt that counted 1 goes on; any other is a replay: it is
 * refused with {@code invalid_grant} and every token issued from that code (access,
 * refresh, ID token) is revoked. The winner checks the counter again after its tokens are
 * saved, so a replay that arrived while they were being issued revokes them too (either
 * the replay sees them saved, or the winner sees the replay); the winner still gets its
 * answer, with tokens that are already inactive.
 */
public final class SingleUseAuthorizationCodes implements AuthenticationProvider {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	public SingleUseAuthorizationCodes(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
			JdbcOperations jdbc, TransactionOperations transactions) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(authorizations, "authorizations cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		OAuth2AuthorizationCodeAuthenticationToken request = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getCode(), CODE);
		if (authorization == null) {
			return this.delegate.authenticate(authentication); // answers invalid_grant
		}
		String id = authorization.getId();
		if (claim(id) != 1) {
			revokeIssuedTokens(id);
			throw replayed();
		}
		Authentication result = this.delegate.authenticate(authentication);
		if (redemptions(id) != 1) {
			// a replay arrived while these tokens were being issued: they are revoked
			// before they are answered
			revokeIssuedTokens(id);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2AuthorizationCodeAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Counts this redemption attempt and answers how many there have been, this one
	 * included.
	 */
	int claim(String id) {
		Integer count = this.transactions.execute((status) -> {
			this.jdbc.update("UPDATE oauth2_authorization SET code_redemptions = code_redemptions + 1 WHERE id = ?",
					id);
			return redemptions(id);
		});
		return (count != null) ? count : 0;
	}

	private int redemptions(String id) {
		List<Integer> counts = this.jdbc.queryForList("SELECT code_redemptions FROM oauth2_authorization WHERE id = ?",
				Integer.class, id);
		return counts.isEmpty() ? 0 : counts.get(0);
	}

	private void revokeIssuedTokens(String id) {
		OAuth2Authorization authorization = this.authorizations.findById(id);
		if (authorization == null) {
			return;
		}
		OAuth2Authorization.Builder revoked = OAuth2Authorization.from(authorization);
		boolean changed = false;
		for (Class<? extends OAuth2Token> type : List.of(OAuth2AuthorizationCode.class, OAuth2AccessToken.class,
				OAuth2RefreshToken.class, OidcIdToken.class)) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null && !token.isInvalidated()) {
				revoked.invalidate(token.getToken());
				changed = true;
			}
		}
		if (changed) {
			this.authorizations.save(revoked.build());
		}
	}

	private static OAuth2AuthenticationException replayed() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
				"the authorization code has already been used; tokens issued from it are revoked", null));
	}

}
