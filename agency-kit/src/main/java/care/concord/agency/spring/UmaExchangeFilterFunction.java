package care.concord.agency.spring;

import care.concord.agency.PractitionerClaims;
import care.concord.agency.UmaChallenge;
import care.concord.agency.UmaClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The {@code WebClient} counterpart of {@link UmaClientHttpRequestInterceptor}: on a UMA
 * challenge it redeems the ticket at Concord (on the bounded-elastic scheduler: the call
 * to Concord blocks), retries once with the RPT and keeps the RPT per request URL and
 * claims. The claims come from the request attribute
 * {@link UmaClientHttpRequestInterceptor#CLAIMS_ATTRIBUTE}; requests without claims pass
 * unchanged. Concord's refusals are the kit's exceptions, as errors of the returned
 * {@code Mono}.
 */
public class UmaExchangeFilterFunction implements ExchangeFilterFunction {

	private final UmaClient uma;

	public UmaExchangeFilterFunction(UmaClient uma) {
		this.uma = uma;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		Object attribute = request.attribute(UmaClientHttpRequestInterceptor.CLAIMS_ATTRIBUTE).orElse(null);
		if (!(attribute instanceof PractitionerClaims claims)) {
			return next.exchange(request);
		}
		String resource = request.url().toString();
		String cached = this.uma.cachedRpt(resource, claims).orElse(null);
		return next.exchange(withRpt(request, cached)).flatMap((response) -> {
			int status = response.statusCode().value();
			UmaChallenge challenge = (status == 401 || status == 403)
					? UmaChallenge.parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
						.orElse(null)
					: null;
			if (challenge == null) {
				return Mono.just(response);
			}
			return response.releaseBody()
				.then(Mono.fromCallable(() -> this.uma.renew(resource, claims, challenge, status, cached))
					.subscribeOn(Schedulers.boundedElastic()))
				.flatMap((rpt) -> next.exchange(withRpt(request, rpt.token())));
		});
	}

	private static ClientRequest withRpt(ClientRequest request, String rpt) {
		if (rpt == null) {
			return request;
		}
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(rpt)).build();
	}

}
