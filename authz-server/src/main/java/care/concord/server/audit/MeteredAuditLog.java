package care.concord.server.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Times and counts the appends of another {@link AuditLog}: {@value #APPENDS}, a timer
 * with a latency histogram, by event {@code type} and {@code result} ({@code ok} or
 * {@code failed}); and {@value #EVENTS}, the events recorded, by {@code type},
 * {@code outcome}, {@code reason} and {@code break_glass}. Since every privileged act is
 * audited, the latter counts consent changes ({@code type="CONSENT_CHANGE"}), break-glass
 * decisions ({@code break_glass="true"}) and identity link outcomes
 * ({@code type="IDENTITY_ACTION"}, by reason).
 */
public final class MeteredAuditLog implements AuditLog, AutoCloseable {

	/** The timer's name. */
	public static final String APPENDS = "concord.audit.appends";

	/** The counter's name. */
	public static final String EVENTS = "concord.audit.events";

	private final AuditLog delegate;

	private final MeterRegistry meters;

	public MeteredAuditLog(AuditLog delegate, MeterRegistry meters) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(meters, "meters cannot be null");
		this.delegate = delegate;
		this.meters = meters;
	}

	@Override
	public AuditRecord append(AuditEvent event) {
		Timer.Sample sample = Timer.start(this.meters);
		String result = "failed";
		try {
			AuditRecord record = this.delegate.append(event);
			result = "ok";
			this.meters
				.counter(EVENTS, "type", event.type().name(), "outcome",
						(event.outcome() != null) ? event.outcome().code() : "none", "reason",
						(event.reasonCode() != null) ? event.reasonCode() : "none", "break_glass",
						Boolean.toString(event.breakGlass()))
				.increment();
			return record;
		}
		finally {
			sample.stop(Timer.builder(APPENDS)
				.tag("type", event.type().name())
				.tag("result", result)
				.publishPercentileHistogram()
				.register(this.meters));
		}
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
