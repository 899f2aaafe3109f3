package care.concord.server.web;

import java.io.IOException;
import java.util.List;

import care.concord.server.domain.DependencyUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers HTTP 503 with {@code Retry-After} when a request fails <em>before or
 * outside</em> a controller because something it depends on is unavailable: the database
 * (no connection within the pool's time-out, a lock time-out), the audit log, or Redis.
 * Controllers' failures of that kind are answered by {@link ProblemDetailsAdvice}; this
 * filter covers the servlet filters in front of them, chiefly the bearer-token check of
 * the API chain (which reads token status and client state) and client authentication at
 * the OAuth endpoints, whose failures would otherwise surface as a 500.
 *
 * <p>
 * OAuth endpoints ({@link ProblemResponses#isOAuthEndpoint}) get OAuth error JSON
 * ({@code temporarily_unavailable}), everything else RFC 9457 problem details. Nothing
 * was granted: the request failed closed.
 */
public final class DependencyUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(DependencyUnavailableFilter.class);

	private static final String DESCRIPTION = "a service Concord depends on is unavailable; nothing was granted, "
			+ "retry later";

	private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(DependencyUnavailableException.class,
			TransientDataAccessException.class, DataAccessResourceFailureException.class,
			CannotCreateTransactionException.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			Throwable cause = unavailableCause(ex);
			if (cause == null || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Refused " + request.getMethod() + " " + request.getRequestURI() + " (503): " + cause);
			response.reset();
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			if (ProblemResponses.isOAuthEndpoint(request)) {
				ProblemResponses.writeOAuthError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
						"temporarily_unavailable", DESCRIPTION);
			}
			else {
				ProblemResponses.write(request, response, ErrorCatalogue.UNAVAILABLE, DESCRIPTION);
			}
		}
	}

	/** The first cause that says a dependency is unavailable, or null. */
	static Throwable unavailableCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : UNAVAILABLE) {
				if (type.isInstance(cause)) {
					return cause;
				}
			}
		}
		return null;
	}

}
