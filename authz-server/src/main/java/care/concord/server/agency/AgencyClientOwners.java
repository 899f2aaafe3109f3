package care.concord.server.agency;

import java.util.Optional;

import care.concord.server.oauth.ClientOwner;
import care.concord.server.oauth.ClientOwnerDirectory;

import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link ClientOwnerDirectory} of agency clients: a client's owner is its agency, and
 * the client is enabled only while both the agency and the client registration are.
 */
public class AgencyClientOwners implements ClientOwnerDirectory {

	private final AgencyRepository agencies;

	private final AgencyClientRepository clients;

	public AgencyClientOwners(AgencyRepository agencies, AgencyClientRepository clients) {
		this.agencies = agencies;
		this.clients = clients;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ClientOwner> findByClientId(String clientId) {
		if (clientId == null) {
			return Optional.empty();
		}
		return this.clients.findById(clientId)
			.flatMap((link) -> this.agencies.findById(link.getAgencyCode())
				.map((agency) -> new ClientOwner(agency.getCode(), agency.getOrgType().code(),
						agency.isEnabled() && link.isEnabled())));
	}

}
