package care.concord.server.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the admin console's OAuth client ({@code concord.console.*}).
 *
 * @param register whether Concord registers (or completes) the {@code concord-console}
 * public client on start-up
 * @param redirectUris extra redirect URIs to allow, e.g.
 * {@code https://concord.example.nhs.uk/console/callback} when the console is reached at
 * another address than the issuer
 */
@ConfigurationProperties("concord.console")
public record ConsoleProperties(@DefaultValue("true") boolean register, @DefaultValue List<String> redirectUris) {

	public ConsoleProperties {
		redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
	}

}
