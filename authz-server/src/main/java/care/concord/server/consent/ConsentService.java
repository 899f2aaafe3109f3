package care.concord.server.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.decision.Audience;
import care.concord.policy.decision.Explanations;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Printable;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;
import care.concord.server.consent.receipt.ConsentReceipt;
import care.concord.server.consent.receipt.ReceiptIssuer;
import care.concord.server.consent.receipt.ReceiptStore;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.VersionMismatchException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes citizens' consent: add, change and revoke directives, set the national data
 * opt-out, replace the whole directive set (FHIR import). Each change is one transaction
 * that
 * <ol>
 * <li>locks the citizen's consent row and bumps their consent version
 * ({@link ConsentStore#lockAndBump});</li>
 * <li>records the new directive versions through the {@link DirectiveLifecycle} state
 * machine;</li>
 * <li>signs and stores a receipt ({@link ReceiptIssuer});</li>
 * <li>appends one {@code CONSENT_CHANGE} audit record per change, last, so that a change
 * that could not be audited rolls back (fail closed);</li>
 * </ol>
 * and, after commit, publishes a {@link ConsentChangedEvent}. Nothing is half-written:
 * any failure rolls the whole change back.
 */
public final class ConsentService {

	private final ConsentStore store;

	private final ReceiptIssuer receipts;

	private final ReceiptStore receiptStore;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final ConsentProperties properties;

	private final Clock clock;

	private final RegisteredOrganisations organisations;

	public ConsentService(ConsentStore store, ReceiptIssuer receipts, ReceiptStore receiptStore, AuditLog audit,
			TransactionTemplate transactions, ApplicationEventPublisher events, ConsentProperties properties,
			Clock clock, RegisteredOrganisations organisations) {
		this.store = Objects.requireNonNull(store, "store");
		this.receipts = Objects.requireNonNull(receipts, "receipts");
		this.receiptStore = Objects.requireNonNull(receiptStore, "receiptStore");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.events = Objects.requireNonNull(events, "events");
		this.properties = Objects.requireNonNull(properties, "properties");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.organisations = Objects.requireNonNull(organisations, "organisations");
	}

	/** The citizen's consent as stored now. */
	public ConsentState state(NhsNumber subject) {
		return this.store.state(subject);
	}

	/**
	 * The current version of one of the citizen's directives.
	 * @throws NotFoundException (404) when the citizen has no directive with that id
	 */
	public DirectiveVersion directive(NhsNumber subject, String directiveId) {
		return this.store.current(subject, directiveId)
			.orElseThrow(() -> new NotFoundException("directive " + Printable.of(directiveId)));
	}

	/**
	 * Every version of one of the citizen's directives, oldest first.
	 * @throws NotFoundException (404) when the citizen has no directive with that id
	 */
	public List<DirectiveVersion> history(NhsNumber subject, String directiveId) {
		List<DirectiveVersion> history = this.store.history(subject, directiveId);
		if (history.isEmpty()) {
			throw new NotFoundException("directive " + Printable.of(directiveId));
		}
		return history;
	}

	/**
	 * Adds a directive (version 1, active) with a new id.
	 * @throws InvalidRequestException when the input is not valid in the policy model, or
	 * names an organisation that is not a registered agency
	 */
	public ConsentOutcome add(ConsentActor actor, DirectiveInput input) {
		Directive draft = input.toDirective(UUID.randomUUID().toString(), this.properties.maxListSize());
		requireRegistered(draft, null, input.organisationField());
		return apply(actor, (now, state) -> {
			requireRoomFor(state, 1);
			DirectiveVersion created = DirectiveLifecycle.create(actor, draft, now);
			this.store.insert(created);
			return List.of(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_CREATED, created), created));
		});
	}

	/**
	 * Changes a directive: records its next version with the input's effect, scope and
	 * period.
	 * @throws NotFoundException 404 for an unknown directive, 409 for a revoked one
	 * @throws InvalidRequestException when the input is not valid in the policy model, or
	 * adds an organisation that is not a registered agency
	 */
	public ConsentOutcome change(ConsentActor actor, String directiveId, DirectiveInput input) {
		Directive draft = input.toDirective(directiveId, this.properties.maxListSize());
		return apply(actor, (now, state) -> {
			DirectiveVersion current = current(state, directiveId);
			requireRegistered(draft, current.directive(), input.organisationField());
			DirectiveVersion next = DirectiveLifecycle.change(current, actor, draft, now);
			this.store.insert(next);
			return List.of(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_CHANGED, next), next));
		});
	}

	/**
	 * Revokes a directive: records its next version with status revoked.
	 * @throws NotFoundException 404 for an unknown directive, 409 for one already revoked
	 */
	public ConsentOutcome revoke(ConsentActor actor, String directiveId) {
		return apply(actor, (now, state) -> {
			DirectiveVersion revoked = DirectiveLifecycle.revoke(current(state, directiveId), actor, now);
			this.store.insert(revoked);
			return List.of(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_REVOKED, revoked), revoked));
		});
	}

	/** Sets or withdraws the citizen's national data opt-out. */
	public ConsentOutcome setNationalOptOut(ConsentActor actor, boolean optOut) {
		return apply(actor, (now, state) -> {
			this.store.setNationalOptOut(actor.subject(), optOut, now);
			return List.of(new Recorded(ConsentChange.optOut(optOut), null));
		});
	}

	/**
	 * Replaces the citizen's active directives with the given set (a FHIR import): a
	 * draft whose id names an active directive becomes that directive's next version when
	 * it differs; any other draft becomes a new directive with a new id; active
	 * directives the set leaves out are revoked. The opt-out is set when {@code optOut}
	 * is not null and differs. When nothing differs, nothing is recorded and the outcome
	 * has no receipt.
	 *
	 * <p>
	 * Every organisation a new or changed draft names must be a registered agency; the
	 * first that is not is refused as {@code directives[i].organisations}, with the code.
	 */
	public ConsentOutcome replaceAll(ConsentActor actor, List<Directive> drafts, Boolean optOut) {
		return replaceAll(actor, drafts, optOut, (i) -> "directives[" + i + "].organisations");
	}

	/**
	 * As {@link #replaceAll(ConsentActor, List, Boolean)}, naming the field of an
	 * unregistered organisation by the draft's place in the list (for example
	 * {@code Consent.provision.provision[2].actor} for a FHIR import).
	 */
	public ConsentOutcome replaceAll(ConsentActor actor, List<Directive> drafts, Boolean optOut,
			IntFunction<String> organisationsField) {
		return replaceAll(actor, drafts, optOut, organisationsField, null);
	}

	/**
	 * As {@link #replaceAll(ConsentActor, List, Boolean, IntFunction)}, only if the
	 * citizen's consent is still at {@code expectedVersion} (a conditional update, HTTP
	 * {@code If-Match}). The version is compared after the citizen's consent row is
	 * locked, in the transaction that writes the change: of two replacements expecting
	 * the same version, exactly one is applied.
	 * @param expectedVersion the consent version the caller last saw, or null to replace
	 * whatever the version
	 * @throws VersionMismatchException when the consent is at another version; nothing is
	 * written
	 */
	public ConsentOutcome replaceAll(ConsentActor actor, List<Directive> drafts, Boolean optOut,
			IntFunction<String> organisationsField, Long expectedVersion) {
		for (Directive draft : drafts) {
			Objects.requireNonNull(draft, "draft");
		}
		return apply(actor, expectedVersion, (now, state) -> {
			if (drafts.size() > this.properties.maxActiveDirectives()) {
				throw new InvalidRequestException("directives",
						"at most " + this.properties.maxActiveDirectives() + " active directives are allowed");
			}
			Map<String, DirectiveVersion> active = new HashMap<>();
			state.activeDirectives().forEach((version) -> active.put(version.id(), version));
			for (int i = 0; i < drafts.size(); i++) {
				DirectiveVersion existing = active.get(drafts.get(i).id());
				String field = organisationsField.apply(i);
				requireRegistered(drafts.get(i), (existing != null) ? existing.directive() : null, (code) -> field);
			}
			List<Recorded> recorded = new ArrayList<>();
			for (Directive draft : drafts) {
				DirectiveVersion existing = active.remove(draft.id());
				if (existing == null) {
					Directive fresh = draft.toBuilder().id(UUID.randomUUID().toString()).build();
					DirectiveVersion created = DirectiveLifecycle.create(actor, fresh, now);
					this.store.insert(created);
					recorded.add(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_CREATED, created), created));
				}
				else if (!sameContent(existing.directive(), draft)) {
					DirectiveVersion next = DirectiveLifecycle.change(existing, actor, draft, now);
					this.store.insert(next);
					recorded.add(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_CHANGED, next), next));
				}
			}
			for (DirectiveVersion left : state.activeDirectives()) {
				if (active.containsKey(left.id())) {
					DirectiveVersion revoked = DirectiveLifecycle.revoke(left, actor, now);
					this.store.insert(revoked);
					recorded.add(new Recorded(ConsentChange.of(ConsentChange.DIRECTIVE_REVOKED, revoked), revoked));
				}
			}
			if (optOut != null && optOut != state.nationalOptOut()) {
				this.store.setNationalOptOut(actor.subject(), optOut, now);
				recorded.add(new Recorded(ConsentChange.optOut(optOut), null));
			}
			return recorded;
		});
	}

	private ConsentOutcome apply(ConsentActor actor, Work work) {
		return apply(actor, null, work);
	}

	private ConsentOutcome apply(ConsentActor actor, Long expectedVersion, Work work) {
		ConsentOutcome outcome = this.transactions.execute((tx) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			long version = this.store.lockAndBump(actor.subject(), now);
			// the row is locked now and the bump added one: version - 1 is the version no
			// other change can move until this transaction ends
			if (expectedVersion != null && version - 1 != expectedVersion) {
				// an exception rolls the bump back
				throw new VersionMismatchException("the consent is at version " + (version - 1) + ", not "
						+ expectedVersion + " as expected: read it again and retry");
			}
			List<Recorded> recorded = work.run(now, this.store.state(actor.subject()));
			if (recorded.isEmpty()) {
				// Nothing changed (an identical import): undo the version bump, issue no
				// receipt.
				tx.setRollbackOnly();
				return new ConsentOutcome(List.of(), this.store.state(actor.subject()), null);
			}
			ConsentState after = this.store.state(actor.subject());
			List<ConsentChange> changes = recorded.stream().map(Recorded::change).toList();
			String action = (changes.size() == 1) ? changes.get(0).action() : ReceiptIssuer.IMPORT_ACTION;
			ConsentReceipt receipt = this.receipts.issue(actor, action, changes, after, now);
			this.receiptStore.insert(receipt);
			for (Recorded change : recorded) {
				this.audit.append(auditEvent(actor, change, receipt, version));
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					ConsentService.this.events.publishEvent(new ConsentChangedEvent(actor.subject(), version));
				}
			});
			return new ConsentOutcome(recorded.stream().map(Recorded::version).filter(Objects::nonNull).toList(), after,
					receipt);
		});
		return Objects.requireNonNull(outcome, "outcome");
	}

	private static AuditEvent auditEvent(ConsentActor actor, Recorded recorded, ConsentReceipt receipt,
			long consentVersion) {
		ConsentChange change = recorded.change();
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.CONSENT_CHANGE, actor.auditActor())
			.subject(actor.subject())
			.outcome(AuditOutcome.PERMIT, change.action())
			.directive(change.directiveId())
			.explanation(explain(actor, recorded))
			.detail("receipt_id", receipt.id())
			.detail("consent_version", Long.toString(consentVersion));
		if (change.directiveId() != null) {
			event.detail("directive_version", Integer.toString(change.directiveVersion()));
		}
		return event.build();
	}

	private static String explain(ConsentActor actor, Recorded recorded) {
		String who = actor.isProxy() ? actor.username() + " (proxy of " + actor.onBehalfOf() + ")" : "The citizen";
		ConsentChange change = recorded.change();
		return switch (change.action()) {
			case ConsentChange.DIRECTIVE_CREATED -> who + " made directive " + change.directiveId() + ": "
					+ Explanations.describe(recorded.version().directive(), Audience.OTHERS);
			case ConsentChange.DIRECTIVE_CHANGED ->
				who + " changed directive " + change.directiveId() + " (version " + change.directiveVersion() + "): "
						+ Explanations.describe(recorded.version().directive(), Audience.OTHERS);
			case ConsentChange.DIRECTIVE_REVOKED -> who + " revoked directive " + change.directiveId();
			case ConsentChange.OPT_OUT_SET -> who + " registered the national data opt-out";
			case ConsentChange.OPT_OUT_CLEARED -> who + " withdrew the national data opt-out";
			default -> who + " changed their consent";
		};
	}

	/**
	 * Refuses a draft naming an organisation that is not a registered agency. Codes the
	 * directive already named before ({@code previous}, the version being replaced) are
	 * not checked again, so that a directive stored before this check can still be
	 * changed without retyping; a disabled agency is still registered.
	 * @param field the field naming an organisation code in the request
	 */
	private void requireRegistered(Directive draft, Directive previous, Function<String, String> field) {
		List<String> codes = new ArrayList<>(draft.organisations());
		if (previous != null) {
			codes.removeAll(previous.organisations());
		}
		if (codes.isEmpty()) {
			return;
		}
		Set<String> unregistered = this.organisations.unregistered(codes);
		if (unregistered.isEmpty()) {
			return;
		}
		for (String code : draft.organisations()) {
			if (unregistered.contains(code)) {
				throw new InvalidRequestException(field.apply(code),
						"'" + Printable.of(code) + "' is not the code of an agency registered with Concord");
			}
		}
	}

	private void requireRoomFor(ConsentState state, int added) {
		int after = state.activeDirectives().size() + added;
		if (added > 0 && after > this.properties.maxActiveDirectives()) {
			throw new InvalidRequestException("directives",
					"at most " + this.properties.maxActiveDirectives() + " active directives are allowed");
		}
	}

	private static DirectiveVersion current(ConsentState state, String directiveId) {
		return state.directives()
			.stream()
			.filter((version) -> version.id().equals(directiveId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("directive " + Printable.of(directiveId)));
	}

	/**
	 * True when the two directives have the same effect, scope and period (ids, status
	 * and dates aside).
	 */
	static boolean sameContent(Directive a, Directive b) {
		return a.effect() == b.effect() && a.organisations().equals(b.organisations())
				&& a.orgTypes().equals(b.orgTypes()) && a.roles().equals(b.roles())
				&& a.categories().equals(b.categories()) && a.purposes().equals(b.purposes())
				&& Objects.equals(a.start(), b.start()) && Objects.equals(a.end(), b.end());
	}

	/**
	 * The work of one change, run inside its transaction with the citizen's row locked.
	 */
	@FunctionalInterface
	private interface Work {

		List<Recorded> run(Instant now, ConsentState state);

	}

	/** A change and the directive version it recorded (null for an opt-out change). */
	private record Recorded(ConsentChange change, DirectiveVersion version) {
	}

}
