package care.concord.server.identity;

import java.util.UUID;

import care.concord.server.audit.AuditActors;
import care.concord.server.web.ProblemException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IG officer's review queue (role {@code ig-officer}):
 * <ul>
 * <li>{@code GET /api/identity/reviews?status=pending&page=0&size=20}: oldest first;</li>
 * <li>{@code GET /api/identity/reviews/{id}};</li>
 * <li>{@code POST /api/identity/reviews/{id}/accept} {@code {"reason", "person_id"?}}:
 * link to the proposed person, or to the one named;</li>
 * <li>{@code POST /api/identity/reviews/{id}/reject} {@code {"reason"}}: link to a new
 * person.</li>
 * </ul>
 * Decisions answer the decided review; deciding a review that is not pending is a 409
 * {@code conflict}.
 */
@RestController
public class IdentityReviewController {

	private final IdentityReviewService identities;

	private final int maxPageSize;

	public IdentityReviewController(IdentityReviewService identities, IdentityProperties properties) {
		this.identities = identities;
		this.maxPageSize = properties.maxPageSize();
	}

	@GetMapping("/api/identity/reviews")
	IdentityViews.ReviewPage reviews(@AuthenticationPrincipal Jwt token,
			@RequestParam(defaultValue = "pending") String status, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "20") String size) {
		int p = number("page", page, 0, 1_000_000);
		int s = number("size", size, 1, this.maxPageSize);
		return IdentityViews.ReviewPage
			.of(this.identities.reviews(AuditActors.from(token), ReviewStatus.fromCode(status), p, s));
	}

	@GetMapping("/api/identity/reviews/{id}")
	IdentityViews.Review review(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return IdentityViews.Review
			.of(this.identities.review(AuditActors.from(token), IdentityController.uuid("id", id)));
	}

	@PostMapping("/api/identity/reviews/{id}/accept")
	IdentityViews.Review accept(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestBody ReviewDecisionInput input) {
		UUID reviewId = IdentityController.uuid("id", id);
		String reason = input.checkedReason();
		return IdentityViews.Review
			.of(this.identities.accept(AuditActors.from(token), reviewId, input.checkedPersonId(), reason));
	}

	@PostMapping("/api/identity/reviews/{id}/reject")
	IdentityViews.Review reject(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestBody ReviewDecisionInput input) {
		UUID reviewId = IdentityController.uuid("id", id);
		String reason = input.checkedReason();
		if (input.personId() != null) {
			throw ProblemException.invalid("person_id", "a rejection links to a new person; to name one, accept");
		}
		return IdentityViews.Review.of(this.identities.reject(AuditActors.from(token), reviewId, reason));
	}

	private static int number(String field, String text, int min, int max) {
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max);
	}

}
