package care.concord.server.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.StaleElementReferenceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium on the console, as the browser tests and the documentation's
 * screenshots use it: sign in and out through Concord's own sign-in page, move through
 * the console's navigation, take full-page screenshots. Selenium Manager is never used
 * (the driver path is given), so nothing is downloaded.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(30);

	private final WebDriver driver;

	private final WebDriverWait wait;

	private final Path profile;

	private final Path screenshots;

	private final String baseUrl;

	private ConsoleBrowser(WebDriver driver, Path profile, Path screenshots, String baseUrl) {
		this.driver = driver;
		this.wait = new WebDriverWait(driver, WAIT);
		// pages re-render lists they load: an element read while it is replaced is read
		// again
		this.wait.ignoring(StaleElementReferenceException.class);
		this.profile = profile;
		this.screenshots = screenshots;
		this.baseUrl = baseUrl;
	}

	static String chromium() {
		return care.concord.server.TestServices.chromium();
	}

	static String chromedriver() {
		return care.concord.server.TestServices.chromedriver();
	}

	/**
	 * A fresh Chromium (throw-away profile, downloads inside it) on the server at that
	 * base URL.
	 */
	static ConsoleBrowser start(String baseUrl) throws IOException {
		String chromedriver = chromedriver();
		System.setProperty("webdriver.chrome.driver", chromedriver);
		Path profile = Files.createTempDirectory("concord-console-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-default-apps", "--disable-extensions", "--lang=en-GB",
				"--user-data-dir=" + profile, "--window-size=1280,900");
		// the audit exports download into the throw-away profile, never into the user's
		// home
		options.setExperimentalOption("prefs", Map.of("download.default_directory",
				profile.resolve("downloads").toString(), "download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new java.io.File(chromedriver))
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1280, 900));
		driver.manage().timeouts().scriptTimeout(WAIT);
		Path screenshots = screenshotDirectory();
		Files.createDirectories(screenshots);
		return new ConsoleBrowser(driver, profile, screenshots, baseUrl);
	}

	WebDriver driver() {
		return this.driver;
	}

	WebDriverWait waiter() {
		return this.wait;
	}

	String url(String path) {
		return this.baseUrl + path;
	}

	/** Signs in from that console page through the sign-in page. */
	void signIn(String username, String password, String path) {
		this.driver.get(url(path));
		click(By.id("sign-in"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
		assertThat(text(By.id("account"))).contains(username);
	}

	void signOut() {
		click(By.id("sign-out"));
		this.wait.until(ExpectedConditions.urlContains("/console/signed-out"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "You have signed out"));
	}

	/**
	 * Navigates inside the single-page console as a user would, through the navigation
	 * links.
	 */
	void open(String path) {
		List<WebElement> links = this.driver.findElements(By.cssSelector("#nav a[href='." + path.substring(8) + "']"));
		if (links.isEmpty()) {
			this.driver.get(url(path));
		}
		else {
			links.get(0).click();
		}
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("view")));
		this.wait.until((d) -> ((JavascriptExecutor) d).executeScript("return location.pathname").equals(path));
	}

	void click(By by) {
		this.wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	String text(By by) {
		return this.driver.findElement(by).getText();
	}

	/** A full-page screenshot (the window grows to the page's height for the shot). */
	void screenshot(String name) throws IOException {
		JavascriptExecutor js = (JavascriptExecutor) this.driver;
		js.executeScript("window.scrollTo(0, 0); document.activeElement.blur()");
		Dimension size = this.driver.manage().window().getSize();
		Number height = (Number) js.executeScript("return document.documentElement.scrollHeight");
		this.driver.manage()
			.window()
			.setSize(new Dimension(size.getWidth(),
					Math.min(Math.max(height.intValue() + 120, size.getHeight()), 4000)));
		try {
			byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
			Files.write(this.screenshots.resolve(name + ".png"), png);
		}
		finally {
			this.driver.manage().window().setSize(size);
		}
	}

	/**
	 * {@code docs/screenshots} with {@code -Dconcord.screenshots=docs}, else
	 * {@code target/screenshots}.
	 */
	private static Path screenshotDirectory() {
		if ("docs".equals(System.getProperty("concord.screenshots"))) {
			Path dir = Paths.get("").toAbsolutePath();
			while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
				dir = dir.getParent();
			}
			if (dir != null) {
				return dir.resolve("docs").resolve("screenshots");
			}
		}
		return Paths.get("target", "screenshots");
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var paths = Files.walk(this.profile)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
