package care.concord.agency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import care.concord.agency.ConcordConnection.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The protected server's resources registered at Concord (UMA Federated Authorization,
 * section 3): one pointer per citizen and data category, registered once and remembered.
 * {@link #load()} learns the pointers an earlier run registered, so that a restart does
 * not register them twice. Thread-safe.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#resource-registration-endpoint">FedAuthz
 * 3</a>
 */
public final class ResourceRegistry {

	private static final String RESOURCE_SET = "/uma/resource_set";

	private final ConcordConnection concord;

	private final Map<ProtectedResource, String> ids = new ConcurrentHashMap<>();

	public ResourceRegistry(ConcordConnection concord) {
		this.concord = concord;
	}

	/**
	 * Learns the resources this agency registered before (pages through the resource list
	 * and reads each description). Returns how many are known afterwards.
	 * @throws ConcordUnavailableException when Concord cannot be reached
	 */
	public int load() {
		String after = null;
		while (true) {
			String query = "?limit=1000" + ((after != null) ? "&after=" + ConcordConnection.form(after) : "");
			Answer page = this.concord.sendJsonWithPat("GET", RESOURCE_SET + query, null);
			if (page.status() != 200 || !page.json().isArray()) {
				throw new ConcordUnavailableException("Concord's resource list answered " + page.status());
			}
			for (JsonNode id : page.json()) {
				Answer description = this.concord.sendJsonWithPat("GET", RESOURCE_SET + "/" + id.asString(), null);
				if (description.status() == 200) {
					String type = description.json().path("type").asString("");
					String category = type.substring(type.lastIndexOf('/') + 1);
					String subject = description.json().path("subject").asString("");
					if (ProtectedResource.CATEGORIES.contains(category) && subject.length() == 10) {
						this.ids.putIfAbsent(new ProtectedResource(subject, category), id.asString());
					}
				}
			}
			if (page.json().size() < 1000) {
				return this.ids.size();
			}
			after = page.json().get(page.json().size() - 1).asString();
		}
	}

	/**
	 * Registers the resource at Concord unless it is already registered; returns its
	 * resource id.
	 * @throws ConcordUnavailableException when Concord cannot be reached
	 * @throws IllegalArgumentException when Concord refuses the registration (its reason
	 * in the message)
	 */
	public String register(ProtectedResource resource) {
		String known = this.ids.get(resource);
		if (known != null) {
			return known;
		}
		synchronized (this.ids) {
			known = this.ids.get(resource);
			if (known != null) {
				return known;
			}
			Answer answer = this.concord.sendJsonWithPat("POST", RESOURCE_SET,
					Map.of("name", resource.category() + " of " + resource.subject(), "type",
							"https://concord.care/category/" + resource.category(), "resource_scopes", List.of("read"),
							"subject", resource.subject()));
			if (answer.status() != 201 || !answer.json().path("_id").isString()) {
				throw new IllegalArgumentException("Concord refused to register " + resource + ": " + answer.status()
						+ " " + answer.error() + " " + answer.description());
			}
			String id = answer.json().path("_id").asString();
			this.ids.put(resource, id);
			return id;
		}
	}

	/** Registers each resource (see {@link #register}); returns their ids in order. */
	public List<String> registerAll(Collection<ProtectedResource> resources) {
		List<String> registered = new ArrayList<>(resources.size());
		for (ProtectedResource resource : resources) {
			registered.add(register(resource));
		}
		return registered;
	}

	/**
	 * Deletes the resource's pointer at Concord (the server no longer holds that data):
	 * outstanding tickets and RPTs stop covering it. Returns whether a pointer was known.
	 */
	public boolean unregister(ProtectedResource resource) {
		String id = this.ids.get(resource);
		if (id == null) {
			return false;
		}
		Answer answer = this.concord.sendJsonWithPat("DELETE", RESOURCE_SET + "/" + id, null);
		if (answer.status() != 204 && answer.status() != 404) {
			throw new IllegalArgumentException("Concord refused to delete " + resource + ": " + answer.status());
		}
		this.ids.remove(resource);
		return true;
	}

	/** The id Concord gave the resource, if it is registered. */
	public Optional<String> idOf(ProtectedResource resource) {
		return Optional.ofNullable(this.ids.get(resource));
	}

	/**
	 * Forgets a remembered id (Concord no longer knows it); the next {@link #register}
	 * registers it again.
	 */
	void forget(ProtectedResource resource) {
		this.ids.remove(resource);
	}

}
