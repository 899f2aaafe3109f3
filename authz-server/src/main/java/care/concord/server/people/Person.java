package care.concord.server.people;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person's local account: username, slow password hash, roles, NHS number for citizens,
 * enabled flag. Stored in tables {@code person} and {@code person_role} by
 * {@link PersonRepository}; a change reaches the database only when the person is saved.
 */
public class Person {

	private String username;

	private String passwordHash;

	private String displayName;

	private String nhsNumber;

	private boolean enabled;

	private Instant createdAt;

	private Set<String> roles = new TreeSet<>();

	/** A person as stored (read back by {@link PersonRepository}). */
	Person(String username, String passwordHash, String displayName, String nhsNumber, boolean enabled,
			Instant createdAt, Set<String> roles) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.nhsNumber = nhsNumber;
		this.enabled = enabled;
		this.createdAt = createdAt;
		this.roles = new TreeSet<>(roles);
	}

	public Person(String username, String passwordHash, String displayName, String nhsNumber, Set<String> roles,
			Instant now) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.nhsNumber = nhsNumber;
		this.roles = new TreeSet<>(roles);
		this.enabled = true;
		this.createdAt = now;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getNhsNumber() {
		return this.nhsNumber;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Set<String> getRoles() {
		return Set.copyOf(this.roles);
	}

	void setRoles(Set<String> roles, String nhsNumber) {
		this.roles.clear();
		this.roles.addAll(roles);
		this.nhsNumber = nhsNumber;
	}

	/**
	 * Replaces a staff account's roles by those its upstream provider gives at this
	 * sign-in (no NHS number).
	 */
	public void assignUpstreamRoles(Set<String> roles) {
		setRoles(roles, null);
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Replaces the hash by the same password hashed with the current encoder (after a
	 * successful login).
	 */
	public void upgradePasswordHash(String passwordHash) {
		setPasswordHash(passwordHash);
	}

	void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

}
