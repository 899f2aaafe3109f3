package care.concord.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;

import care.concord.server.web.ErrorCatalogue;
import care.concord.server.web.FhirResponses;
import care.concord.server.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API for information governance officers: verify the chain, search and read
 * records, export them as CSV or as a FHIR R4 Bundle of AuditEvents. Access rules (role
 * {@code ig-officer}; {@code admin} may also verify) are declared in
 * {@link AuditConfiguration}.
 *
 * <p>
 * Reading the log is itself audited ({@link AuditEventType#AUDIT_ACCESS}), before any
 * record is sent; if that cannot be written the request fails and nothing is disclosed.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

	static final String FHIR_JSON = "application/fhir+json";

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private final AuditLog auditLog;

	private final AuditSearch search;

	private final ChainVerifier verifier;

	private final AuditFhirMapper fhir;

	private final AuditCheckpoints checkpoints;

	private final Clock clock;

	AuditController(AuditLog auditLog, AuditSearch search, ChainVerifier verifier, AuditFhirMapper fhir,
			AuditCheckpoints checkpoints, ObjectProvider<Clock> clock) {
		this.checkpoints = checkpoints;
		this.auditLog = auditLog;
		this.search = search;
		this.verifier = verifier;
		this.fhir = fhir;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * Walks the whole chain: {@code ok}, how many records, and the first broken record if
	 * any. The chain must also reach the newest stored checkpoint and, when given, the
	 * {@code checkpoint} a caller holds (a JWS from {@code GET /api/audit/checkpoint},
	 * checked against the server's published keys): else it was truncated.
	 */
	@GetMapping("/verify")
	public ChainVerification verify(@RequestParam(required = false) String checkpoint) {
		AuditCheckpoint presented = null;
		if (checkpoint != null) {
			try {
				presented = this.checkpoints.parse(checkpoint);
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.invalid("checkpoint", ex.getMessage());
			}
		}
		return this.verifier.verify(presented);
	}

	/**
	 * The newest signed checkpoint of the chain ({@code sequence}, {@code hash},
	 * {@code signed_at}, {@code token}): whoever keeps the token can later show that the
	 * log once reached that record. 404 before the first one.
	 */
	@GetMapping("/checkpoint")
	public AuditCheckpoint checkpoint() {
		AuditCheckpoint latest = this.checkpoints.latest();
		if (latest == null) {
			throw new ProblemException(ErrorCatalogue.NOT_FOUND, "no audit checkpoint has been signed yet");
		}
		return latest;
	}

	/** A page of records matching the filters, newest first. */
	@GetMapping("/records")
	public AuditPage records(@ParameterObject AuditQueryParameters parameters,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + AuditSearch.DEFAULT_PAGE_SIZE) int size, Authentication authentication,
			HttpServletRequest request) {
		AuditQuery query = parameters.toQuery();
		if (page < 0) {
			throw ProblemException.invalid("page", "must be 0 or more");
		}
		if (size < 1) {
			throw ProblemException.invalid("size", "must be 1 or more");
		}
		AuditPage result = this.search.search(query, page, size);
		// written after the search so that the officer's own access is not among the
		// results, and before the
		// response so that nothing is disclosed unaudited
		recordAccess("audit-search", query, authentication, request);
		return result;
	}

	/** One record by sequence number. */
	@GetMapping("/records/{sequence}")
	public AuditRecord record(@PathVariable long sequence, Authentication authentication, HttpServletRequest request) {
		AuditRecord record = this.search.find(sequence)
			.orElseThrow(() -> ProblemException.notFound("audit record #" + sequence));
		AuditEvent.Builder access = accessEvent("audit-read", AuditQuery.ALL, authentication, request)
			.detail("sequence", Long.toString(sequence));
		this.auditLog.append(access.build());
		return record;
	}

	/** Every record matching the filters as CSV, oldest first, streamed. */
	@GetMapping("/export.csv")
	public void exportCsv(@ParameterObject AuditQueryParameters parameters, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		AuditQuery query = parameters.toQuery();
		long upTo = recordAccess("audit-export-csv", query, authentication, request).sequence() - 1;
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"concord-audit.csv\"");
		Writer out = response.getWriter();
		AuditCsv.writeHeader(out);
		this.search.export(query, upTo, (record) -> {
			try {
				AuditCsv.writeRecord(out, record);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	/**
	 * Every record matching the filters as a FHIR R4 Bundle of AuditEvent resources,
	 * oldest first, streamed.
	 */
	@GetMapping("/export.fhir")
	public void exportFhir(@ParameterObject AuditQueryParameters parameters, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		AuditQuery query = parameters.toQuery();
		long upTo = recordAccess("audit-export-fhir", query, authentication, request).sequence() - 1;
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType(FHIR_JSON + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"concord-audit.json\"");
		AuditFhirMapper.BundleWriter bundle = this.fhir.bundleWriter(response.getWriter(), this.clock.instant(),
				FhirResponses.baseUrl(request));
		this.search.export(query, upTo, (record) -> {
			try {
				bundle.add(record);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		bundle.finish();
	}

	private AuditRecord recordAccess(String reason, AuditQuery query, Authentication authentication,
			HttpServletRequest request) {
		AuditEvent.Builder access = accessEvent(reason, query, authentication, request);
		query.toParameters().forEach(access::detail);
		return this.auditLog.append(access.build());
	}

	static AuditEvent.Builder accessEvent(String reason, AuditQuery query, Authentication authentication,
			HttpServletRequest request) {
		String requestId = request.getHeader("X-Request-ID");
		return AuditEvent.builder(AuditEventType.AUDIT_ACCESS, AuditActors.from(authentication))
			.subject(query.subject())
			.permit(reason)
			.requestId((requestId != null && REQUEST_ID.matcher(requestId).matches()) ? requestId : null);
	}

}
