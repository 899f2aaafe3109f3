package care.concord.agency.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import care.concord.agency.ConcordUnavailableException;
import care.concord.agency.Enforcement;
import care.concord.agency.ProtectedResource;
import care.concord.agency.ResourceProtection;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Guards a protected server's requests with {@link ResourceProtection}: what the request
 * reads comes from the {@link RequestResourceMapper}; a permitted request goes on with
 * the {@link Enforcement.Permit} in the request attribute {@link #PERMIT_ATTRIBUTE} (so
 * that the server returns only the permitted records); otherwise the challenge (401/403
 * with {@code WWW-Authenticate: UMA ...}) or 503, with an error body from the
 * {@link ErrorBodyWriter}.
 */
public class UmaProtectionFilter implements Filter {

	/**
	 * The request attribute holding the {@link Enforcement.Permit} of a permitted
	 * request.
	 */
	public static final String PERMIT_ATTRIBUTE = UmaProtectionFilter.class.getName() + ".permit";

	private static final Log logger = LogFactory.getLog(UmaProtectionFilter.class);

	private final ResourceProtection protection;

	private final RequestResourceMapper mapper;

	private final ErrorBodyWriter errors;

	public UmaProtectionFilter(ResourceProtection protection, RequestResourceMapper mapper, ErrorBodyWriter errors) {
		this.protection = protection;
		this.mapper = mapper;
		this.errors = (errors != null) ? errors : ErrorBodyWriter.OAUTH;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		Enforcement enforcement;
		try {
			Collection<ProtectedResource> needed = this.mapper.resourcesOf(request);
			enforcement = this.protection.enforce(request.getHeader("Authorization"), needed);
		}
		catch (ConcordUnavailableException ex) {
			enforcement = new Enforcement.Unavailable(ex.getMessage());
		}
		if (enforcement instanceof Enforcement.Permit permit) {
			request.setAttribute(PERMIT_ATTRIBUTE, permit);
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(enforcement.status());
		if (enforcement instanceof Enforcement.Challenge challenge) {
			response.setHeader("WWW-Authenticate", challenge.wwwAuthenticate());
			String error = (challenge.error() != null) ? challenge.error() : "unauthorized";
			this.errors.write(response, challenge.status(), error,
					(challenge.status() == 401)
							? "an RPT from Concord is required: redeem the ticket in WWW-Authenticate at as_uri"
							: "the RPT does not permit this request: redeem the ticket in WWW-Authenticate at as_uri");
		}
		else if (enforcement instanceof Enforcement.Unavailable unavailable) {
			logger.warn("refused a request, failing closed: " + unavailable.message());
			response.setHeader("Retry-After", "5");
			this.errors.write(response, 503, "temporarily_unavailable",
					"the authorization service cannot be reached; try again later");
		}
	}

	/** Writes the body of a refusal. */
	@FunctionalInterface
	public interface ErrorBodyWriter {

		/**
		 * {@code {"error": ..., "error_description": ...}} as {@code application/json}.
		 */
		ErrorBodyWriter OAUTH = (response, status, error, description) -> {
			response.setContentType("application/json");
			response.getOutputStream()
				.write(("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
					.getBytes(StandardCharsets.UTF_8));
		};

		void write(HttpServletResponse response, int status, String error, String description) throws IOException;

	}

}
