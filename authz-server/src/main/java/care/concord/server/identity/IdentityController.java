package care.concord.server.identity;

import java.net.URI;
import java.util.UUID;

import care.concord.server.audit.AuditActors;
import care.concord.server.web.ErrorCatalogue;
import care.concord.server.web.ProblemException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agencies' side of the identity API (scope {@code identity}; the agency is the
 * token's {@code org_code}):
 * <ul>
 * <li>{@code POST /api/identity/records}: submit a local record
 * ({@link RecordSubmission}); 201 for a new local id, 200 for a re-submission; body
 * {@link IdentityViews.RecordLink};</li>
 * <li>{@code GET /api/identity/records/{localId}}: the calling agency's record and its
 * person;</li>
 * <li>{@code GET /api/identity/persons/{personId}}: the local ids linked to a person; an
 * agency sees only its own (and 404 for a person it holds no record of), an IG officer
 * sees all.</li>
 * </ul>
 */
@RestController
public class IdentityController {

	private final IdentityService identities;

	public IdentityController(IdentityService identities) {
		this.identities = identities;
	}

	@PostMapping("/api/identity/records")
	ResponseEntity<IdentityViews.RecordLink> submit(@AuthenticationPrincipal Jwt token,
			@RequestBody RecordSubmission submission) {
		String orgCode = agency(token);
		LocalRecord record = submission.toLocalRecord(orgCode, this.identities.today());
		IdentityService.Submission result = this.identities.submit(AuditActors.from(token), record);
		IdentityViews.RecordLink body = IdentityViews.RecordLink.of(result.record());
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/identity/records/" + record.localId())).body(body);
		}
		return ResponseEntity.ok(body);
	}

	@GetMapping("/api/identity/records/{localId}")
	IdentityViews.RecordLink record(@AuthenticationPrincipal Jwt token, @PathVariable String localId) {
		String orgCode = agency(token);
		if (localId.length() > RecordSubmission.MAX_LOCAL_ID) {
			throw ProblemException.notFound("local record");
		}
		return IdentityViews.RecordLink.of(this.identities.record(AuditActors.from(token), orgCode, localId));
	}

	@GetMapping("/api/identity/persons/{personId}")
	IdentityViews.PersonLinks person(@AuthenticationPrincipal Jwt token, @PathVariable String personId) {
		UUID id = uuid("personId", personId);
		String orgCode = isIgOfficer(token) ? null : agency(token);
		return IdentityViews.PersonLinks.of(this.identities.person(AuditActors.from(token), id, orgCode));
	}

	/**
	 * The calling agency: agency endpoints need a client token bound to an organisation.
	 */
	static String agency(Jwt token) {
		String orgCode = token.getClaimAsString("org_code");
		if (orgCode == null || orgCode.isBlank() || token.hasClaim("roles")) {
			throw new ProblemException(ErrorCatalogue.FORBIDDEN,
					"the identity API needs an agency client token (with an org_code)");
		}
		return orgCode;
	}

	private static boolean isIgOfficer(Jwt token) {
		var roles = token.getClaimAsStringList("roles");
		return roles != null && roles.contains("ig-officer");
	}

	/**
	 * Parses a UUID parameter.
	 * @throws ProblemException naming the parameter when it is not a UUID
	 */
	static UUID uuid(String field, String text) {
		try {
			if (text.length() == 36) {
				UUID id = UUID.fromString(text);
				if (id.toString().equalsIgnoreCase(text)) {
					return id;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw ProblemException.invalid(field, "must be a UUID");
	}

}
