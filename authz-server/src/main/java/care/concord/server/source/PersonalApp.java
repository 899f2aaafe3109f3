package care.concord.server.source;

import java.time.Instant;
import java.util.List;

import care.concord.policy.request.Category;

import org.springframework.util.Assert;

/**
 * A citizen's personal app or device (a wearable's companion app, a personal health
 * record) registered by an administrator: an OAuth client that, once a citizen connects
 * it, acts as the resource server for that citizen's data it holds. Its client id is also
 * its holder code in resource registrations and decisions.
 *
 * @param clientId the OAuth client id and holder code
 * @param name the name citizens see on the consent screen and in "connected apps"
 * @param categories the data categories it may register pointers in
 * @param enabled false once an administrator disabled it
 * @param createdAt when it was registered
 */
public record PersonalApp(String clientId, String name, List<Category> categories, boolean enabled, Instant createdAt) {

	public PersonalApp {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(name, "name cannot be empty");
		Assert.notEmpty(categories, "categories cannot be empty");
		Assert.notNull(createdAt, "createdAt cannot be null");
		categories = List.copyOf(categories);
	}

	/**
	 * The category codes, as scopes {@code record:<code>} and token claims carry them.
	 */
	public List<String> categoryCodes() {
		return this.categories.stream().map(Category::code).toList();
	}

}
