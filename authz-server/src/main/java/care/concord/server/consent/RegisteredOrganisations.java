package care.concord.server.consent;

import java.util.Collection;
import java.util.Set;

/**
 * The register of organisations a directive may name: the agencies registered with
 * Concord ({@code agency} package). A directive naming an organisation code outside it is
 * refused, so that a typing mistake never becomes a rule that matches nobody.
 *
 * <p>
 * Whether the agency is enabled does not matter: a disabled agency is still registered,
 * and directives naming it are kept and still apply (should it be enabled again, the
 * citizen's choices about it hold at once).
 */
@FunctionalInterface
public interface RegisteredOrganisations {

	/**
	 * The codes among the given ones that name no registered agency.
	 * @param codes organisation codes, as a directive holds them
	 * @return the unregistered ones, empty when all are registered
	 */
	Set<String> unregistered(Collection<String> codes);

}
