package care.concord.server.decision;

import java.net.URI;
import java.time.Duration;

import care.concord.policy.decision.OrganisationPolicy;
import care.concord.policy.opa.OpaOrganisationPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation policy an information governance team keeps in Open Policy Agent
 * ({@code concord.policy.opa.*}): off unless {@code url} is set. When set, every permit
 * of the consent engine is put to OPA's Data API and narrowed to a deny
 * ({@code organisation-policy}) when OPA denies it, answers anything but an allow, or
 * does not answer within {@code timeout}: fail closed (see {@link OpaOrganisationPolicy}
 * and docs/consent-model.md).
 *
 * @param url OPA's base URL, e.g. {@code http://127.0.0.1:8181} (an OPA sidecar); none
 * turns the policy off
 * @param packagePath the Rego package whose document answers, with dots or slashes
 * (default {@code concord.organisation}, i.e.
 * {@code POST <url>/v1/data/concord/organisation})
 * @param timeout the time allowed for OPA's complete answer (default 200 ms)
 */
@ConfigurationProperties("concord.policy.opa")
public record OpaPolicyProperties(URI url, @DefaultValue("concord.organisation") String packagePath,
		@DefaultValue("200ms") Duration timeout) {

	public OpaPolicyProperties {
		if (url != null && (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
				|| url.getHost() == null)) {
			throw new IllegalArgumentException(
					"concord.policy.opa.url must be an absolute http(s) URL, e.g. " + "http://127.0.0.1:8181");
		}
		if (url != null) {
			// validates the package path and timeout at start-up rather than at the first
			// decision
			new OpaOrganisationPolicy(url, packagePath, timeout);
		}
	}

	/** The OPA organisation policy, or null when {@code url} is not set. */
	public OrganisationPolicy organisationPolicy() {
		return (this.url != null) ? new OpaOrganisationPolicy(this.url, this.packagePath, this.timeout) : null;
	}

}
