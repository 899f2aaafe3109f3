package care.concord.server.consent;

import java.time.Instant;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.citizen.DirectiveStatus;
import care.concord.policy.request.Category;
import care.concord.server.domain.StateConflictException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The directive state machine: active to active (change), active to revoked (revoke),
 * revoked is terminal.
 */
class DirectiveLifecycleTests {

	private static final NhsNumber NHS = NhsNumber.parse("9434765919");

	private static final ConsentActor CITIZEN = ConsentActor.self(NHS, "citizen-1");

	private static final ConsentActor PROXY = new ConsentActor(NHS, "carer-1", "citizen-1");

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private static final Instant T1 = Instant.parse("2026-11-26T11:00:00Z");

	private static Directive draft() {
		return Directive.builder().id("d1").effect("deny").categories(Category.MENTAL_HEALTH).build();
	}

	@Test
	void createWhenActiveDraftThenVersionOneDatedNow() {
		DirectiveVersion created = DirectiveLifecycle.create(CITIZEN, draft(), T0);
		assertThat(created.version()).isEqualTo(1);
		assertThat(created.isActive()).isTrue();
		assertThat(created.recordedAt()).isEqualTo(T0);
		assertThat(created.directive().createdAt()).isEqualTo(T0);
		assertThat(created.recordedBy()).isEqualTo("citizen-1");
		assertThat(created.onBehalfOf()).isNull();
		assertThat(created.revokedAt()).isNull();
	}

	@Test
	void createWhenRevokedDraftThenRefused() {
		Directive revoked = draft().toBuilder().status(DirectiveStatus.REVOKED).build();
		assertThatIllegalArgumentException().isThrownBy(() -> DirectiveLifecycle.create(CITIZEN, revoked, T0));
	}

	@Test
	void changeWhenActiveThenNextVersionKeepsIdTakesDraftAndNamesProxy() {
		DirectiveVersion created = DirectiveLifecycle.create(CITIZEN, draft(), T0);
		Directive other = Directive.builder().id("ignored").effect("permit").roles("nurse").build();
		DirectiveVersion changed = DirectiveLifecycle.change(created, PROXY, other, T1);
		assertThat(changed.version()).isEqualTo(2);
		assertThat(changed.id()).isEqualTo("d1");
		assertThat(changed.directive().roles()).containsExactly("nurse");
		assertThat(changed.directive().categories()).isEmpty();
		assertThat(changed.recordedBy()).isEqualTo("carer-1");
		assertThat(changed.onBehalfOf()).isEqualTo("citizen-1");
		assertThat(changed.isActive()).isTrue();
	}

	@Test
	void revokeWhenActiveThenNextVersionRevokedWithTimeAndSameScope() {
		DirectiveVersion created = DirectiveLifecycle.create(CITIZEN, draft(), T0);
		DirectiveVersion revoked = DirectiveLifecycle.revoke(created, CITIZEN, T1);
		assertThat(revoked.version()).isEqualTo(2);
		assertThat(revoked.directive().status()).isEqualTo(DirectiveStatus.REVOKED);
		assertThat(revoked.revokedAt()).isEqualTo(T1);
		assertThat(revoked.directive().categories()).containsExactly(Category.MENTAL_HEALTH);
	}

	@Test
	void revokeWhenRevokedThenConflict() {
		DirectiveVersion revoked = DirectiveLifecycle.revoke(DirectiveLifecycle.create(CITIZEN, draft(), T0), CITIZEN,
				T1);
		assertThatExceptionOfType(StateConflictException.class)
			.isThrownBy(() -> DirectiveLifecycle.revoke(revoked, CITIZEN, T1));
	}

	@Test
	void changeWhenRevokedThenConflict() {
		DirectiveVersion revoked = DirectiveLifecycle.revoke(DirectiveLifecycle.create(CITIZEN, draft(), T0), CITIZEN,
				T1);
		assertThatExceptionOfType(StateConflictException.class)
			.isThrownBy(() -> DirectiveLifecycle.change(revoked, CITIZEN, draft(), T1));
	}

	@Test
	void versionWhenRevokedWithoutTimeThenRefused() {
		Directive revoked = draft().toBuilder().status(DirectiveStatus.REVOKED).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DirectiveVersion(NHS, revoked, 2, T1, "citizen-1", null, null));
	}

}
