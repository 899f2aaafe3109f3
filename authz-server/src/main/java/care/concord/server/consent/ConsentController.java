package care.concord.server.consent;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.consent.receipt.ConsentReceipt;
import care.concord.server.consent.receipt.ReceiptStore;
import care.concord.server.web.ProblemException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's consent API. Every endpoint exists twice: under {@code /api/me/...} for
 * the signed-in citizen (the subject is the token's {@code nhs_number}) and under
 * {@code /api/citizens/{nhs}/...} for the citizen or a proxy the citizen named
 * ({@link ConsentActorResolver}). The subject is never taken from a request body.
 */
@RestController
public class ConsentController {

	private static final String ME = "/api/me";

	private static final String CITIZEN = "/api/citizens/{nhs}";

	private final ConsentService consent;

	private final ConsentActorResolver actors;

	private final ReceiptStore receipts;

	private final AccessLog accessLog;

	public ConsentController(ConsentService consent, ConsentActorResolver actors, ReceiptStore receipts,
			AccessLog accessLog) {
		this.consent = consent;
		this.actors = actors;
		this.receipts = receipts;
		this.accessLog = accessLog;
	}

	@GetMapping({ ME + "/consent", CITIZEN + "/consent" })
	ConsentView consent(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		return ConsentView.of(this.consent.state(actor(token, nhs).subject()));
	}

	@GetMapping({ ME + "/directives", CITIZEN + "/directives" })
	DirectiveList directives(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestParam(defaultValue = "active") String status) {
		ConsentState state = this.consent.state(actor(token, nhs).subject());
		List<DirectiveVersion> selected = switch (status) {
			case "active" -> state.activeDirectives();
			case "revoked" -> state.directives().stream().filter((d) -> !d.isActive()).toList();
			case "all" -> state.directives();
			default -> throw ProblemException.invalid("status", "status must be active, revoked or all");
		};
		return new DirectiveList(selected.stream().map(DirectiveView::of).toList(), state.version());
	}

	@PostMapping({ ME + "/directives", CITIZEN + "/directives" })
	ResponseEntity<ChangeResponse> add(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestBody DirectiveInput input) {
		ConsentOutcome outcome = this.consent.add(actor(token, nhs), input);
		ChangeResponse body = ChangeResponse.of(outcome);
		String base = (nhs != null) ? "/api/citizens/" + outcome.state().subject().value() : ME;
		return ResponseEntity.created(URI.create(base + "/directives/" + body.directive().id())).body(body);
	}

	@GetMapping({ ME + "/directives/{id}", CITIZEN + "/directives/{id}" })
	DirectiveView directive(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@PathVariable String id) {
		return DirectiveView.of(this.consent.directive(actor(token, nhs).subject(), id));
	}

	@PutMapping({ ME + "/directives/{id}", CITIZEN + "/directives/{id}" })
	ChangeResponse change(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@PathVariable String id, @RequestBody DirectiveInput input) {
		return ChangeResponse.of(this.consent.change(actor(token, nhs), id, input));
	}

	@DeleteMapping({ ME + "/directives/{id}", CITIZEN + "/directives/{id}" })
	ChangeResponse revoke(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@PathVariable String id) {
		return ChangeResponse.of(this.consent.revoke(actor(token, nhs), id));
	}

	@GetMapping({ ME + "/directives/{id}/history", CITIZEN + "/directives/{id}/history" })
	DirectiveHistory history(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@PathVariable String id) {
		List<DirectiveVersion> versions = this.consent.history(actor(token, nhs).subject(), id);
		return new DirectiveHistory(versions.get(0).id(), versions.stream().map(DirectiveView::of).toList());
	}

	@GetMapping({ ME + "/opt-out", CITIZEN + "/opt-out" })
	OptOutView optOut(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		return OptOutView.of(this.consent.state(actor(token, nhs).subject()), null);
	}

	@PutMapping({ ME + "/opt-out", CITIZEN + "/opt-out" })
	OptOutView setOptOut(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestBody OptOutInput input) {
		if (input.nationalDataOptOut() == null) {
			throw ProblemException.invalid("national_data_opt_out", "true or false is required");
		}
		ConsentOutcome outcome = this.consent.setNationalOptOut(actor(token, nhs), input.nationalDataOptOut());
		return OptOutView.of(outcome.state(), ReceiptRef.of(outcome.receipt()));
	}

	@GetMapping({ ME + "/receipts", CITIZEN + "/receipts" })
	ReceiptPage receipts(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		checkPage(page, size);
		var subject = actor(token, nhs).subject();
		return new ReceiptPage(this.receipts.page(subject, page, size).stream().map(ReceiptSummary::of).toList(), page,
				size, this.receipts.count(subject));
	}

	@GetMapping({ ME + "/receipts/{id}", CITIZEN + "/receipts/{id}" })
	ReceiptView receipt(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@PathVariable String id) {
		return this.receipts.find(actor(token, nhs).subject(), id)
			.map(ReceiptView::of)
			.orElseThrow(() -> ProblemException.notFound("receipt"));
	}

	@GetMapping({ ME + "/access-log", CITIZEN + "/access-log" })
	AccessLog.Page accessLog(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		checkPage(page, size);
		return this.accessLog.page(actor(token, nhs).subject(), page, size);
	}

	private ConsentActor actor(Jwt token, String nhs) {
		return (nhs != null) ? this.actors.forCitizen(token, nhs) : this.actors.self(token);
	}

	private static void checkPage(int page, int size) {
		if (page < 0) {
			throw ProblemException.invalid("page", "page must be 0 or more");
		}
		if (size < 1 || size > AccessLog.MAX_PAGE_SIZE) {
			throw ProblemException.invalid("size", "size must be between 1 and " + AccessLog.MAX_PAGE_SIZE);
		}
	}

	/**
	 * The citizen's consent at a glance.
	 *
	 * @param nhsNumber the citizen
	 * @param consentVersion the consent version
	 * @param nationalDataOptOut whether they registered the national data opt-out
	 * @param optOutChangedAt when the opt-out was last set
	 * @param directives the current version of every directive, active and revoked
	 */
	public record ConsentView(@JsonProperty("nhs_number") String nhsNumber,
			@JsonProperty("consent_version") long consentVersion,
			@JsonProperty("national_data_opt_out") boolean nationalDataOptOut,
			@JsonProperty("opt_out_changed_at") Instant optOutChangedAt, List<DirectiveView> directives) {

		/** The view of the citizen's consent as stored. */
		public static ConsentView of(ConsentState state) {
			return new ConsentView(state.subject().value(), state.version(), state.nationalOptOut(),
					state.optOutChangedAt(), state.directives().stream().map(DirectiveView::of).toList());
		}

	}

	/**
	 * A list of directives.
	 *
	 * @param directives the directives' current versions
	 * @param consentVersion the consent version they belong to
	 */
	public record DirectiveList(List<DirectiveView> directives, @JsonProperty("consent_version") long consentVersion) {
	}

	/**
	 * Every version of a directive.
	 *
	 * @param id the directive id
	 * @param versions its versions, oldest first
	 */
	public record DirectiveHistory(String id, List<DirectiveView> versions) {
	}

	/**
	 * The answer to a directive change: the version recorded, the receipt, the new
	 * consent version.
	 *
	 * @param directive the directive version recorded
	 * @param receipt the signed receipt
	 * @param consentVersion the citizen's consent version after the change
	 */
	public record ChangeResponse(DirectiveView directive, ReceiptRef receipt,
			@JsonProperty("consent_version") long consentVersion) {

		static ChangeResponse of(ConsentOutcome outcome) {
			return new ChangeResponse(DirectiveView.of(outcome.recorded().get(0)), ReceiptRef.of(outcome.receipt()),
					outcome.state().version());
		}

	}

	/**
	 * A receipt as returned with a change.
	 *
	 * @param id the receipt id ({@code jti})
	 * @param jws the compact JWS
	 */
	public record ReceiptRef(String id, String jws) {

		/** The reference to a receipt, or null. */
		public static ReceiptRef of(ConsentReceipt receipt) {
			return (receipt != null) ? new ReceiptRef(receipt.id(), receipt.jws()) : null;
		}

	}

	/**
	 * Request body setting the national data opt-out: {@code {"national_data_opt_out":
	 * true}}.
	 *
	 * @param nationalDataOptOut true to opt out, false to withdraw the opt-out
	 */
	public record OptOutInput(@JsonProperty("national_data_opt_out") Boolean nationalDataOptOut) {
	}

	/**
	 * The national data opt-out.
	 *
	 * @param nationalDataOptOut whether the citizen opted out
	 * @param changedAt when it was last set, or null
	 * @param consentVersion the consent version
	 * @param receipt the receipt, when this answers a change
	 */
	public record OptOutView(@JsonProperty("national_data_opt_out") boolean nationalDataOptOut,
			@JsonProperty("changed_at") Instant changedAt, @JsonProperty("consent_version") long consentVersion,
			ReceiptRef receipt) {

		static OptOutView of(ConsentState state, ReceiptRef receipt) {
			return new OptOutView(state.nationalOptOut(), state.optOutChangedAt(), state.version(), receipt);
		}

	}

	/**
	 * A page of receipts.
	 *
	 * @param receipts the receipts, newest first
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param total how many receipts the citizen has
	 */
	public record ReceiptPage(List<ReceiptSummary> receipts, int page, int size, long total) {
	}

	/**
	 * A receipt in a list.
	 *
	 * @param id the receipt id
	 * @param issuedAt when it was issued
	 * @param action what was done
	 * @param consentVersion the consent version it records
	 * @param actor who made the change
	 * @param onBehalfOf the citizen, when a proxy made it
	 */
	public record ReceiptSummary(String id, @JsonProperty("issued_at") Instant issuedAt, String action,
			@JsonProperty("consent_version") long consentVersion, String actor,
			@JsonProperty("on_behalf_of") String onBehalfOf) {

		static ReceiptSummary of(ConsentReceipt receipt) {
			return new ReceiptSummary(receipt.id(), receipt.issuedAt(), receipt.action(), receipt.consentVersion(),
					receipt.actor(), receipt.onBehalfOf());
		}

	}

	/**
	 * One receipt in full: its summary, the signing key id, the compact JWS and its
	 * decoded payload.
	 *
	 * @param id the receipt id
	 * @param issuedAt when it was issued
	 * @param action what was done
	 * @param consentVersion the consent version it records
	 * @param actor who made the change
	 * @param onBehalfOf the citizen, when a proxy made it
	 * @param kid the signing key id (see {@code /oauth2/jwks})
	 * @param jws the compact JWS
	 * @param claims the JWS payload, for display (verify {@code jws} to trust it)
	 */
	public record ReceiptView(String id, @JsonProperty("issued_at") Instant issuedAt, String action,
			@JsonProperty("consent_version") long consentVersion, String actor,
			@JsonProperty("on_behalf_of") String onBehalfOf, String kid, String jws, Map<String, Object> claims) {

		static ReceiptView of(ConsentReceipt receipt) {
			Map<String, Object> claims;
			try {
				claims = com.nimbusds.jwt.SignedJWT.parse(receipt.jws()).getPayload().toJSONObject();
			}
			catch (java.text.ParseException ex) {
				throw new IllegalStateException("stored receipt " + receipt.id() + " is not a JWS", ex);
			}
			return new ReceiptView(receipt.id(), receipt.issuedAt(), receipt.action(), receipt.consentVersion(),
					receipt.actor(), receipt.onBehalfOf(), receipt.keyId(), receipt.jws(), claims);
		}

	}

}
