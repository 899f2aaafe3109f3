package care.concord.identity.demographics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Common English given-name nicknames ({@code bill} → {@code william}, {@code peggy} →
 * {@code margaret}), read from the resource {@code nicknames.txt} beside this class.
 *
 * <p>
 * A nickname may stand for several names ({@code sam} → {@code samuel, samantha}); two
 * given names are "the same name" when their sets of possible formal names meet.
 */
public final class Nicknames {

	private static final Nicknames DEFAULT = load();

	private final Map<String, List<String>> formal;

	private Nicknames(Map<String, List<String>> formal) {
		this.formal = formal;
	}

	/** The table shipped with the library. */
	public static Nicknames standard() {
		return DEFAULT;
	}

	private static Nicknames load() {
		Map<String, List<String>> map = new HashMap<>();
		try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.txt")) {
			if (in == null) {
				throw new IllegalStateException("nicknames.txt resource is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				int eq = line.indexOf('=');
				String nick = line.substring(0, eq).strip();
				String[] names = line.substring(eq + 1).split(",");
				List<String> list = new java.util.ArrayList<>();
				for (String name : names) {
					list.add(name.strip());
				}
				map.merge(nick, List.copyOf(list), (a, b) -> {
					List<String> merged = new java.util.ArrayList<>(a);
					merged.addAll(b);
					return List.copyOf(merged);
				});
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Nicknames(Map.copyOf(map));
	}

	/**
	 * The formal name a standardised first name most likely stands for ({@code bill} →
	 * {@code william}); the name itself when it is not a known nickname; {@code null} for
	 * {@code null}.
	 */
	public String canonical(String firstName) {
		if (firstName == null) {
			return null;
		}
		List<String> names = this.formal.get(firstName);
		return names == null ? firstName : names.get(0);
	}

	/**
	 * True when the two first names can denote the same formal name (equal, or related
	 * through the table).
	 */
	public boolean sameName(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		if (a.equals(b)) {
			return true;
		}
		List<String> fa = this.formal.getOrDefault(a, List.of());
		List<String> fb = this.formal.getOrDefault(b, List.of());
		if (fa.contains(b) || fb.contains(a)) {
			return true;
		}
		for (String name : fa) {
			if (fb.contains(name)) {
				return true;
			}
		}
		return false;
	}

	/** Number of nicknames in the table. */
	public int size() {
		return this.formal.size();
	}

}
