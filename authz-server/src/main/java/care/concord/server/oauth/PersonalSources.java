package care.concord.server.oauth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which OAuth clients are citizens' personal apps and devices (implemented by the
 * {@code source} feature). A personal app's access token is a protection token bound to
 * the citizen who connected it: the token customizer gives it that citizen's NHS number
 * ({@code owner_nhs_number}), the app as holder ({@code org_code}, with {@code org_type}
 * {@value #ORG_TYPE}), the categories the citizen granted ({@code record_categories}) and
 * no roles, so it can register pointers about that citizen and nothing else, and never
 * act as the citizen.
 */
public interface PersonalSources {

	/**
	 * The {@code org_type} claim of a personal app's tokens (a holder kind, not an
	 * organisation type).
	 */
	String ORG_TYPE = "personal-app";

	/** The claim naming the citizen a personal app's token is bound to. */
	String OWNER_CLAIM = "owner_nhs_number";

	/** The claim listing the data categories a personal app's token may register. */
	String CATEGORIES_CLAIM = "record_categories";

	/**
	 * The scope prefix of a category a personal app may hold: {@code record:wearable}.
	 */
	String CATEGORY_SCOPE_PREFIX = "record:";

	/** The personal app registered with that client id, if it is one. */
	Optional<PersonalSource> find(String clientId);

	/**
	 * The data categories among granted scopes ({@code record:wearable} gives
	 * {@code wearable}), sorted, in a mutable list (stored authorizations serialise token
	 * claims with an allow-list of collection types).
	 */
	static ArrayList<String> categories(Collection<String> scopes) {
		return scopes.stream()
			.filter((scope) -> scope.startsWith(CATEGORY_SCOPE_PREFIX))
			.map((scope) -> scope.substring(CATEGORY_SCOPE_PREFIX.length()))
			.sorted()
			.collect(Collectors.toCollection(ArrayList::new));
	}

	/**
	 * A personal app was given a protection token for a citizen (the end of the
	 * authorization code flow: the app is connected). Implementations audit it; a failure
	 * refuses the token (fail closed).
	 * @param clientId the app
	 * @param username the citizen's account
	 * @param nhsNumber the citizen's NHS number
	 * @param categories the categories the token may register
	 */
	default void connected(String clientId, String username, String nhsNumber, List<String> categories) {
	}

	/** No personal apps (the feature absent). */
	static PersonalSources none() {
		return (clientId) -> Optional.empty();
	}

	/**
	 * A personal app as the token machinery needs it.
	 *
	 * @param clientId its client id, which is also its holder code
	 * @param name its name, as the citizen sees it
	 * @param categories the category codes it was registered for
	 * @param enabled whether it may currently obtain and use tokens
	 */
	record PersonalSource(String clientId, String name, Set<String> categories, boolean enabled) {

		public PersonalSource {
			categories = Set.copyOf(categories);
		}

	}

}
