// CPU cost of one JWS signature, per algorithm and key size: the floor of a signed-JWT token endpoint's
// cost per token. Single thread, CPU time of that thread, so signatures/s = per core.
// JDK providers (what Keycloak signs with):   java bench/lib/SignCost.java [seconds per case, default 5]
// Conscrypt (what Concord signs RSA with):    java -cp ~/.m2/repository/org/conscrypt/conscrypt-openjdk-uber/2.5.2/conscrypt-openjdk-uber-2.5.2.jar \
//                                                  bench/lib/SignCost.java 5 org.conscrypt.OpenSSLProvider
// (the provider's key is made once from the JDK key, as Concord's encoder does; ES256 is JDK-only in Concord)
import java.lang.management.ManagementFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

public class SignCost {

	static java.security.Provider provider;

	public static void main(String[] args) throws Exception {
		long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
		if (args.length > 1) {
			provider = (java.security.Provider) Class.forName(args[1]).getConstructor().newInstance();
		}
		measure("RS256 RSA-2048", "SHA256withRSA", rsa(2048), seconds);
		measure("RS256 RSA-3072", "SHA256withRSA", rsa(3072), seconds);
		var ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		// DER signatures (what Nimbus's ECDSASigner asks a provider for before transcoding to R || S)
		measure("ES256 P-256   ", "SHA256withECDSA", ec.generateKeyPair().getPrivate(), seconds);
		if (provider != null) {
			System.out.println("provider " + provider.getName() + " " + provider.getVersionStr() + ", JDK "
					+ System.getProperty("java.version"));
			return;
		}
		System.out.println("JDK " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name"));
	}

	static PrivateKey rsa(int bits) throws Exception {
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		return generator.generateKeyPair().getPrivate();
	}

	static void measure(String name, String algorithm, PrivateKey key, long seconds) throws Exception {
		var threads = ManagementFactory.getThreadMXBean();
		byte[] payload = new byte[600]; // about the JWS signing input of an access token
		Signature signature = (provider == null) ? Signature.getInstance(algorithm)
				: Signature.getInstance(algorithm, provider);
		if (provider != null) {
			key = java.security.KeyFactory.getInstance(key.getAlgorithm(), provider)
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
		}
		for (long end = System.nanoTime() + 2_000_000_000L; System.nanoTime() < end;) { // warm-up
			sign(signature, key, payload);
		}
		long n = 0, cpu0 = threads.getCurrentThreadCpuTime(), end = System.nanoTime() + seconds * 1_000_000_000L;
		while (System.nanoTime() < end) {
			sign(signature, key, payload);
			n++;
		}
		double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
		System.out.printf("%s: %.3f ms CPU per signature, %.0f signatures/s per core (%d in %.1f s CPU)%n", name,
				1000 * cpu / n, n / cpu, n, cpu);
	}

	static void sign(Signature signature, PrivateKey key, byte[] payload) throws Exception {
		signature.initSign(key);
		signature.update(payload);
		signature.sign();
	}

}
