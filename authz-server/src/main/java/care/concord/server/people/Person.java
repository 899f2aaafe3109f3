package care.concord.server.people;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/**
 * A person's local account: username, slow password hash, roles, NHS number for citizens,
 * enabled flag.
 */
@Entity
@Table(name = "person")
public class Person {

	@Id
	@Column(name = "username", length = 100)
	private String username;

	@Column(name = "password_hash", nullable = false, length = 200)
	private String passwordHash;

	@Column(name = "display_name", length = 200)
	private String displayName;

	@Column(name = "nhs_number", length = 10)
	private String nhsNumber;

	@Column(name = "enabled", nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "person_role", joinColumns = @JoinColumn(name = "username"))
	@Column(name = "role", length = 32)
	private Set<String> roles = new TreeSet<>();

	protected Person() {
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
