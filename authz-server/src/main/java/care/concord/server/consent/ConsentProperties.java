package care.concord.server.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of citizens' consent management ({@code concord.consent.*}).
 *
 * @param noticeVersion the version of the privacy notice citizens consent under; every
 * receipt names it
 * @param controller the data controller named on receipts (Kantara {@code piiController})
 * @param controllerContact how to contact the controller, printed on receipts; may be
 * empty
 * @param maxActiveDirectives the most active directives one citizen may hold
 * @param maxListSize the most entries one scope list of a directive may hold
 */
@ConfigurationProperties("concord.consent")
public record ConsentProperties(@DefaultValue("2026-11") String noticeVersion,
		@DefaultValue("Concord") String controller, @DefaultValue("") String controllerContact,
		@DefaultValue("100") int maxActiveDirectives, @DefaultValue("50") int maxListSize) {

	public ConsentProperties {
		if (noticeVersion == null || noticeVersion.isBlank()) {
			throw new IllegalArgumentException("concord.consent.notice-version must not be blank");
		}
		if (maxActiveDirectives < 1 || maxListSize < 1) {
			throw new IllegalArgumentException("concord.consent limits must be positive");
		}
	}

}
