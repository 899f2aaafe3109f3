package care.concord.identity.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import care.concord.identity.bench.PeopleGenerator.Address;
import care.concord.identity.bench.PeopleGenerator.Person;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.nhs.NhsNumber;

/**
 * A UK-like linkage set full of the people a matcher must keep apart (benchmarks only; nobody real is in it).
 *
 * <p>File A holds N people in households (spouses, parents, children, siblings at one address) plus confusers;
 * file B holds corrupted copies of some of them and people who must not be linked:
 * <ul>
 * <li><b>twin</b>: same date of birth, family name and address, another given name;</li>
 * <li><b>junior</b>: a parent or child with the same given name, family name and address, and a date of birth
 * on the same day and month a generation away;</li>
 * <li><b>namesake</b>: same given and family name in the same town, another address and date of birth (a third
 * share born in the same year);</li>
 * <li><b>household</b>: the other members of a household (from {@link PeopleGenerator#people}).</li>
 * </ul>
 * Each confuser is either in A while B holds a copy of its relative, or in B only while A holds the relative.
 * Copies carry one to three errors: typos, nicknames, swapped given and family names, day/month swaps, year typos
 * (one year off, or one digit of the year, some in the future), moves, missing values, and NHS numbers that are
 * missing, mistyped (failing Modulus 11) or valid but wrong (another person's).
 *
 * <pre>
 * java ... HardNegatives N A.csv B.csv TRUTH.csv SEED [NHS_MISSING=0.3] [NHS_MISTYPED=0.05] [CONFUSERS=0.04]
 * </pre>
 * TRUTH.csv lines: {@code relation,person_a,person_b,kind} for every confuser pair and household pair, and
 * {@code errors,record_id,kind|kind...} for every copy in B. Ids are {@code pP-K}: the same P is the same person.
 */
public final class HardNegatives {

	private final PeopleGenerator g;

	private final double nhsMissing;

	private final double nhsMistyped;

	private final int thisYear = LocalDate.now().getYear();

	private final List<String> truth = new ArrayList<>();

	private int nextId;

	HardNegatives(long seed, double nhsMissing, double nhsMistyped) {
		this.g = new PeopleGenerator(seed);
		this.nhsMissing = nhsMissing;
		this.nhsMistyped = nhsMistyped;
	}

	private Person twin(Person p) {
		boolean female = this.g.random.nextBoolean();
		String given;
		do {
			given = this.g.pick(female ? PeopleGenerator.FEMALE : PeopleGenerator.MALE);
		}
		while (given.equals(p.given()));
		return new Person(this.nextId++, given, p.family(), female, p.dob(), p.address(), this.g.nhsNumber());
	}

	private Person junior(Person p) {
		int gap = 20 + this.g.random.nextInt(20);
		LocalDate dob = p.dob().plusYears(gap);
		if (dob.getYear() >= this.thisYear) {
			dob = p.dob().minusYears(gap);
		}
		return new Person(this.nextId++, p.given(), p.family(), p.female(), dob, p.address(), this.g.nhsNumber());
	}

	private Person namesake(Person p) {
		Address other = this.g.newAddress();
		Address inTown = new Address(other.postcode(), other.number(), other.street(), other.locality(),
				p.address().town());
		LocalDate dob = (this.g.random.nextInt(3) == 0)
				? LocalDate.of(p.dob().getYear(), 1, 1).plusDays(this.g.random.nextInt(365))
				: LocalDate.of(1930 + this.g.random.nextInt(90), 1, 1).plusDays(this.g.random.nextInt(365));
		if (!dob.isBefore(LocalDate.now())) {
			dob = dob.minusYears(30);
		}
		return new Person(this.nextId++, p.given(), p.family(), p.female(), dob, inTown, this.g.nhsNumber());
	}

	/** A copy of the person with one to three errors, its error kinds written to the truth file. */
	private PersonRecord copy(Person p, int copy, List<Person> everyone) {
		PersonRecord clean = this.g.clean(p, copy);
		String given = p.given();
		String family = p.family();
		String dob = p.dob().toString();
		String postcode = clean.postcode();
		String number = clean.streetNumber();
		String street = clean.street();
		String locality = clean.locality();
		String nhs = p.nhs();
		List<String> kinds = new ArrayList<>();
		double r = this.g.random.nextDouble();
		if (r < this.nhsMissing) {
			nhs = null;
			kinds.add("nhs-missing");
		}
		else if (r < this.nhsMissing + this.nhsMistyped) {
			if (this.g.random.nextInt(4) == 0) {
				nhs = everyone.get(this.g.random.nextInt(everyone.size())).nhs();
				kinds.add("nhs-valid-but-wrong");
			}
			else {
				String typo;
				do {
					typo = this.g.typo(p.nhs());
				}
				while (typo.equals(p.nhs()) || NhsNumber.isValid(typo));
				nhs = typo;
				kinds.add("nhs-mod11-fails");
			}
		}
		int errors = 1 + this.g.random.nextInt(3);
		for (int e = 0; e < errors; e++) {
			switch (this.g.random.nextInt(10)) {
				case 0 -> {
					given = this.g.typo(given);
					kinds.add("name-typo");
				}
				case 1 -> {
					family = this.g.typo(family);
					kinds.add("name-typo");
				}
				case 2 -> {
					given = this.g.nickname(given);
					kinds.add("nickname");
				}
				case 3 -> {
					String t = given;
					given = family;
					family = t;
					kinds.add("names-swapped");
				}
				case 4 -> {
					dob = this.g.swapOrTypo(p.dob());
					kinds.add("dob-typo");
				}
				case 5 -> {
					dob = yearTypo(p.dob());
					kinds.add(dob.compareTo(LocalDate.now().toString()) > 0 ? "dob-year-future" : "dob-year-typo");
				}
				case 6 -> {
					Address moved = this.g.newAddress();
					postcode = moved.postcode();
					number = moved.number();
					street = moved.street();
					locality = moved.locality();
					kinds.add("moved");
				}
				case 7 -> {
					postcode = (postcode == null) ? null : this.g.typo(postcode.replace(" ", ""));
					kinds.add("postcode-typo");
				}
				case 8 -> {
					if (this.g.random.nextBoolean()) {
						given = null;
					}
					else {
						postcode = null;
					}
					kinds.add("value-missing");
				}
				default -> {
					street = (street == null) ? null : this.g.abbreviate(street);
					kinds.add("layout");
				}
			}
		}
		this.truth.add("errors," + clean.id() + "," + String.join("|", kinds));
		return new PersonRecord(clean.id(), (given == null) ? null : this.g.variantCase(given),
				(family == null) ? null : this.g.variantCase(family), dob, postcode, number, street,
				(locality == null || locality.isEmpty()) ? null : locality, clean.town(), null, nhs);
	}

	/** The year one off, or one of its last two digits mistyped (possibly into the future). */
	private String yearTypo(LocalDate dob) {
		int year = dob.getYear();
		int y = switch (this.g.random.nextInt(3)) {
			case 0 -> year + (this.g.random.nextBoolean() ? 1 : -1);
			case 1 -> year - year % 10 + this.g.random.nextInt(10);
			default -> year - year % 100 + 10 * this.g.random.nextInt(10) + year % 10;
		};
		if (y == year) {
			y = year + 1;
		}
		int day = Math.min(dob.getDayOfMonth(), 28);
		return String.format(Locale.ROOT, "%04d-%02d-%02d", y, dob.getMonthValue(),
				(dob.getMonthValue() == 2) ? day : dob.getDayOfMonth());
	}

	void generate(int n, double confusers, Path aFile, Path bFile, Path truthFile) throws IOException {
		List<Person> people = this.g.people(n, 0);
		this.nextId = n;
		for (int i = 0; i < people.size(); i++) {
			for (int j = i + 1; j < people.size() && people.get(j).address() == people.get(i).address(); j++) {
				this.truth.add("relation,p" + i + ",p" + j + ",household");
			}
		}
		List<Person> inA = new ArrayList<>(people);
		List<PersonRecord> b = new ArrayList<>();
		List<Person> copied = new ArrayList<>();
		int copies = 0;
		String[] kinds = { "twin", "junior", "namesake" };
		for (Person p : people) {
			if (this.g.random.nextDouble() >= 3 * confusers) {
				continue;
			}
			String kind = kinds[this.g.random.nextInt(kinds.length)];
			Person c = switch (kind) {
				case "twin" -> twin(p);
				case "junior" -> junior(p);
				default -> namesake(p);
			};
			this.truth.add("relation,p" + p.id() + ",p" + c.id() + "," + kind);
			if (this.g.random.nextBoolean()) {
				inA.add(c); // the confuser in A, a copy of the person in B
				copied.add(p);
			}
			else {
				b.add(this.g.clean(c, 0)); // the confuser only in B, its relative in A
			}
		}
		for (int i = 0; i < n * 2 / 5; i++) {
			copied.add(people.get(this.g.random.nextInt(people.size())));
		}
		for (Person p : copied) {
			b.add(copy(p, 1 + copies++, inA));
		}
		for (Person p : this.g.people(n / 5, this.nextId + 1_000_000)) {
			b.add(this.g.clean(p, 0));
		}
		List<PersonRecord> a = new ArrayList<>();
		for (Person p : inA) {
			a.add(this.g.clean(p, 0));
		}
		Collections.shuffle(a, this.g.random);
		Collections.shuffle(b, this.g.random);
		PeopleGenerator.write(aFile, a);
		PeopleGenerator.write(bFile, b);
		try (BufferedWriter w = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
			for (String line : this.truth) {
				w.write(line);
				w.write('\n');
			}
		}
	}

	/** Command line entry point; see the class comment. */
	public static void main(String[] args) throws IOException {
		int n = Integer.parseInt(args[0]);
		long seed = Long.parseLong(args[4]);
		double missing = (args.length > 5) ? Double.parseDouble(args[5]) : 0.3;
		double mistyped = (args.length > 6) ? Double.parseDouble(args[6]) : 0.05;
		double confusers = (args.length > 7) ? Double.parseDouble(args[7]) : 0.04;
		new HardNegatives(seed, missing, mistyped).generate(n, confusers, Path.of(args[1]), Path.of(args[2]),
				Path.of(args[3]));
	}

}
