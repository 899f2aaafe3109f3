package care.concord.policy.opa;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import care.concord.policy.decision.Decision;
import care.concord.policy.decision.OrganisationPolicy;
import care.concord.policy.decision.OrganisationVerdict;
import care.concord.policy.json.OpaJson;
import care.concord.policy.request.AccessRequest;

/**
 * An {@link OrganisationPolicy} evaluated by an Open Policy Agent server through its Data
 * API: Concord's optional extension beyond consent-decisions.md, off unless the server is
 * configured with it.
 *
 * <p>
 * For each permit of the core engine it POSTs {@code {"input": ...}} (see
 * {@link OpaJson#input}) to {@code <baseUrl>/v1/data/<package path>} and reads
 * {@code {"result": {"allow": bool, "reasons": [...]}}}. It fails closed: an OPA deny, a
 * non-2xx status, a body that is not the documented shape, a missing {@code result}, a
 * connection failure or no complete answer within the timeout (default 200 ms) each
 * narrow the permit to a deny with reason {@code organisation-policy}, and the reasons
 * end up in the decision's explanation.
 *
 * @see <a href=
 * "https://www.openpolicyagent.org/docs/latest/rest-api/#get-a-document-with-input">OPA
 * Data API</a>
 */
public final class OpaOrganisationPolicy implements OrganisationPolicy {

	/**
	 * Default time allowed for OPA's complete answer; OPA evaluates small policies in
	 * microseconds.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

	private static final Pattern PACKAGE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

	private final HttpClient client;

	private final URI endpoint;

	private final Duration timeout;

	/** A policy at {@code <baseUrl>/v1/data/<packagePath>} with the default timeout. */
	public OpaOrganisationPolicy(URI baseUrl, String packagePath) {
		this(baseUrl, packagePath, DEFAULT_TIMEOUT);
	}

	/**
	 * A policy with its own HTTP client.
	 * @param baseUrl OPA's base URL, e.g. {@code http://localhost:8181}
	 * @param packagePath the rule document, with dots or slashes:
	 * {@code concord.organisation} or {@code concord/organisation}
	 * @param timeout the time allowed for OPA's complete answer
	 */
	public OpaOrganisationPolicy(URI baseUrl, String packagePath, Duration timeout) {
		this(HttpClient.newBuilder().connectTimeout(timeout).build(), baseUrl, packagePath, timeout);
	}

	/**
	 * A policy sharing the given HTTP client (e.g. one configured with TLS for a remote
	 * OPA).
	 */
	public OpaOrganisationPolicy(HttpClient client, URI baseUrl, String packagePath, Duration timeout) {
		if (client == null || baseUrl == null || packagePath == null || timeout == null) {
			throw new IllegalArgumentException("client, baseUrl, packagePath and timeout are required");
		}
		String path = packagePath.replace('.', '/');
		if (!PACKAGE_PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("package path '" + packagePath + "' is not a Rego package path");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
		String base = baseUrl.toString().replaceAll("/+$", "");
		this.client = client;
		this.endpoint = URI.create(base + "/v1/data/" + path);
		this.timeout = timeout;
	}

	/** The Data API URL this policy asks. */
	public URI endpoint() {
		return this.endpoint;
	}

	/** The time allowed for OPA's complete answer. */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public OrganisationVerdict evaluate(AccessRequest request, Decision permit) {
		HttpRequest post = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(OpaJson.input(request, permit)))
			.build();
		// The request timeout only covers the response headers; the future's deadline
		// also bounds the body.
		CompletableFuture<HttpResponse<String>> answer = this.client.sendAsync(post,
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> response;
		try {
			response = answer.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			return unavailable("did not answer within " + this.timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			return unavailable("was interrupted");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof java.net.http.HttpTimeoutException) {
				return unavailable("did not answer within " + this.timeout.toMillis() + " ms");
			}
			return unavailable("could not be reached ("
					+ ((cause instanceof IOException) ? cause.getClass().getSimpleName() : String.valueOf(cause))
					+ ")");
		}
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			return unavailable("answered HTTP " + response.statusCode());
		}
		OrganisationVerdict verdict;
		try {
			verdict = OpaJson.verdict(response.body());
		}
		catch (IllegalArgumentException ex) {
			return unavailable("gave an unusable answer: " + ex.getMessage());
		}
		if (!verdict.allowed() && verdict.reasons().isEmpty()) {
			return OrganisationVerdict.deny("the organisation policy does not allow this access");
		}
		return verdict;
	}

	private static OrganisationVerdict unavailable(String what) {
		return OrganisationVerdict.deny(List.of("the organisation policy service " + what));
	}

}
