package care.concord.server.console;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Takes the documentation's screenshots ({@code docs/screenshots}) from the demo profile:
 * its agencies, people and three weeks of activity, seen by alice (citizen), iris (IG
 * officer) and admin. Not part of the test suite (the name does not end in
 * {@code Tests}); run by {@code scripts/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:concord-demo-screenshots;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@ActiveProfiles({ "test", "demo" })
class DemoScreenshots {

	@LocalServerPort
	int port;

	@Test
	void screenshotsOfEveryRoleFromTheDemoData() throws Exception {
		Assumptions.assumeTrue(
				care.concord.server.TestServices.isAvailable(care.concord.server.TestServices.Service.BROWSER),
				"Chromium and ChromeDriver are needed");
		try (ConsoleBrowser browser = ConsoleBrowser.start("http://localhost:" + this.port)) {
			browser.driver().get(browser.url("/"));
			browser.screenshot("start-page");
			browser.driver().get(browser.url("/console/"));
			browser.click(By.id("sign-in"));
			browser.waiter().until(ExpectedConditions.urlContains("/login"));
			browser.screenshot("sign-in");

			browser.signIn("alice", "concord-demo-alice", "/console/");
			browser.screenshot("citizen-home");
			shoot(browser, "/console/me/directives", "#directive-list", "citizen-directives");
			browser.click(By.id("add-directive"));
			browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
			browser.screenshot("citizen-add-directive");
			shoot(browser, "/console/me/preview", "#preview-form", null);
			ask(browser, "acute-hospital", "medications");
			browser.screenshot("citizen-preview-allowed");
			ask(browser, "social-care", "mental-health"); // alice denied social care her
															// mental-health records
			browser.screenshot("citizen-preview-denied");
			shoot(browser, "/console/me/access", "#access-log table", "citizen-access-log");
			shoot(browser, "/console/me/record", "#view .hint, #no-locations", "citizen-record-locations");
			shoot(browser, "/console/me/who-can-see", "#matrix-types", "citizen-who-can-see");
			shoot(browser, "/console/me/sources", "#source-list > *", "citizen-my-apps");
			shoot(browser, "/console/me/receipts", "#view table", null);
			browser.click(By.cssSelector("#view table button.link"));
			browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-changes")));
			browser.click(By.id("check-receipt"));
			browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-genuine")));
			browser.screenshot("citizen-receipts");
			browser.driver().manage().window().setSize(new Dimension(390, 844));
			for (String page : List.of("directives", "preview", "access")) {
				shoot(browser, "/console/me/" + page, "#view > *", "phone-" + page);
			}
			browser.driver().manage().window().setSize(new Dimension(1280, 900));
			browser.signOut();

			browser.signIn("iris", "concord-demo-iris", "/console/");
			shoot(browser, "/console/ig/audit", "#audit-results table", "ig-audit-search");
			shoot(browser, "/console/ig/break-glass", "#break-glass-queue li.item", "ig-break-glass-queue");
			shoot(browser, "/console/ig/stats", "#chart-decisions", "ig-statistics");
			shoot(browser, "/console/ig/identity", "#identity-queue li.item", "ig-identity-reviews");
			shoot(browser, "/console/ig/verify", "#verify-chain", null);
			browser.click(By.id("verify-chain"));
			browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("chain-ok")));
			browser.screenshot("ig-chain-verified");
			browser.signOut();

			browser.signIn("admin", "concord-demo-admin", "/console/");
			shoot(browser, "/console/admin/agencies", "li[data-agency='RR8']", "admin-agencies");
			shoot(browser, "/console/admin/people", "#people-list table", "admin-people");
			shoot(browser, "/console/admin/agencies/RR8", "#edit-agency", "admin-agency-edit");
			shoot(browser, "/console/admin/agencies/RR8/clients/rr8-client", "#edit-client", "admin-client-edit");
			browser.signOut();
		}
	}

	/**
	 * Asks "Check access" about that kind of organisation and records (a clinician, for
	 * direct care).
	 */
	private static void ask(ConsoleBrowser browser, String orgType, String category) {
		var form = browser.driver().findElement(By.id("preview-form"));
		new Select(form.findElement(By.name("org_type"))).selectByValue(orgType);
		new Select(form.findElement(By.name("role"))).selectByValue("clinician");
		new Select(form.findElement(By.name("category"))).selectByValue(category);
		new Select(form.findElement(By.name("purpose"))).selectByValue("direct-care");
		((org.openqa.selenium.JavascriptExecutor) browser.driver())
			.executeScript("document.getElementById('preview-result').textContent=''");
		browser.click(By.id("ask-preview"));
		browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-answer")));
	}

	/**
	 * Opens a console page, waits for something on it, and takes its screenshot when a
	 * name is given.
	 */
	private static void shoot(ConsoleBrowser browser, String path, String ready, String name) throws Exception {
		browser.open(path);
		browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ready)));
		if (name != null) {
			browser.screenshot(name);
		}
	}

}
