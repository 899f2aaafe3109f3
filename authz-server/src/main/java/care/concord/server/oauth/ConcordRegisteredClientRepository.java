package care.concord.server.oauth;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * The {@link RegisteredClientRepository} the authorization server uses: a store (Spring
 * Authorization Server's JDBC repository) that hides clients whose organisation or
 * registration is disabled from {@link #findByClientId(String) client look-up}, so a
 * disabled client fails client authentication with {@code invalid_client} and obtains no
 * new tokens.
 *
 * <p>
 * {@link #findById(String)} still answers for disabled clients, because stored
 * authorizations are read through it (introspection of a disabled client's token must
 * answer {@code active: false}, not fail).
 *
 * <p>
 * Look-ups are cached per {@link ClientRegistryVersion generation} (every token request
 * reads its client, and parsing a stored client's settings costs more than the query);
 * {@link #save} moves the generation on.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section 5.2
 * ({@code invalid_client})</a>
 */
public final class ConcordRegisteredClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository store;

	private final ClientOwnerDirectory owners;

	private final ClientRegistryVersion version;

	private final GenerationCache<String, RegisteredClient> byClientId;

	private final GenerationCache<String, RegisteredClient> byId;

	public ConcordRegisteredClientRepository(RegisteredClientRepository store, ClientOwnerDirectory owners,
			ClientRegistryVersion version) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(version, "version cannot be null");
		this.store = store;
		this.owners = owners;
		this.version = version;
		this.byClientId = new GenerationCache<>(version);
		this.byId = new GenerationCache<>(version);
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.version.changed();
		this.store.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return (id != null) ? this.byId.get(id, this.store::findById) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = findByClientIdIncludingDisabled(clientId);
		if (client == null || !this.owners.isClientEnabled(clientId)) {
			return null;
		}
		return client;
	}

	/** The client whatever its status, for administration (secret rotation, listing). */
	public RegisteredClient findByClientIdIncludingDisabled(String clientId) {
		return (clientId != null) ? this.byClientId.get(clientId, this.store::findByClientId) : null;
	}

}
