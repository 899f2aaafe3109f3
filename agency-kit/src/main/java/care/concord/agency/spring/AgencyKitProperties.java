package care.concord.agency.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import care.concord.agency.ConcordSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code concord.agency.*}: where Concord is and the agency's client.
 */
@ConfigurationProperties("concord.agency")
public class AgencyKitProperties {

	/** Concord's issuer, e.g. https://concord.example. */
	private URI issuer;

	/** The agency's client id at Concord. */
	private String clientId;

	/** The client's secret. */
	private String clientSecret;

	/** Time-out of each call to Concord. */
	private Duration timeout = Duration.ofSeconds(2);

	/** How long an RPT's introspection is reused (at most 1 s). */
	private Duration introspectionCacheTtl = Duration.ofMillis(500);

	/** The realm named in UMA challenges. */
	private String realm = "concord";

	/**
	 * The paths the protection filter guards (when a RequestResourceMapper bean exists).
	 */
	private List<String> protectedPaths = List.of("/*");

	ConcordSettings toSettings() {
		return new ConcordSettings(this.issuer, this.clientId, this.clientSecret, this.timeout,
				this.introspectionCacheTtl);
	}

	public URI getIssuer() {
		return this.issuer;
	}

	public void setIssuer(URI issuer) {
		this.issuer = issuer;
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getIntrospectionCacheTtl() {
		return this.introspectionCacheTtl;
	}

	public void setIntrospectionCacheTtl(Duration introspectionCacheTtl) {
		this.introspectionCacheTtl = introspectionCacheTtl;
	}

	public String getRealm() {
		return this.realm;
	}

	public void setRealm(String realm) {
		this.realm = realm;
	}

	public List<String> getProtectedPaths() {
		return this.protectedPaths;
	}

	public void setProtectedPaths(List<String> protectedPaths) {
		this.protectedPaths = protectedPaths;
	}

}
