package care.concord.server.agency;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.config.ApiAuthorizationRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agency directory ({@code GET /api/directory/agencies}): every registered agency's
 * name, organisation code, type and town, so that people choose organisations by name and
 * every page shows names instead of codes. Nothing secret: no clients, no state beyond
 * whether the agency is enabled. Readable with a person's token (citizen, IG officer or
 * administrator); agencies' own tokens carry no role and do not reach it.
 *
 * <p>
 * {@code q} narrows the list to agencies whose name or town contains it or whose code
 * starts with it (case does not matter); without it the whole directory is answered,
 * sorted by name.
 */
@RestController
public class AgencyDirectoryController {

	/** Longest search text accepted; longer text matches nothing anyway. */
	static final int MAX_QUERY = 100;

	private final AgencyRepository agencies;

	public AgencyDirectoryController(AgencyRepository agencies) {
		this.agencies = agencies;
	}

	@GetMapping("/api/directory/agencies")
	@Transactional(readOnly = true)
	public List<DirectoryEntry> directory(@RequestParam(required = false) String q) {
		String query = (q != null) ? q.strip().toLowerCase(Locale.ROOT) : "";
		if (query.length() > MAX_QUERY) {
			return List.of();
		}
		return this.agencies.findAllByOrderByCodeAsc()
			.stream()
			.filter((agency) -> query.isEmpty() || agency.getName().toLowerCase(Locale.ROOT).contains(query)
					|| (agency.getTown() != null && agency.getTown().toLowerCase(Locale.ROOT).contains(query))
					|| agency.getCode().toLowerCase(Locale.ROOT).startsWith(query))
			.map(DirectoryEntry::of)
			.sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
			.toList();
	}

	/**
	 * One agency in the directory.
	 *
	 * @param code organisation (ODS) code
	 * @param name the agency's name
	 * @param orgType organisation type code of the consent vocabulary
	 * @param town the town the agency is in, or null when not recorded
	 * @param enabled whether the agency may currently obtain tokens
	 */
	public record DirectoryEntry(String code, String name, @JsonProperty("org_type") String orgType, String town,
			boolean enabled) {

		static DirectoryEntry of(Agency agency) {
			return new DirectoryEntry(agency.getCode(), agency.getName(), agency.getOrgType().code(), agency.getTown(),
					agency.isEnabled());
		}

	}

	/** Access rule of the directory: a person's token with any of Concord's roles. */
	@Configuration(proxyBeanMethods = false)
	static class DirectoryRules {

		@Bean
		ApiAuthorizationRules agencyDirectoryRules() {
			return (rules) -> rules.requestMatchers("/api/directory/agencies")
				.hasAnyRole("citizen", "ig-officer", "admin");
		}

	}

}
