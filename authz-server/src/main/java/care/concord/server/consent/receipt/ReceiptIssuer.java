package care.concord.server.consent.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import care.concord.policy.citizen.Directive;
import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentChange;
import care.concord.server.consent.ConsentProperties;
import care.concord.server.consent.ConsentState;
import care.concord.server.consent.DirectiveVersion;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Issues signed consent receipts: a compact JWS, signed with Concord's current token
 * signing key (its {@code kid} in the header, so the receipt verifies against
 * {@code /oauth2/jwks}), whose payload is a consent record in the fields of the Kantara
 * Initiative Consent Receipt Specification v1.1 and ISO/IEC 27560.
 *
 * <p>
 * Payload ({@link #RECEIPT_VERSION}):
 * <ul>
 * <li>Kantara: {@code version}, {@code jurisdiction} ({@code GB}),
 * {@code consentTimestamp}, {@code collectionMethod}, {@code consentReceiptID} (=
 * {@code jti}), {@code language}, {@code piiPrincipalId} (the NHS number),
 * {@code piiControllers}, {@code policyUrl} (the privacy notice), {@code sensitive},
 * {@code spiCat};</li>
 * <li>JWT: {@code iss} (when configured), {@code sub} (the NHS number), {@code jti},
 * {@code iat};</li>
 * <li>Concord's ISO/IEC 27560 record content: {@code notice_version}, {@code actor}
 * ({@code username}, {@code on_behalf_of}), {@code changes} ({@code action},
 * {@code directive_id}, {@code directive_version}), {@code consent_version},
 * {@code directives} (the active directives after the change) and
 * {@code national_data_opt_out}.</li>
 * </ul>
 *
 * @see <a href="https://kantarainitiative.org/download/7902/">Kantara Consent Receipt
 * Specification v1.1</a>
 * @see <a href="https://www.iso.org/standard/80392.html">ISO/IEC TS 27560:2023 Consent
 * record information structure</a>
 */
public final class ReceiptIssuer {

	/** The Kantara specification version the payload follows. */
	public static final String RECEIPT_VERSION = "KI-CR-v1.1.0";

	/** The JWS {@code typ} of a receipt. */
	public static final String TYPE = "consent-receipt+jwt";

	/**
	 * The prefix of the privacy notice reference ({@code policyUrl}); the notice version
	 * follows it.
	 */
	public static final String POLICY_PREFIX = "urn:concord:consent-notice:";

	/** The action of a receipt recording a FHIR import (several changes at once). */
	public static final String IMPORT_ACTION = "directives-imported";

	private final Supplier<JWK> signingKey;

	private final ConsentProperties properties;

	private final String issuer;

	/**
	 * @param signingKey the current signing key with its private part, e.g.
	 * {@link care.concord.server.oauth.SigningKeyService#currentSigningKey()}
	 * @param properties notice version and controller
	 * @param issuer Concord's issuer identifier, or null/blank when not configured
	 */
	public ReceiptIssuer(Supplier<JWK> signingKey, ConsentProperties properties, String issuer) {
		this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
		this.properties = Objects.requireNonNull(properties, "properties");
		this.issuer = (issuer != null && !issuer.isBlank()) ? issuer : null;
	}

	/**
	 * Signs a receipt for the changes the actor made, showing the consent as it stands
	 * after them.
	 * @param action the receipt's action: the single change's action, or
	 * {@link #IMPORT_ACTION}
	 */
	public ConsentReceipt issue(ConsentActor actor, String action, List<ConsentChange> changes, ConsentState after,
			Instant now) {
		String id = UUID.randomUUID().toString();
		JWTClaimsSet claims = claims(id, actor, changes, after, now);
		JWK key = this.signingKey.get();
		JWSAlgorithm algorithm = (JWSAlgorithm) key.getAlgorithm();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(new JOSEObjectType(TYPE)).build(), claims);
		try {
			jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("the consent receipt could not be signed", ex);
		}
		return new ConsentReceipt(id, actor.subject().value(), now, after.version(), action, actor.username(),
				actor.onBehalfOf(), key.getKeyID(), jwt.serialize());
	}

	private JWTClaimsSet claims(String id, ConsentActor actor, List<ConsentChange> changes, ConsentState after,
			Instant now) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(id)
			.subject(actor.subject().value())
			.issueTime(Date.from(now));
		if (this.issuer != null) {
			claims.issuer(this.issuer);
		}
		Map<String, Object> controller = new LinkedHashMap<>();
		controller.put("piiController", this.properties.controller());
		if (!this.properties.controllerContact().isBlank()) {
			controller.put("contact", this.properties.controllerContact());
		}
		if (this.issuer != null) {
			controller.put("piiControllerUrl", this.issuer);
		}
		Map<String, Object> actorClaim = new LinkedHashMap<>();
		actorClaim.put("username", actor.username());
		actorClaim.put("on_behalf_of", actor.onBehalfOf());
		List<Object> changeClaims = new ArrayList<>();
		for (ConsentChange change : changes) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("action", change.action());
			if (change.directiveId() != null) {
				c.put("directive_id", change.directiveId());
				c.put("directive_version", change.directiveVersion());
			}
			changeClaims.add(c);
		}
		List<Object> directives = new ArrayList<>();
		for (DirectiveVersion version : after.activeDirectives()) {
			directives.add(directive(version));
		}
		return claims.claim("version", RECEIPT_VERSION)
			.claim("jurisdiction", "GB")
			.claim("consentTimestamp", now.getEpochSecond())
			.claim("collectionMethod",
					actor.isProxy() ? "Concord citizen API, by a proxy the citizen named"
							: "Concord citizen API, by the citizen")
			.claim("consentReceiptID", id)
			.claim("language", "en")
			.claim("piiPrincipalId", actor.subject().value())
			.claim("piiControllers", List.of(controller))
			.claim("policyUrl", POLICY_PREFIX + this.properties.noticeVersion())
			.claim("sensitive", true)
			.claim("spiCat", List.of("health", "social care"))
			.claim("notice_version", this.properties.noticeVersion())
			.claim("actor", actorClaim)
			.claim("changes", changeClaims)
			.claim("consent_version", after.version())
			.claim("directives", directives)
			.claim("national_data_opt_out", after.nationalOptOut())
			.build();
	}

	private static Map<String, Object> directive(DirectiveVersion version) {
		Directive d = version.directive();
		Map<String, Object> claim = new LinkedHashMap<>();
		claim.put("id", d.id());
		claim.put("version", version.version());
		claim.put("effect", d.effect().code());
		claim.put("status", d.status().code());
		claim.put("organisations", new ArrayList<>(d.organisations()));
		claim.put("org_types", d.orgTypes().stream().map((t) -> t.code()).toList());
		claim.put("roles", new ArrayList<>(d.roles()));
		claim.put("categories", d.categories().stream().map((c) -> c.code()).toList());
		claim.put("purposes", d.purposes().stream().map((p) -> p.code()).toList());
		claim.put("start", (d.start() != null) ? d.start().toString() : null);
		claim.put("end", (d.end() != null) ? d.end().toString() : null);
		return claim;
	}

}
