package care.concord.server.security;

import java.time.Instant;
import java.util.Map;

import care.concord.server.audit.AdminActions;
import care.concord.server.web.ProblemException;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators see an account's failed sign-ins and lock ({@code GET
 * /api/admin/people/{username}/lockout}) and lift it ({@code POST .../unlock}, audited as
 * {@code person-unlocked}); role {@code admin} (the API chain's rule for
 * {@code /api/admin/**}).
 */
@RestController
@RequestMapping("/api/admin/people/{username}")
public class LockoutAdminController {

	private final LoginThrottle throttle;

	private final AdminActions audit;

	public LockoutAdminController(LoginThrottle throttle, AdminActions audit) {
		this.throttle = throttle;
		this.audit = audit;
	}

	@GetMapping("/lockout")
	public LockoutView lockout(@PathVariable String username) {
		LoginThrottle.Status status = this.throttle.status(username);
		if (status == null) {
			throw ProblemException.notFound("person " + username);
		}
		return LockoutView.of(username, status);
	}

	@PostMapping("/unlock")
	public LockoutView unlock(@PathVariable String username, Authentication admin) {
		return this.audit.record(admin, "person-unlocked", username, () -> {
			if (!this.throttle.unlock(username)) {
				throw ProblemException.notFound("person " + username);
			}
			return LockoutView.of(username, this.throttle.status(username));
		}, (view) -> Map.of("locked", String.valueOf(view.locked())));
	}

	/**
	 * @param username the account
	 * @param failedLogins consecutive failed sign-ins
	 * @param lockedUntil until when sign-in is refused, null if it is not
	 * @param locked true while locked out after {@code concord.brute-force.lock-after}
	 * failures
	 */
	public record LockoutView(String username, @JsonProperty("failed_logins") int failedLogins,
			@JsonProperty("locked_until") Instant lockedUntil, boolean locked) {

		static LockoutView of(String username, LoginThrottle.Status status) {
			return new LockoutView(username, status.failures(), status.lockedUntil(), status.locked());
		}

	}

}
