package care.concord.server.record;

import java.util.List;

import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentActorResolver;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's view of their distributed record: {@code GET /api/me/record/locations}
 * (where pointers to my data are registered) and {@code GET /api/me/record/access} (who
 * may read which category today), and the same under
 * {@code /api/citizens/{nhs}/record/...} for the citizen or a proxy they named. The
 * subject always comes from the token (or the proxy check), never from a parameter the
 * caller is not entitled to.
 */
@RestController
public class CitizenRecordController {

	private static final String ME = "/api/me/record";

	private static final String CITIZEN = "/api/citizens/{nhs}/record";

	private final CitizenRecord record;

	private final ConsentActorResolver actors;

	public CitizenRecordController(CitizenRecord record, ConsentActorResolver actors) {
		this.record = record;
		this.actors = actors;
	}

	@GetMapping({ ME + "/locations", CITIZEN + "/locations" })
	Locations locations(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		return new Locations(this.record.locations(actor(token, nhs).subject()));
	}

	@GetMapping({ ME + "/access", CITIZEN + "/access" })
	CitizenRecord.Matrix access(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		return this.record.accessMatrix(actor(token, nhs).subject());
	}

	private ConsentActor actor(Jwt token, String nhs) {
		return (nhs != null) ? this.actors.forCitizen(token, nhs) : this.actors.self(token);
	}

	/**
	 * Where the citizen's data lives.
	 *
	 * @param holders each holder with what it registered
	 */
	public record Locations(List<CitizenRecord.Holder> holders) {
	}

}
