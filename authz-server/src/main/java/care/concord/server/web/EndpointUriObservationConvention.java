package care.concord.server.web;

import java.util.Set;

import io.micrometer.common.KeyValue;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * HTTP server metrics ({@code http.server.requests}) with a {@code uri} for the endpoints
 * that filters answer rather than controllers (the OAuth token, introspection, revocation
 * and JWK Set endpoints, OIDC UserInfo, the authorization server metadata): without a
 * handler's path pattern they would all be counted as {@code uri="UNKNOWN"}. Only the
 * fixed paths given are used, so the tag's values stay bounded.
 */
public final class EndpointUriObservationConvention extends DefaultServerRequestObservationConvention {

	private final Set<String> paths;

	public EndpointUriObservationConvention(Set<String> paths) {
		this.paths = Set.copyOf(paths);
	}

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		if (context.getPathPattern() == null && context.getCarrier() != null) {
			String path = context.getCarrier()
				.getRequestURI()
				.substring(context.getCarrier().getContextPath().length());
			if (this.paths.contains(path)) {
				return KeyValue.of("uri", path);
			}
		}
		return super.uri(context);
	}

}
