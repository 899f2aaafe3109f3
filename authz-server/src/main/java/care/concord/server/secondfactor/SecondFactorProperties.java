package care.concord.server.secondfactor;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The second factor of local accounts ({@code concord.second-factor.*}).
 *
 * @param requiredRoles the roles whose password sign-ins need a TOTP code too (default
 * {@code ig-officer}, {@code admin}); empty turns the second factor off (tests of other
 * features only)
 * @param issuer the name authenticator apps show for the account (default
 * {@code Concord})
 * @param maxAttempts wrong codes allowed per password sign-in before it is discarded
 * (default 5)
 */
@ConfigurationProperties("concord.second-factor")
public record SecondFactorProperties(@DefaultValue( {
		"ig-officer", "admin" }) List<String> requiredRoles, @DefaultValue("Concord") String issuer,
		@DefaultValue("5") int maxAttempts){

	public SecondFactorProperties {
		requiredRoles = (requiredRoles != null) ? requiredRoles.stream().filter((r) -> !r.isBlank()).toList()
				: List.of();
	}

}
