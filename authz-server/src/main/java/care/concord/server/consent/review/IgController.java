package care.concord.server.consent.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Codes;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.consent.ConsentController.ConsentView;
import care.concord.server.consent.ConsentController.DirectiveHistory;
import care.concord.server.consent.ConsentController.DirectiveList;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.ConsentState;
import care.concord.server.consent.DirectiveVersion;
import care.concord.server.consent.DirectiveView;
import care.concord.server.consent.stats.DecisionStatistics;
import care.concord.server.consent.stats.DecisionStatisticsQuery;
import care.concord.server.consent.stats.StatsBucket;
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
 * The information governance officer's consent endpoints ({@code /api/ig/**}, role
 * {@code ig-officer}): the break-glass review queue and reviews, decision statistics, and
 * read-only access to any citizen's directives (each read is audited; there is no way to
 * change them here).
 */
@RestController
public class IgController {

	private static final int MAX_PAGE_SIZE = 200;

	private final BreakGlassReviews queue;

	private final BreakGlassReviewService reviews;

	private final DecisionStatisticsQuery statistics;

	private final ConsentService consent;

	private final AuditLog audit;

	private final Clock clock;

	public IgController(BreakGlassReviews queue, BreakGlassReviewService reviews, DecisionStatisticsQuery statistics,
			ConsentService consent, AuditLog audit, Clock clock) {
		this.queue = queue;
		this.reviews = reviews;
		this.statistics = statistics;
		this.consent = consent;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/ig/break-glass")
	BreakGlassPage breakGlass(@RequestParam(defaultValue = "unreviewed") String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		checkPage(page, size);
		BreakGlassReviews.Status selected = BreakGlassReviews.Status.fromCode(status);
		return new BreakGlassPage(this.queue.page(selected, page, size), page, size, this.queue.count(selected));
	}

	@PostMapping("/api/ig/break-glass/{auditSeq}/review")
	BreakGlassAccess review(@AuthenticationPrincipal Jwt token, @PathVariable long auditSeq,
			@RequestBody ReviewInput input) {
		return this.reviews.review(token.getSubject(), auditSeq, input.justified(), input.comment());
	}

	@GetMapping("/api/ig/stats")
	DecisionStatistics stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "day") String bucket) {
		StatsBucket width = StatsBucket.fromCode(bucket);
		Instant end = (to != null) ? Codes.instant("to", to) : this.clock.instant();
		Instant start = (from != null) ? Codes.instant("from", from)
				: end.minus(width.width().multipliedBy((width == StatsBucket.DAY) ? 30 : 48));
		return this.statistics.statistics(start, end, width);
	}

	@GetMapping("/api/ig/citizens/{nhs}/consent")
	ConsentView consent(@AuthenticationPrincipal Jwt token, @PathVariable String nhs) {
		NhsNumber subject = Codes.nhsNumber("nhs_number", nhs);
		ConsentView view = ConsentView.of(this.consent.state(subject));
		auditRead(token, subject, "consent (directives and national data opt-out)");
		return view;
	}

	@GetMapping("/api/ig/citizens/{nhs}/directives")
	DirectiveList directives(@AuthenticationPrincipal Jwt token, @PathVariable String nhs,
			@RequestParam(defaultValue = "all") String status) {
		NhsNumber subject = Codes.nhsNumber("nhs_number", nhs);
		ConsentState state = this.consent.state(subject);
		List<DirectiveVersion> selected = switch (status) {
			case "active" -> state.activeDirectives();
			case "all" -> state.directives();
			default -> throw ProblemException.invalid("status", "status must be active or all");
		};
		auditRead(token, subject, "directives");
		return new DirectiveList(selected.stream().map(DirectiveView::of).toList(), state.version());
	}

	@GetMapping("/api/ig/citizens/{nhs}/directives/{id}/history")
	DirectiveHistory history(@AuthenticationPrincipal Jwt token, @PathVariable String nhs, @PathVariable String id) {
		NhsNumber subject = Codes.nhsNumber("nhs_number", nhs);
		List<DirectiveVersion> versions = this.consent.history(subject, id);
		auditRead(token, subject, "directive history");
		return new DirectiveHistory(id, versions.stream().map(DirectiveView::of).toList());
	}

	/**
	 * An IG officer reading consent content is itself recorded (who looked at whose
	 * consent).
	 */
	private void auditRead(Jwt token, NhsNumber subject, String what) {
		this.audit.append(AuditEvent.builder(AuditEventType.ADMIN_ACTION, AuditActor.user(token.getSubject()))
			.subject(subject)
			.outcome(care.concord.server.audit.AuditOutcome.PERMIT, "consent-read")
			.explanation("IG officer " + token.getSubject() + " read the citizen's " + what)
			.build());
	}

	private static void checkPage(int page, int size) {
		if (page < 0) {
			throw ProblemException.invalid("page", "page must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw ProblemException.invalid("size", "size must be between 1 and " + MAX_PAGE_SIZE);
		}
	}

	/**
	 * Request body of a review: {@code {"justified": true, "comment": "A&E, unconscious
	 * patient"}}.
	 *
	 * @param justified whether the access was justified
	 * @param comment the officer's comment, optional, at most 2000 characters
	 */
	public record ReviewInput(Boolean justified, String comment) {
	}

	/**
	 * A page of the break-glass queue.
	 *
	 * @param entries the accesses, oldest first
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param total how many accesses have the status asked for
	 */
	public record BreakGlassPage(List<BreakGlassAccess> entries, int page, int size, long total) {
	}

}
