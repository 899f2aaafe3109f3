package care.concord.server.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.consent.proxy.ProxyGrant;
import care.concord.server.consent.proxy.ProxyStore;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.NotPermittedException;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Works out whose consent a request is about and who acts, from the bearer token alone
 * (and, on the proxy paths, the NHS number in the path checked against the proxy table):
 * <ul>
 * <li>{@code /api/me/...}: the subject is the token's {@code nhs_number}, the actor its
 * {@code sub};</li>
 * <li>{@code /api/citizens/{nhs}/...}: the actor is the token's {@code sub}, and must be
 * the citizen themselves or a proxy that citizen named; anyone else is refused (403)
 * whether or not the NHS number is known.</li>
 * </ul>
 * Request bodies never name the subject.
 */
public final class ConsentActorResolver {

	/** The access token claim carrying a citizen's NHS number. */
	public static final String NHS_NUMBER_CLAIM = "nhs_number";

	private final ProxyStore proxies;

	public ConsentActorResolver(ProxyStore proxies) {
		this.proxies = Objects.requireNonNull(proxies, "proxies");
	}

	/**
	 * The citizen acting on their own consent.
	 * @throws NotPermittedException (403) when the token carries no valid NHS number
	 */
	public ConsentActor self(Jwt token) {
		return ConsentActor.self(ownNhsNumber(token), token.getSubject());
	}

	/**
	 * The token's person acting on the consent of the citizen with that NHS number:
	 * themselves, or as the citizen's proxy.
	 * @throws InvalidRequestException 400 for a malformed NHS number, 403 when the person
	 * is neither the citizen nor a proxy the citizen named
	 */
	public ConsentActor forCitizen(Jwt token, String nhsNumber) {
		NhsNumber subject;
		try {
			subject = NhsNumber.parse(nhsNumber);
		}
		catch (NhsNumber.InvalidNhsNumberException ex) {
			throw new InvalidRequestException("nhs_number", ex.getMessage());
		}
		String username = token.getSubject();
		String own = token.getClaimAsString(NHS_NUMBER_CLAIM);
		if (own != null && NhsNumber.isValid(own) && NhsNumber.parse(own).equals(subject)) {
			return ConsentActor.self(subject, username);
		}
		return this.proxies.find(subject, username)
			.map((grant) -> new ConsentActor(subject, username, grant.citizenUsername()))
			.orElseThrow(() -> new NotPermittedException(
					"you may act only on your own consent or that of a citizen who named you as their proxy"));
	}

	/**
	 * The person acting on the consent of one of the citizens whose consent they may act
	 * on (themselves, the citizens who named them as proxy) chosen by {@code matches}:
	 * for a request that names the citizen only indirectly (a FHIR Consent id). Empty
	 * when none matches, so that the caller cannot tell another person's consent from one
	 * that does not exist.
	 */
	public Optional<ConsentActor> find(Jwt token, Predicate<NhsNumber> matches) {
		// the decision stays with forCitizen
		return reachable(token).stream()
			.filter(matches)
			.findFirst()
			.map((subject) -> forCitizen(token, subject.value()));
	}

	/**
	 * The person acting on every consent they may act on: their own (when the token
	 * carries an NHS number) first, then those of the citizens who named them as proxy.
	 * Empty for a person who may act on none.
	 */
	public List<ConsentActor> all(Jwt token) {
		return reachable(token).stream().map((subject) -> forCitizen(token, subject.value())).toList();
	}

	/** Whose consent the token's person may act on, themselves first. */
	private List<NhsNumber> reachable(Jwt token) {
		List<NhsNumber> candidates = new ArrayList<>();
		String own = token.getClaimAsString(NHS_NUMBER_CLAIM);
		if (own != null && NhsNumber.isValid(own)) {
			candidates.add(NhsNumber.parse(own));
		}
		this.proxies.citizensOf(token.getSubject())
			.stream()
			.map(ProxyGrant::subject)
			.filter((subject) -> !candidates.contains(subject))
			.forEach(candidates::add);
		return candidates;
	}

	/**
	 * The NHS number of the token's citizen.
	 * @throws NotPermittedException (403) when the token carries none
	 */
	public static NhsNumber ownNhsNumber(Jwt token) {
		String own = token.getClaimAsString(NHS_NUMBER_CLAIM);
		if (own == null || !NhsNumber.isValid(own)) {
			throw new NotPermittedException("the token carries no citizen NHS number");
		}
		return NhsNumber.parse(own);
	}

}
