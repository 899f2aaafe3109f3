package care.concord.server.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose shape no endpoint accepts, before anything parses them, with a
 * clear 4xx instead of the framework's 500:
 * <ul>
 * <li>a {@code Content-Type} with a wildcard ({@code *}{@code /*}, {@code application/*})
 * or that does not parse: 415;</li>
 * <li>a query string whose percent escapes are not UTF-8 ({@code %FF%FE}): 400 (the
 * servlet container's parameter decoding failed with a 500);</li>
 * <li>{@code /error} requested directly (it is the container's error page, not an
 * endpoint): 404;</li>
 * <li>on the OAuth endpoints, two {@code Authorization} headers, or client credentials
 * both in the {@code Authorization} header and in the body ({@code client_secret},
 * {@code client_assertion}): 400 {@code invalid_request} (RFC 6749 section 2.3: one
 * authentication method per request).</li>
 * </ul>
 * OAuth endpoints answer OAuth error JSON, everything else problem details.
 */
public final class RequestShapeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean oauth = ProblemResponses.isOAuthEndpoint(path);
		if (request.getDispatcherType() == DispatcherType.REQUEST
				&& (path.equals("/error") || path.startsWith("/error/"))) {
			ProblemResponses.write(request, response, ErrorCatalogue.NOT_FOUND, "no such resource");
			return;
		}
		if (!isPercentEncodedUtf8(request.getQueryString())) {
			String detail = "the query string is not valid percent-encoded UTF-8";
			if (oauth) {
				ProblemResponses.writeOAuthError(response, HttpStatus.BAD_REQUEST.value(), "invalid_request", detail);
			}
			else {
				ProblemResponses.write(request, response, ErrorCatalogue.VALIDATION_FAILED, detail);
			}
			return;
		}
		String contentTypeProblem = contentTypeProblem(request.getContentType());
		if (contentTypeProblem != null) {
			if (oauth) {
				ProblemResponses.writeOAuthError(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), "invalid_request",
						contentTypeProblem);
			}
			else {
				ProblemResponses.write(request, response, ErrorCatalogue.UNSUPPORTED_MEDIA_TYPE, contentTypeProblem);
			}
			return;
		}
		if (oauth) {
			List<String> authorization = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
			if (authorization.size() > 1) {
				ProblemResponses.writeOAuthError(response, HttpStatus.BAD_REQUEST.value(), "invalid_request",
						"more than one Authorization header");
				return;
			}
			if (authorization.size() == 1 && (request.getParameter("client_secret") != null
					|| request.getParameter("client_assertion") != null)) {
				ProblemResponses.writeOAuthError(response, HttpStatus.BAD_REQUEST.value(), "invalid_request",
						"client credentials both in the Authorization header and in the body; use one method");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * False when the query string's escapes are not two hex digits or do not decode as
	 * UTF-8 (such as %FF%FE).
	 */
	static boolean isPercentEncodedUtf8(String query) {
		if (query == null || query.indexOf('%') < 0) {
			return true;
		}
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
						|| Character.digit(query.charAt(i + 2), 16) < 0) {
					return false;
				}
				bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
				i += 2;
			}
			else {
				byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
				bytes.write(raw, 0, raw.length);
			}
		}
		try {
			java.nio.charset.StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
			return true;
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * Why the declared content type is refused, or null when there is none or it is
	 * acceptable.
	 */
	static String contentTypeProblem(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return "the Content-Type header is not a media type";
		}
		if (mediaType.isWildcardType() || mediaType.isWildcardSubtype()) {
			return "the Content-Type must name one media type, not a wildcard (application/json)";
		}
		return null;
	}

}
