package care.concord.server.uma;

import java.time.Instant;
import java.util.List;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;

import org.springframework.util.Assert;

/**
 * A registered UMA resource: a pointer to one category of a citizen's data held by an
 * agency. It says who holds the data (the resource server's organisation), about whom
 * (the subject's NHS number) and which data category, with the scopes that may be
 * requested on it; it never holds the data itself.
 *
 * @param id the resource's {@code _id}
 * @param holder organisation code of the resource server that registered it
 * @param holderOrgType the holder's organisation type code, as its PAT stated at
 * registration
 * @param registeredByClient the OAuth client whose PAT registered it
 * @param subject the citizen the data is about
 * @param name a display name, or null
 * @param category the data category (the resource {@code type})
 * @param scopes the resource scopes, including {@code read} (unmodifiable)
 * @param description an optional description, or null
 * @param iconUri an optional icon URI, or null
 * @param createdAt when it was registered
 * @param updatedAt when its description last changed
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#resource-set-desc">UMA
 * FedAuthz section 3.1 (resource description)</a>
 */
public record ResourceSet(String id, String holder, String holderOrgType, String registeredByClient, NhsNumber subject,
		String name, Category category, List<String> scopes, String description, String iconUri, Instant createdAt,
		Instant updatedAt) {

	public ResourceSet {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(holder, "holder cannot be empty");
		Assert.hasText(holderOrgType, "holderOrgType cannot be empty");
		Assert.hasText(registeredByClient, "registeredByClient cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		Assert.isTrue(name == null || !name.isBlank(), "name cannot be blank");
		Assert.notNull(category, "category cannot be null");
		Assert.notEmpty(scopes, "scopes cannot be empty");
		Assert.notNull(createdAt, "createdAt cannot be null");
		Assert.notNull(updatedAt, "updatedAt cannot be null");
		scopes = List.copyOf(scopes);
	}

	/** This resource with a new description (same id, holder and registration time). */
	public ResourceSet withDescription(ResourceDescription description, Instant now) {
		return new ResourceSet(this.id, this.holder, this.holderOrgType, this.registeredByClient, description.subject(),
				description.name(), description.category(), description.scopes(), description.description(),
				description.iconUri(), this.createdAt, now);
	}

}
