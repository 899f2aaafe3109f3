package care.concord.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.concord.identity.cli.PersonCsv;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.linkage.PairEvaluation;

/** Fixtures: adjustable person builders and the FEBRL files with their ground truth. */
public final class TestPeople {

	/** A fixed "today" so date tests do not depend on the clock. */
	public static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	private static final Standardiser STANDARDISER = new Standardiser(Standardiser.DateMode.LENIENT, TODAY);

	private TestPeople() {
	}

	/** A typical complete record, to be adjusted by the test. */
	public static PersonRecord.Builder margaret(String id) {
		return PersonRecord.builder(id)
			.givenName("Margaret")
			.familyName("Thornton")
			.dateOfBirth("1948-06-21")
			.postcode("LS6 2AB")
			.streetNumber("14")
			.street("Cardigan Road")
			.locality("Headingley")
			.town("Leeds")
			.region("West Yorkshire")
			.identifier("9434765919");
	}

	/** Standardises a built record. */
	public static StandardisedPerson standardise(PersonRecord.Builder builder) {
		return STANDARDISER.standardise(builder.build());
	}

	/**
	 * FEBRL dataset n (1 to 3) from the test resources, lenient about impossible dates.
	 */
	public static List<StandardisedPerson> febrl(int n, boolean useIdentifier) {
		try {
			Path path = Path.of(TestPeople.class.getResource("/febrl/dataset" + n + ".csv").toURI());
			return PersonCsv.read(path, useIdentifier, STANDARDISER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** FEBRL ground truth: the person number N of rec-N-org / rec-N-dup-K. */
	public static String febrlPerson(String id) {
		int a = id.indexOf('-');
		int b = id.indexOf('-', a + 1);
		return id.substring(a + 1, b);
	}

	/**
	 * All true duplicate pairs of a FEBRL dataset, as {@link PairEvaluation#key} strings.
	 */
	public static Set<String> febrlTruePairs(List<StandardisedPerson> records) {
		Map<String, List<String>> groups = new HashMap<>();
		for (StandardisedPerson p : records) {
			groups.computeIfAbsent(febrlPerson(p.id()), k -> new ArrayList<>()).add(p.id());
		}
		Set<String> pairs = new HashSet<>();
		for (List<String> g : groups.values()) {
			for (int i = 0; i < g.size(); i++) {
				for (int j = i + 1; j < g.size(); j++) {
					pairs.add(PairEvaluation.key(g.get(i), g.get(j)));
				}
			}
		}
		return pairs;
	}

}
