package care.concord.identity.matching.blocking;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import care.concord.identity.demographics.StandardisedPerson;

/**
 * The set of blocking passes in use. {@link #keys(StandardisedPerson)} is what a database
 * stores per record.
 */
public final class BlockingScheme {

	private final BlockingRule[] rules;

	private BlockingScheme(Set<BlockingRule> rules) {
		this.rules = rules.toArray(new BlockingRule[0]);
	}

	/**
	 * The demographic passes, plus the identifier pass when identifiers may be used as
	 * evidence.
	 */
	public static BlockingScheme standard(boolean useIdentifier) {
		EnumSet<BlockingRule> rules = EnumSet.allOf(BlockingRule.class);
		if (!useIdentifier) {
			rules.remove(BlockingRule.IDENTIFIER);
		}
		return new BlockingScheme(rules);
	}

	/** A scheme of exactly these passes. */
	public static BlockingScheme of(Set<BlockingRule> rules) {
		if (rules.isEmpty()) {
			throw new IllegalArgumentException("a blocking scheme needs at least one rule");
		}
		return new BlockingScheme(EnumSet.copyOf(rules));
	}

	/** The passes, in declaration order. */
	public List<BlockingRule> rules() {
		return List.of(this.rules);
	}

	/** Every key of the record, one per pass whose fields are present. */
	public List<String> keys(StandardisedPerson p) {
		List<String> keys = new ArrayList<>(this.rules.length);
		for (BlockingRule rule : this.rules) {
			String key = rule.key(p);
			if (key != null) {
				keys.add(key);
			}
		}
		return keys;
	}

}
