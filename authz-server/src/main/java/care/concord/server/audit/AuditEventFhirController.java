package care.concord.server.audit;

import care.concord.server.web.FhirResponses;
import care.concord.server.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/AuditEvent/{id}}: one audit record as a FHIR R4 {@code AuditEvent}
 * (role {@code ig-officer}), with {@code ETag: W/"1"} (records never change) and
 * {@code Last-Modified} the time it was recorded. The read is audited before anything is
 * sent, as {@code GET /api/audit/records/{seq}} is.
 */
@RestController
public class AuditEventFhirController {

	private final AuditLog auditLog;

	private final AuditSearch search;

	private final AuditFhirMapper fhir;

	AuditEventFhirController(AuditLog auditLog, AuditSearch search, AuditFhirMapper fhir) {
		this.auditLog = auditLog;
		this.search = search;
		this.fhir = fhir;
	}

	@GetMapping(path = "/fhir/AuditEvent/{id}", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> read(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
		long sequence = AuditFhirMapper.sequenceOf(id);
		AuditRecord record = ((sequence < 1) ? null : this.search.find(sequence).orElse(null));
		if (record == null) {
			throw ProblemException.notFound("AuditEvent '" + care.concord.policy.request.Printable.of(id) + "'");
		}
		this.auditLog.append(AuditController.accessEvent("audit-read", AuditQuery.ALL, authentication, request)
			.detail("sequence", Long.toString(sequence))
			.build());
		return FhirResponses.read(this.fhir.encode(this.fhir.toAuditEvent(record)), AuditFhirMapper.VERSION_ID,
				record.recordedAt());
	}

}
