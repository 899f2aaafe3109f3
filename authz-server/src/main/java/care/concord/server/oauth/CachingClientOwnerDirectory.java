package care.concord.server.oauth;

import java.util.Optional;

import org.springframework.util.Assert;

/**
 * A {@link ClientOwnerDirectory} that remembers owners per {@link ClientRegistryVersion
 * generation}: the token endpoint asks for the requesting client's owner on every request
 * (client authentication, then the token's {@code org_code} / {@code org_type}), and the
 * answer only changes when the registry does.
 */
public final class CachingClientOwnerDirectory implements ClientOwnerDirectory {

	private final ClientOwnerDirectory store;

	private final GenerationCache<String, Optional<ClientOwner>> cache;

	public CachingClientOwnerDirectory(ClientOwnerDirectory store, ClientRegistryVersion version) {
		Assert.notNull(store, "store cannot be null");
		this.store = store;
		this.cache = new GenerationCache<>(version);
	}

	@Override
	public Optional<ClientOwner> findByClientId(String clientId) {
		if (clientId == null) {
			return Optional.empty();
		}
		return this.cache.get(clientId, this.store::findByClientId);
	}

}
