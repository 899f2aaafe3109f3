package care.concord.agency;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protected server's UMA challenge:
 * {@code WWW-Authenticate: UMA realm="...", as_uri="...", ticket="..."}.
 *
 * @param realm the server's realm (may be null)
 * @param asUri the authorization server the ticket is for
 * @param ticket the permission ticket
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.2">UMA
 * Grant 3.2</a>
 */
public record UmaChallenge(String realm, String asUri, String ticket) {

	private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

	/**
	 * The challenge in a {@code WWW-Authenticate} header, if it is a UMA one with a
	 * ticket and an {@code as_uri}.
	 */
	public static Optional<UmaChallenge> parse(String header) {
		if (header == null || !header.regionMatches(true, 0, "UMA ", 0, 4)) {
			return Optional.empty();
		}
		Map<String, String> params = new LinkedHashMap<>();
		Matcher matcher = PARAM.matcher(header.substring(4));
		while (matcher.find()) {
			params.putIfAbsent(matcher.group(1).toLowerCase(),
					(matcher.group(2) != null) ? matcher.group(2) : matcher.group(3));
		}
		String ticket = params.get("ticket");
		String asUri = params.get("as_uri");
		if (ticket == null || ticket.isEmpty() || asUri == null || asUri.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new UmaChallenge(params.get("realm"), asUri, ticket));
	}

	/** The header this challenge is sent as. */
	public String toHeader() {
		return "UMA realm=\"" + ((this.realm != null) ? this.realm : "") + "\", as_uri=\"" + this.asUri
				+ "\", ticket=\"" + this.ticket + "\"";
	}

}
