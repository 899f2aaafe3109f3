package care.concord.server.oauth;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the JWK Set as {@code application/jwk-set+json} (RFC 7517 section 8.5.1) in
 * UTF-8: Spring Authorization Server writes it as {@code application/json} through the
 * servlet writer, which the container labels {@code charset=ISO-8859-1}.
 */
public final class JwkSetMediaTypeFilter extends OncePerRequestFilter {

	/** The JWK Set media type. */
	public static final String JWK_SET_JSON = "application/jwk-set+json";

	private final String path;

	public JwkSetMediaTypeFilter(String path) {
		this.path = path;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.path.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		JwkSetResponse wrapped = new JwkSetResponse(response);
		chain.doFilter(request, wrapped);
		wrapped.flushWriter();
	}

	private static final class JwkSetResponse extends HttpServletResponseWrapper {

		private PrintWriter writer;

		JwkSetResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setContentType(String type) {
			boolean json = type != null && type.startsWith("application/json");
			super.setContentType(json ? JWK_SET_JSON : type);
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				// bytes in UTF-8 without a charset parameter on the media type
				this.writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			flushWriter();
			super.flushBuffer();
		}

		void flushWriter() {
			if (this.writer != null) {
				this.writer.flush();
			}
		}

	}

}
