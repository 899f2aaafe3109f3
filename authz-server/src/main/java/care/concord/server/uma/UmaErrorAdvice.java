package care.concord.server.uma;

import java.util.Map;

import care.concord.server.audit.AuditActor;
import care.concord.server.relationship.CallingAgency;
import care.concord.server.domain.NotPermittedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Writes the UMA protection API's errors as OAuth error JSON ({@code {"error": ...,
 * "error_description": ...}}, FedAuthz sections 3.2.1 and 4.3) and audits each refused
 * request before answering. Only for {@link ResourceRegistrationController}; every other
 * API answers RFC 9457 problem details.
 */
@RestControllerAdvice(assignableTypes = ResourceRegistrationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UmaErrorAdvice {

	private static final Log log = LogFactory.getLog(UmaErrorAdvice.class);

	private final UmaAudit audit;

	public UmaErrorAdvice(UmaAudit audit) {
		this.audit = audit;
	}

	@ExceptionHandler(UmaErrorException.class)
	ResponseEntity<Map<String, Object>> handleUma(UmaErrorException ex, HttpServletRequest request) {
		AuditActor actor = actor(request);
		try {
			this.audit.refused(actor, ex.getError(), ex.getMessage(), CallingAgency.requestId(request));
		}
		catch (RuntimeException auditFailure) {
			// The request is refused either way; a refusal that could not be audited is
			// logged.
			log.warn("A refused UMA protection API request could not be audited", auditFailure);
		}
		return ResponseEntity.status(ex.getError().status())
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(ex.body());
	}

	@ExceptionHandler(NotPermittedException.class)
	ResponseEntity<Map<String, Object>> handleNotPermitted(NotPermittedException ex, HttpServletRequest request) {
		// CallingAgency refuses tokens of clients without an organisation: forbidden for
		// the protection API too.
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", "insufficient_scope", "error_description", ex.getMessage()));
	}

	private static AuditActor actor(HttpServletRequest request) {
		if (request.getUserPrincipal() instanceof Authentication authentication) {
			try {
				return CallingAgency.from(authentication).actor(null);
			}
			catch (NotPermittedException ex) {
				return AuditActor.client(null, authentication.getName());
			}
		}
		return AuditActor.system();
	}

}
