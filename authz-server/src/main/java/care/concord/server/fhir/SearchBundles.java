package care.concord.server.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * The answers of Concord's FHIR searches: a {@code searchset} Bundle with its
 * {@code total} and {@code self} link, and one {@code match} entry per resource found,
 * whose {@code fullUrl} is the resource's URL under the FHIR base.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#search">FHIR R4 RESTful search</a>
 */
public final class SearchBundles {

	private SearchBundles() {
	}

	/**
	 * An empty searchset Bundle.
	 * @param base the FHIR base URL as the client reached it
	 * @param resourceType the type searched
	 * @param query the query string of the search, or null
	 * @param total how many resources match in all; negative when not counted (then the
	 * Bundle has no {@code total}, as for {@code _total=none})
	 */
	public static Bundle searchset(String base, String resourceType, String query, long total) {
		Bundle bundle = new Bundle();
		bundle.setType(BundleType.SEARCHSET);
		if (total >= 0) {
			bundle.setTotal((int) Math.min(total, Integer.MAX_VALUE));
		}
		bundle.addLink().setRelation("self").setUrl(base + "/" + resourceType + ((query != null) ? "?" + query : ""));
		return bundle;
	}

	/**
	 * Adds a resource the search found, with {@code fullUrl} {@code <base>/<type>/<id>}.
	 */
	public static void addMatch(Bundle bundle, String base, Resource resource) {
		bundle.addEntry()
			.setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
			.setResource(resource)
			.getSearch()
			.setMode(SearchEntryMode.MATCH);
	}

}
