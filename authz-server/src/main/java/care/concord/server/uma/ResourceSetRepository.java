package care.concord.server.uma;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.Assert;

/**
 * Registered resources in the {@code uma_resource_set} table (H2 and PostgreSQL). Every
 * query that a resource server can cause is keyed by the holder as well as the id, so
 * that one resource server never sees or changes another's resources.
 */
public final class ResourceSetRepository {

	private static final String COLUMNS = "id, holder, holder_org_type, registered_by_client, subject_nhs_number, name,"
			+ " category, resource_scopes, description, icon_uri, created_at, updated_at";

	private static final RowMapper<ResourceSet> ROWS = ResourceSetRepository::row;

	private final JdbcOperations jdbc;

	public ResourceSetRepository(JdbcOperations jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	public void insert(ResourceSet resource) {
		this.jdbc.update("INSERT INTO uma_resource_set (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				resource.id(), resource.holder(), resource.holderOrgType(), resource.registeredByClient(),
				resource.subject().value(), resource.name(), resource.category().code(),
				String.join(" ", resource.scopes()), resource.description(), resource.iconUri(),
				Timestamp.from(resource.createdAt()), Timestamp.from(resource.updatedAt()));
	}

	/**
	 * Replaces the description of the holder's resource; false when the holder has no
	 * resource with that id.
	 */
	public boolean update(ResourceSet resource) {
		return this.jdbc.update("UPDATE uma_resource_set SET subject_nhs_number = ?, name = ?, category = ?,"
				+ " resource_scopes = ?, description = ?, icon_uri = ?, updated_at = ? WHERE id = ? AND holder = ?",
				resource.subject().value(), resource.name(), resource.category().code(),
				String.join(" ", resource.scopes()), resource.description(), resource.iconUri(),
				Timestamp.from(resource.updatedAt()), resource.id(), resource.holder()) == 1;
	}

	/**
	 * Deletes the holder's resource; false when the holder has no resource with that id.
	 */
	public boolean delete(String id, String holder) {
		return this.jdbc.update("DELETE FROM uma_resource_set WHERE id = ? AND holder = ?", id, holder) == 1;
	}

	/** The resource with that id, whoever holds it (callers check the holder). */
	public Optional<ResourceSet> findById(String id) {
		if (id == null || id.length() > 64) {
			return Optional.empty();
		}
		return this.jdbc.query("SELECT " + COLUMNS + " FROM uma_resource_set WHERE id = ?", ROWS, id)
			.stream()
			.findFirst();
	}

	/** The holder's resource with that id. */
	public Optional<ResourceSet> findByIdAndHolder(String id, String holder) {
		return findById(id).filter((resource) -> resource.holder().equals(holder));
	}

	/**
	 * One page of the holder's resource ids in id order: at most {@code limit} ids
	 * greater than {@code after} (all from the first when {@code after} is null). Keyset
	 * paging: stable while resources come and go.
	 */
	public List<String> findIdsByHolder(String holder, String after, int limit) {
		return (after == null)
				? this.jdbc.queryForList("SELECT id FROM uma_resource_set WHERE holder = ? ORDER BY id LIMIT ?",
						String.class, holder, limit)
				: this.jdbc.queryForList(
						"SELECT id FROM uma_resource_set WHERE holder = ? AND id > ? ORDER BY id LIMIT ?", String.class,
						holder, after, limit);
	}

	/** Every resource registered about the subject, by any holder. */
	public List<ResourceSet> findBySubject(NhsNumber subject) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM uma_resource_set WHERE subject_nhs_number = ?"
				+ " ORDER BY holder, category, id", ROWS, subject.value());
	}

	/** The resources with those ids, whoever holds them. */
	public List<ResourceSet> findAllById(Collection<String> ids) {
		return ids.stream().distinct().map(this::findById).flatMap(Optional::stream).toList();
	}

	private static ResourceSet row(ResultSet rs, int rowNum) throws SQLException {
		return new ResourceSet(rs.getString("id"), rs.getString("holder"), rs.getString("holder_org_type"),
				rs.getString("registered_by_client"), NhsNumber.parse(rs.getString("subject_nhs_number")),
				rs.getString("name"), Category.fromCode(rs.getString("category")),
				Arrays.asList(rs.getString("resource_scopes").split(" ")), rs.getString("description"),
				rs.getString("icon_uri"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
