package care.concord.identity.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.nhs.NhsNumber;

/**
 * Generates realistic UK-ish synthetic people and corrupted duplicates of them, for benchmarks only (no real
 * person is in the output).
 *
 * <p>Households share an address (and usually a family name), so that family members are the hard non-matches;
 * names follow a skewed distribution with a long synthetic tail; postcodes are well-formed UK postcodes grouped
 * by area and town; NHS numbers pass Modulus 11. Duplicates carry typical errors: typos, nicknames, marriage
 * name changes, day/month swaps, mistyped digits, missing fields, moves, other layouts of the same value.
 *
 * <pre>
 * java ... PeopleGenerator link N A.csv B.csv   N people in A; B = N records, half corrupted copies of A people
 * java ... PeopleGenerator dedupe N OUT.csv     N people plus about N/5 corrupted duplicates, shuffled
 * </pre>
 * Record ids are {@code pP-K}: the same P means the same person.
 */
public final class PeopleGenerator {

	static final String[] MALE = { "oliver", "george", "harry", "jack", "jacob", "noah", "charlie", "muhammad",
			"thomas", "oscar", "william", "james", "leo", "alfie", "henry", "joshua", "freddie", "archie", "ethan",
			"isaac", "alexander", "joseph", "edward", "samuel", "max", "daniel", "arthur", "lucas", "mohammed",
			"logan", "theo", "harrison", "benjamin", "mason", "sebastian", "finley", "adam", "dylan", "zachary",
			"riley", "david", "john", "michael", "paul", "andrew", "peter", "richard", "robert", "stephen", "mark",
			"christopher", "anthony", "kevin", "gary", "ian", "simon", "matthew", "neil", "colin", "graham",
			"kenneth", "ronald", "derek", "brian", "keith", "alan", "raymond", "dennis", "frank", "albert" };

	static final String[] FEMALE = { "olivia", "amelia", "isla", "ava", "emily", "isabella", "mia", "poppy",
			"ella", "lily", "sophia", "grace", "evie", "scarlett", "ruby", "chloe", "isabelle", "freya", "charlotte",
			"sienna", "daisy", "phoebe", "millie", "eva", "alice", "lucy", "florence", "sofia", "layla", "lola",
			"sarah", "emma", "laura", "rebecca", "hannah", "jessica", "claire", "nicola", "helen", "rachel",
			"susan", "margaret", "elizabeth", "patricia", "jennifer", "linda", "barbara", "mary", "jean", "sandra",
			"julie", "karen", "tracey", "joanne", "deborah", "catherine", "katherine", "victoria", "samantha",
			"dorothy", "joan", "irene", "doris", "kathleen", "pamela", "christine", "janet", "gillian", "valerie",
			"alison", "amanda" };

	static final String[] SURNAMES = { "smith", "jones", "williams", "taylor", "brown", "davies", "evans", "wilson",
			"thomas", "johnson", "roberts", "robinson", "thompson", "wright", "walker", "white", "edwards", "hughes",
			"green", "hall", "lewis", "harris", "clarke", "patel", "jackson", "wood", "turner", "martin", "cooper",
			"hill", "ward", "morris", "moore", "clark", "lee", "king", "baker", "harrison", "morgan", "allen",
			"james", "scott", "phillips", "watson", "davis", "parker", "price", "bennett", "young", "griffiths",
			"mitchell", "kelly", "cook", "carter", "richardson", "bailey", "collins", "bell", "shaw", "murphy",
			"miller", "cox", "richards", "khan", "marshall", "anderson", "simpson", "ellis", "adams", "singh",
			"begum", "wilkinson", "foster", "chapman", "powell", "webb", "rogers", "gray", "mason", "ali",
			"hunt", "hussain", "campbell", "matthews", "owen", "palmer", "holmes", "mills", "barnes", "knight",
			"lloyd", "butler", "russell", "barker", "fisher", "stevens", "jenkins", "murray", "dixon", "harvey",
			"graham", "pearson", "ahmed", "fletcher", "walsh", "kaur", "gibson", "howard", "andrews", "stewart",
			"elliott", "reynolds", "saunders", "payne", "fox", "ford", "pearce", "day", "brooks", "west", "lawrence",
			"cole", "atkinson", "bradley", "spencer", "gill", "dawson", "ball", "burton", "o'brien", "watts", "rose",
			"booth", "perry", "ryan", "grant", "wells", "armstrong", "francis", "rees", "hayes", "hart", "hudson",
			"newman", "barrett", "webster", "hunter", "gregory", "carr", "lowe", "page", "marsh", "riley", "dunn",
			"woods", "parsons", "berry", "stone", "reid", "holland", "hawkins", "harding", "porter", "robertson",
			"newton", "oliver", "reed", "kennedy", "williamson", "bird", "gardner", "shah", "dean", "lane", "cooke",
			"bates", "henderson", "parry", "burgess", "bishop", "walton", "burns", "nicholson", "shepherd", "ross",
			"cross", "long", "freeman", "warren", "nicholls", "hamilton", "byrne", "sutton", "mcdonald", "yates",
			"hodgson", "robson", "curtis", "hopkins", "o'connor", "harper", "coleman", "watkins", "moss", "mccarthy",
			"chambers", "o'neill", "griffin", "sharp", "hardy", "wheeler", "potter", "osborne", "johnston",
			"gordon", "doyle", "wallace", "george", "jordan", "hutchinson", "rowe", "burke", "may", "pritchard",
			"gilbert", "willis", "higgins", "read", "miles", "stevenson", "stephenson", "hammond", "arnold", "buckley",
			"walters", "hewitt", "barber", "nelson", "slater", "austin", "sullivan", "whitehead", "mann", "frost",
			"lambert", "stephens", "blake", "akhtar", "lynch", "goodwin", "barton", "woodward", "thomson", "cunningham",
			"quinn", "barnett", "baxter", "bibi", "clayton", "nash", "greenwood", "jennings", "holt", "kemp", "poole",
			"gallagher", "bond", "stokes", "tucker", "davidson", "fowler", "heath", "norman", "middleton", "lawson",
			"banks", "french", "stanley", "jarvis", "gibbs", "ferguson", "hayward", "carroll", "douglas", "dickinson",
			"todd", "barlow", "peters", "lucas", "knowles", "hartley", "miah", "simmons", "morton", "alexander",
			"field", "morrison", "norris", "townsend", "preston", "hancock", "thornton", "baldwin", "burrows",
			"briggs", "storey", "pollard", "hyde", "sanders", "kirby", "lord", "sheppard", "oconnor", "rahman" };

	// syllables for a long tail of rarer surnames, as real populations have
	static final String[] SYL_A = { "ash", "brad", "cal", "dun", "ell", "fair", "gold", "hal", "ing", "kil", "lang",
			"mar", "north", "ox", "pen", "rad", "sand", "thorn", "up", "wal", "whit", "york", "bur", "craw", "dray",
			"farn", "grim", "hav", "lock", "mel" };

	static final String[] SYL_B = { "ford", "ton", "ley", "well", "wood", "by", "field", "more", "worth", "ham",
			"stead", "bury", "combe", "den", "ridge", "shaw", "brook", "croft", "dale", "hurst" };

	static final String[][] TOWNS = { { "LS", "Leeds" }, { "M", "Manchester" }, { "B", "Birmingham" },
			{ "L", "Liverpool" }, { "S", "Sheffield" }, { "BS", "Bristol" }, { "NE", "Newcastle upon Tyne" },
			{ "NG", "Nottingham" }, { "LE", "Leicester" }, { "CV", "Coventry" }, { "BD", "Bradford" }, { "HU", "Hull" },
			{ "ST", "Stoke-on-Trent" }, { "WV", "Wolverhampton" }, { "PL", "Plymouth" }, { "SO", "Southampton" },
			{ "RG", "Reading" }, { "DE", "Derby" }, { "YO", "York" }, { "EX", "Exeter" }, { "CB", "Cambridge" },
			{ "OX", "Oxford" }, { "NR", "Norwich" }, { "BN", "Brighton" }, { "SW", "London" }, { "SE", "London" },
			{ "N", "London" }, { "E", "London" }, { "NW", "London" }, { "W", "London" }, { "CF", "Cardiff" },
			{ "SA", "Swansea" }, { "PR", "Preston" }, { "BL", "Bolton" }, { "WF", "Wakefield" }, { "HD", "Huddersfield" },
			{ "DN", "Doncaster" }, { "SR", "Sunderland" }, { "TS", "Middlesbrough" }, { "CA", "Carlisle" },
			{ "LA", "Lancaster" }, { "GL", "Gloucester" }, { "BA", "Bath" }, { "TA", "Taunton" }, { "TR", "Truro" },
			{ "IP", "Ipswich" }, { "CO", "Colchester" }, { "CT", "Canterbury" }, { "ME", "Maidstone" },
			{ "GU", "Guildford" } };

	static final String[] STREET_NAMES = { "High", "Church", "Station", "Victoria", "Park", "Queens", "Kings", "Mill",
			"London", "Manor", "Green", "School", "New", "North", "South", "West", "Albert", "Chapel", "York",
			"Springfield", "Grange", "Windsor", "Highfield", "Mount", "Oak", "Elm", "Beech", "Ash", "Cedar", "Willow",
			"Meadow", "Orchard", "Brook", "Castle", "Bridge", "Market", "Cross", "Hill", "Forest", "Richmond",
			"Cambridge", "Stanley", "Alexandra", "Cromwell", "Nelson", "Wellington", "Grosvenor", "Cavendish",
			"Clarence", "Chestnut", "Hawthorn", "Rowan", "Sycamore", "Lime", "Holly", "Poplar", "Laurel", "Ivy",
			"Cardigan", "Otley", "Harrogate", "Wakefield", "Bradford", "Halifax", "Kirkstall", "Headingley",
			"Moor", "Farm", "Hall", "Lodge", "Garden", "Spring", "Well", "Abbey", "Priory", "Rectory", "Vicarage" };

	static final String[] STREET_TYPES = { "Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent",
			"Grove", "Terrace", "Gardens", "Place" };

	static final String[] LOCALITIES = { "Headingley", "Chapel Allerton", "Roundhay", "Moortown", "Didsbury",
			"Chorlton", "Edgbaston", "Moseley", "Clifton", "Redland", "Jesmond", "Gosforth", "Beeston", "West Bridgford",
			"Ecclesall", "Crookes", "Hyde Park", "Walkley", "Fulwood", "Kirkstall", "Horsforth", "Rawdon", "Shipley",
			"Bingley", "Ilkley", "Otley", "Wetherby", "Garforth", "Pudsey", "Morley" };

	static final String[][] NICKNAMES = { { "william", "bill" }, { "william", "will" }, { "margaret", "peggy" },
			{ "margaret", "maggie" }, { "robert", "bob" }, { "robert", "rob" }, { "elizabeth", "liz" },
			{ "elizabeth", "beth" }, { "richard", "dick" }, { "james", "jim" }, { "thomas", "tom" },
			{ "catherine", "kate" }, { "katherine", "kathy" }, { "edward", "ted" }, { "michael", "mike" },
			{ "alexander", "alex" }, { "christopher", "chris" }, { "samuel", "sam" }, { "samantha", "sam" },
			{ "joseph", "joe" }, { "jennifer", "jenny" }, { "rebecca", "becky" }, { "daniel", "dan" },
			{ "matthew", "matt" }, { "anthony", "tony" }, { "patricia", "pat" }, { "deborah", "debbie" },
			{ "susan", "sue" }, { "stephen", "steve" }, { "andrew", "andy" }, { "david", "dave" },
			{ "victoria", "vicky" }, { "kenneth", "ken" }, { "ronald", "ron" }, { "peter", "pete" },
			{ "benjamin", "ben" }, { "frederick", "fred" }, { "alfred", "alfie" }, { "henry", "harry" },
			{ "amanda", "mandy" }, { "pamela", "pam" }, { "dorothy", "dot" } };

	final Random random;

	private final double[] surnameCdf;

	private final List<Address> addresses = new ArrayList<>();

	private final int today = LocalDate.now().getYear();

	/** An address a household lives at. */
	record Address(String postcode, String number, String street, String locality, String town) {
	}

	/** A generated person: the true values, before any record-level corruption. */
	public record Person(int id, String given, String family, boolean female, LocalDate dob, Address address,
			String nhs) {
	}

	/** @param seed random seed, so runs are reproducible */
	public PeopleGenerator(long seed) {
		this.random = new Random(seed);
		// Zipf-like surname weights: rank r has weight 1 / (r + 10)
		this.surnameCdf = new double[SURNAMES.length];
		double total = 0;
		for (int r = 0; r < SURNAMES.length; r++) {
			total += 1.0 / (r + 10);
			this.surnameCdf[r] = total;
		}
		for (int r = 0; r < SURNAMES.length; r++) {
			this.surnameCdf[r] /= total;
		}
	}

	String pick(String[] values) {
		// Zipf-like: rank r drawn with weight 1 / (r + 8), so the top name is about 4% of a list of 70, as the most
		// popular UK names are a few per cent of births
		double total = Math.log((values.length + 8.0) / 8.0);
		double u = this.random.nextDouble() * total;
		int r = (int) (8.0 * Math.exp(u) - 8.0);
		return values[Math.min(values.length - 1, Math.max(0, r))];
	}

	String surname() {
		if (this.random.nextDouble() < 0.45) {
			return SYL_A[this.random.nextInt(SYL_A.length)] + SYL_B[this.random.nextInt(SYL_B.length)]
					+ (this.random.nextInt(4) == 0 ? "e" : "") + (this.random.nextInt(3) == 0 ? "s" : "");
		}
		double u = this.random.nextDouble();
		int lo = 0;
		int hi = SURNAMES.length - 1;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (this.surnameCdf[mid] < u) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return SURNAMES[lo];
	}

	Address newAddress() {
		String[] town = TOWNS[this.random.nextInt(TOWNS.length)];
		String outward = town[0] + (1 + this.random.nextInt(town[0].length() == 1 ? 20 : 30));
		String inward = "" + this.random.nextInt(10) + (char) ('A' + this.random.nextInt(26))
				+ (char) ('A' + this.random.nextInt(26));
		String street = pick(STREET_NAMES) + " " + STREET_TYPES[this.random.nextInt(STREET_TYPES.length)];
		String locality = this.random.nextInt(3) == 0 ? LOCALITIES[this.random.nextInt(LOCALITIES.length)] : "";
		return new Address(outward + " " + inward, String.valueOf(1 + this.random.nextInt(180)), street, locality,
				town[1]);
	}

	String nhsNumber() {
		while (true) {
			StringBuilder nine = new StringBuilder();
			nine.append(4 + this.random.nextInt(6));
			for (int i = 0; i < 8; i++) {
				nine.append(this.random.nextInt(10));
			}
			int check = NhsNumber.checkDigit(nine);
			String n = nine.toString() + check;
			if (check >= 0 && NhsNumber.isValid(n)) {
				return n;
			}
		}
	}

	/** Generates n people living in households of one to four. */
	public List<Person> people(int n, int firstId) {
		List<Person> out = new ArrayList<>(n);
		while (out.size() < n) {
			Address address = newAddress();
			this.addresses.add(address);
			String family = surname();
			int size = 1 + this.random.nextInt(4);
			LocalDate parent = LocalDate.of(1925 + this.random.nextInt(80), 1, 1).plusDays(this.random.nextInt(365));
			java.util.Set<String> givenNames = new java.util.HashSet<>();
			for (int k = 0; k < size && out.size() < n; k++) {
				boolean female = this.random.nextBoolean();
				String given = pick(female ? FEMALE : MALE);
				while (!givenNames.add(given)) {
					// parents rarely give two children the same name
					given = pick(female ? FEMALE : MALE);
				}
				LocalDate dob = (k < 2) ? parent.plusDays(this.random.nextInt(2000) - 1000)
						: parent.plusYears(20 + this.random.nextInt(20)).plusDays(this.random.nextInt(365));
				if (dob.getYear() >= this.today) {
					dob = dob.minusYears(25);
				}
				String fam = (k == 1 && this.random.nextInt(4) == 0) ? surname() : family;
				out.add(new Person(firstId + out.size(), given, fam, female, dob, address,
						nhsNumber()));
			}
		}
		return out;
	}

	/** The person's record as first registered: clean values in a typical layout. */
	public PersonRecord clean(Person p, int copy) {
		Address a = p.address();
		return new PersonRecord("p" + p.id() + "-" + copy, cap(p.given()), cap(p.family()),
				p.dob().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), a.postcode(), a.number(),
				a.street(), a.locality().isEmpty() ? null : a.locality(), a.town(), null, p.nhs());
	}

	/** A second record of the person, with one to three typical errors and layout differences. */
	public PersonRecord duplicate(Person p, int copy) {
		String given = p.given();
		String family = p.family();
		LocalDate dob = p.dob();
		String dobText = null;
		Address a = p.address();
		String postcode = a.postcode();
		String number = a.number();
		String street = a.street();
		String locality = a.locality();
		String nhs = this.random.nextInt(3) == 0 ? null : p.nhs();
		int errors = 1 + this.random.nextInt(3);
		for (int e = 0; e < errors; e++) {
			switch (this.random.nextInt(12)) {
				case 0, 1 -> given = typo(given);
				case 2, 3 -> family = typo(family);
				case 4 -> given = nickname(given);
				case 5 -> family = p.female() && this.random.nextBoolean() ? surname() : typo(family);
				case 6 -> dobText = swapOrTypo(dob);
				case 7 -> {
					Address moved = newAddress();
					postcode = moved.postcode();
					number = moved.number();
					street = moved.street();
					locality = moved.locality();
				}
				case 8 -> postcode = (postcode == null) ? null : typo(postcode.replace(" ", "")).toUpperCase(Locale.ROOT);
				case 9 -> {
					int which = this.random.nextInt(4);
					if (which == 0) {
						given = null;
					}
					else if (which == 1) {
						postcode = null;
					}
					else if (which == 2) {
						number = null;
					}
					else {
						street = null;
					}
				}
				case 10 -> nhs = (nhs == null) ? null : typo(nhs);
				default -> street = (street == null) ? null : abbreviate(street);
			}
		}
		if (dobText == null) {
			dobText = this.random.nextBoolean() ? dob.toString() : dob.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
		}
		return new PersonRecord("p" + p.id() + "-" + copy, given == null ? null : variantCase(given),
				variantCase(family), dobText, postcode == null ? null : postcode.toLowerCase(Locale.ROOT), number,
				street, locality == null || locality.isEmpty() ? null : locality, a.town(), null, nhs);
	}

	String swapOrTypo(LocalDate dob) {
		if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue() && this.random.nextBoolean()) {
			return LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()).toString();
		}
		for (int tries = 0; tries < 10; tries++) {
			char[] digits = dob.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE).toCharArray();
			int pos = 2 + this.random.nextInt(6);
			digits[pos] = (char) ('0' + this.random.nextInt(10));
			String s = new String(digits);
			try {
				LocalDate d = LocalDate.parse(s, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
				if (d.getYear() < this.today) {
					return s;
				}
			}
			catch (java.time.format.DateTimeParseException ex) {
				// keep trying: generated records must be valid dates (impossible ones are tested elsewhere)
			}
		}
		return dob.toString();
	}

	String nickname(String given) {
		for (String[] pair : NICKNAMES) {
			if (pair[0].equals(given)) {
				return pair[1];
			}
		}
		return typo(given);
	}

	String abbreviate(String street) {
		return street.replace(" Street", " St").replace(" Road", " Rd").replace(" Avenue", " Ave")
			.replace(" Lane", " Ln");
	}

	String typo(String s) {
		if (s == null || s.length() < 3) {
			return s;
		}
		char[] c = s.toCharArray();
		int i = 1 + this.random.nextInt(c.length - 2);
		switch (this.random.nextInt(4)) {
			case 0:
				char t = c[i];
				c[i] = c[i + 1];
				c[i + 1] = t;
				return new String(c);
			case 1:
				return s.substring(0, i) + s.substring(i + 1);
			case 2:
				return s.substring(0, i) + (Character.isDigit(c[i]) ? (char) ('0' + this.random.nextInt(10))
						: (char) ('a' + this.random.nextInt(26))) + s.substring(i);
			default:
				c[i] = Character.isDigit(c[i]) ? (char) ('0' + this.random.nextInt(10))
						: (char) ('a' + this.random.nextInt(26));
				return new String(c);
		}
	}

	String variantCase(String s) {
		int r = this.random.nextInt(3);
		return r == 0 ? s.toUpperCase(Locale.ROOT) : r == 1 ? cap(s) : s;
	}

	static String cap(String s) {
		StringBuilder out = new StringBuilder(s.length());
		boolean start = true;
		for (char ch : s.toCharArray()) {
			out.append(start ? Character.toUpperCase(ch) : ch);
			start = !Character.isLetter(ch) && ch != '\'';
		}
		return out.toString();
	}

	static final String HEADER = "local_id,nhs_number,given_name,family_name,date_of_birth,postcode,street_number,street,locality,town";

	static void write(Path file, List<PersonRecord> records) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.write(HEADER);
			w.write('\n');
			for (PersonRecord r : records) {
				w.write(String.join(",", r.id(), csv(r.identifier()), csv(r.givenName()), csv(r.familyName()),
						csv(r.dateOfBirth()), csv(r.postcode()), csv(r.streetNumber()), csv(r.street()),
						csv(r.locality()), csv(r.town())));
				w.write('\n');
			}
		}
	}

	private static String csv(String s) {
		if (s == null) {
			return "";
		}
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}

	/** Command line entry point; see the class comment. */
	public static void main(String[] args) throws IOException {
		PeopleGenerator g = new PeopleGenerator(args.length > 4 ? Long.parseLong(args[4]) : 42);
		int n = Integer.parseInt(args[1]);
		if (args[0].equals("link")) {
			List<Person> people = g.people(n, 0);
			List<PersonRecord> a = new ArrayList<>();
			for (Person p : people) {
				a.add(g.clean(p, 0));
			}
			List<PersonRecord> b = new ArrayList<>();
			List<Person> others = g.people(n - n / 2, n);
			for (int i = 0; i < n / 2; i++) {
				b.add(g.duplicate(people.get(g.random.nextInt(n)), 1 + i));
			}
			for (Person p : others) {
				b.add(g.clean(p, 0));
			}
			java.util.Collections.shuffle(b, g.random);
			write(Path.of(args[2]), a);
			write(Path.of(args[3]), b);
		}
		else {
			List<Person> people = g.people(n, 0);
			List<PersonRecord> out = new ArrayList<>();
			for (Person p : people) {
				out.add(g.clean(p, 0));
			}
			for (int i = 0; i < n / 5; i++) {
				out.add(g.duplicate(people.get(g.random.nextInt(n)), 1 + i));
			}
			java.util.Collections.shuffle(out, g.random);
			write(Path.of(args[2]), out);
		}
	}

}
