package care.concord.agency.spring;

import java.io.IOException;
import java.util.function.Supplier;

import care.concord.agency.PractitionerClaims;
import care.concord.agency.UmaClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Makes a {@code RestClient} (or {@code RestTemplate}) call UMA-protected servers: on a
 * UMA challenge it redeems the ticket at Concord with the practitioner's claims, retries
 * once with the RPT and keeps the RPT per request URI and claims. The claims come from
 * the request attribute {@link #CLAIMS_ATTRIBUTE}
 * ({@code restClient.get().uri(...).attribute(CLAIMS_ATTRIBUTE, claims)}) or else from
 * the supplier given here. Concord's refusals are thrown as the kit's exceptions
 * ({@code RequestDeniedException}, {@code NeedInfoException},
 * {@code ConcordUnavailableException}).
 */
public class UmaClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	/** The request attribute carrying the {@link PractitionerClaims} of one request. */
	public static final String CLAIMS_ATTRIBUTE = PractitionerClaims.class.getName();

	private final UmaClient uma;

	private final Supplier<PractitionerClaims> defaultClaims;

	public UmaClientHttpRequestInterceptor(UmaClient uma, Supplier<PractitionerClaims> defaultClaims) {
		this.uma = uma;
		this.defaultClaims = defaultClaims;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Object attribute = request.getAttributes().get(CLAIMS_ATTRIBUTE);
		PractitionerClaims claims = (attribute instanceof PractitionerClaims given) ? given
				: (this.defaultClaims != null) ? this.defaultClaims.get() : null;
		if (claims == null) {
			return execution.execute(request, body);
		}
		String original = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return this.uma.exchange(request.getURI().toString(), claims, new UmaClient.Exchange<>() {

			@Override
			public ClientHttpResponse send(String rpt) throws IOException {
				if (rpt != null) {
					request.getHeaders().setBearerAuth(rpt);
				}
				else if (original == null) {
					request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
				}
				return execution.execute(request, body);
			}

			@Override
			public int status(ClientHttpResponse response) {
				try {
					return response.getStatusCode().value();
				}
				catch (IOException ex) {
					return 500;
				}
			}

			@Override
			public String header(ClientHttpResponse response, String name) {
				return response.getHeaders().getFirst(name);
			}

			@Override
			public void discard(ClientHttpResponse response) {
				response.close();
			}

		});
	}

}
