package care.concord.server.audit;

import care.concord.server.web.FhirResponses;
import care.concord.server.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import care.concord.server.fhir.SearchBundles;
import org.hl7.fhir.r4.model.Bundle;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /fhir/AuditEvent?...}: a FHIR search of the audit log; and {@code GET
 * /fhir/AuditEvent/{id}}: one audit record as a FHIR R4 {@code AuditEvent} (role
 * {@code ig-officer}), with {@code ETag: W/"1"} (records never change) and
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

	/**
	 * FHIR search ({@link AuditEventSearch}): a searchset Bundle of the matching records,
	 * newest first (or oldest first), {@code _count} a page, with a {@code next} link
	 * while more match. Pages are keyed by sequence number on a snapshot of the log taken
	 * by the first page, so records appended meanwhile (the search's own access records
	 * among them) neither shift nor join the pages, and {@code total} stays the same.
	 * Every page is audited ({@code AUDIT_ACCESS}, {@code audit-search}) before it is
	 * answered.
	 */
	@GetMapping(path = "/fhir/AuditEvent", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> search(Authentication authentication, HttpServletRequest request) {
		AuditEventSearch search = AuditEventSearch.read(request.getParameterMap());
		AuditEvent.Builder access = AuditController.accessEvent("audit-search", search.query(), authentication,
				request);
		search.query().toParameters().forEach(access::detail);
		access.detail("format", "fhir");
		if (search.upTo() != null) {
			access.detail("cursor", AuditEventSearch.cursor(search.position(), search.upTo()));
		}
		AuditRecord recorded = this.auditLog.append(access.build());
		// the first page fixes the snapshot: everything before its own access record
		long upTo = (search.upTo() != null) ? search.upTo() : recorded.sequence() - 1;
		AuditSearch.AuditSlice slice = this.search.searchPage(search.query(), search.position(), upTo, search.count(),
				search.oldestFirst(), search.counted());
		String base = FhirResponses.baseUrl(request);
		Bundle bundle = SearchBundles.searchset(base, "AuditEvent", request.getQueryString(), slice.total());
		if (slice.more()) {
			long last = slice.records().get(slice.records().size() - 1).sequence();
			UriComponentsBuilder next = UriComponentsBuilder.fromUriString(base + "/AuditEvent");
			search.parameters().forEach((parameter) -> next.queryParam(parameter.getKey(), parameter.getValue()));
			next.queryParam("_cursor", AuditEventSearch.cursor(last, upTo));
			bundle.addLink().setRelation("next").setUrl(next.encode().build().toUriString());
		}
		for (AuditRecord record : slice.records()) {
			SearchBundles.addMatch(bundle, base, this.fhir.toAuditEvent(record));
		}
		return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).body(this.fhir.encode(bundle));
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
