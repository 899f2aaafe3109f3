package care.concord.server.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} when it is a plain token
 * of at most 128 characters ({@code [A-Za-z0-9._:-]}), otherwise a new UUID. The id is
 * echoed in the response's {@code X-Request-ID}, kept as a request attribute
 * ({@link #ATTRIBUTE}) and in the logging MDC ({@link #MDC_KEY}) for the request's log
 * lines and the audit records it writes.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

	/** The request and response header. */
	public static final String HEADER = "X-Request-ID";

	/** The request attribute holding the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	/** The MDC key of the id, as log lines and audit records read it. */
	public static final String MDC_KEY = "request_id";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = accepted(request.getHeader(HEADER));
		if (id == null) {
			id = UUID.randomUUID().toString();
		}
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		String previous = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(MDC_KEY, previous);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/** The header value when it may be used as the id, else null. */
	public static String accepted(String header) {
		return (header != null && ACCEPTED.matcher(header).matches()) ? header : null;
	}

	/**
	 * The id of the request: set by this filter, or else the caller's acceptable header,
	 * or null.
	 */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id instanceof String value) ? value : accepted(request.getHeader(HEADER));
	}

}
