package care.concord.server.consent;

import java.util.List;
import java.util.Objects;

import care.concord.server.consent.receipt.ConsentReceipt;

/**
 * What a consent change produced: the directive versions it recorded, the consent as it
 * stands afterwards, and the signed receipt (null only when an import changed nothing,
 * and so recorded nothing).
 *
 * @param recorded the directive versions recorded, in order
 * @param state the citizen's consent after the change
 * @param receipt the receipt of the change, or null when nothing changed
 */
public record ConsentOutcome(List<DirectiveVersion> recorded, ConsentState state, ConsentReceipt receipt) {

	public ConsentOutcome {
		recorded = List.copyOf(recorded);
		Objects.requireNonNull(state, "state");
	}

}
