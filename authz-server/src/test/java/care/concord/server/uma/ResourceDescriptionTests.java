package care.concord.server.uma;

import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResourceDescription}: resource descriptions are pointers, and anything
 * else is refused.
 */
class ResourceDescriptionTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final IdentityLookup NO_IDS = (org, id) -> Optional.empty();

	static JsonNode json(String text) {
		return JSON.readTree(text.replace('\'', '"'));
	}

	@Test
	void parseWhenCategoryUriThenPointerRead() {
		ResourceDescription description = ResourceDescription.parse(json("{'name':'Meds','type':"
				+ "'https://concord.care/category/medications','resource_scopes':['read'],'subject':'943 476 5919',"
				+ "'description':'Current medications','icon_uri':'https://rr8.example/icon.png'}"), "RR8", NO_IDS);
		assertThat(description.category()).isEqualTo(Category.MEDICATIONS);
		assertThat(description.subject()).isEqualTo(NhsNumber.parse("9434765919"));
		assertThat(description.scopes()).containsExactly("read");
		assertThat(description.iconUri()).isEqualTo("https://rr8.example/icon.png");
	}

	@Test
	void parseWhenNameAbsentThenAcceptedWithoutOne() {
		ResourceDescription description = ResourceDescription
			.parse(json("{'type':'medications','resource_scopes':['read'],'subject':'9434765919'}"), "RR8", NO_IDS);
		assertThat(description.name()).isNull();
	}

	@Test
	void parseWhenBareCategoryCodeThenAccepted() {
		assertThat(ResourceDescription
			.parse(json("{'name':'x','type':'mental-health','resource_scopes':['read']," + "'subject':'9434765919'}"),
					"RR8", NO_IDS)
			.category()).isEqualTo(Category.MENTAL_HEALTH);
	}

	@Test
	void parseWhenCareContentFieldThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read'],'subject':'9434765919',"
				+ "'medications':[{'drug':'warfarin'}]}", "unexpected member 'medications'");
	}

	@Test
	void parseWhenUnknownCategoryThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'https://concord.care/category/diary','resource_scopes':['read'],"
				+ "'subject':'9434765919'}", "'type' must be a data category");
	}

	@Test
	void parseWhenReadScopeMissingThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':[],'subject':'9434765919'}",
				"must include 'read'");
	}

	@Test
	void parseWhenUnsupportedScopeThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read','delete'],'subject':'9434765919'}",
				"unsupported resource scope 'delete'");
	}

	@Test
	void parseWhenTooManyScopesThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read','read','read','read','read','read',"
				+ "'read','read','read','read','read'],'subject':'9434765919'}", "more than 10");
	}

	@Test
	void parseWhenSubjectFailsModulus11ThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read'],'subject':'9434765918'}",
				"'subject'");
	}

	@Test
	void parseWhenBothSubjectAndLocalIdThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read'],'subject':'9434765919',"
				+ "'subject_local_id':'H123'}", "exactly one of");
	}

	@Test
	void parseWhenLocalIdNotLinkedThenInvalidRequestWithClearMessage() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read'],'subject_local_id':'H123'}",
				"not linked to an NHS number");
	}

	@Test
	void parseWhenLocalIdLinkedThenSubjectResolvedForTheHolder() {
		IdentityLookup lookup = (org, id) -> ("RR8".equals(org) && "H123".equals(id))
				? Optional.of(NhsNumber.parse("9434765919")) : Optional.empty();
		assertThat(ResourceDescription
			.parse(json("{'name':'x','type':'medications','resource_scopes':['read']," + "'subject_local_id':'H123'}"),
					"RR8", lookup)
			.subject()).isEqualTo(NhsNumber.parse("9434765919"));
	}

	@Test
	void parseWhenIconUriNotHttpsThenInvalidRequest() {
		assertInvalid("{'name':'x','type':'medications','resource_scopes':['read'],'subject':'9434765919',"
				+ "'icon_uri':'javascript:alert(1)'}", "icon_uri");
	}

	@Test
	void parseWhenNotAnObjectThenInvalidRequest() {
		assertInvalid("['name']", "JSON object");
	}

	@Test
	void parseWhenNameTooLongThenInvalidRequest() {
		assertInvalid("{'name':'" + "x".repeat(201) + "','type':'medications','resource_scopes':['read'],"
				+ "'subject':'9434765919'}", "longer than 200");
	}

	static void assertInvalid(String body, String message) {
		assertThatExceptionOfType(UmaErrorException.class)
			.isThrownBy(() -> ResourceDescription.parse(json(body), "RR8", NO_IDS))
			.satisfies((ex) -> {
				assertThat(ex.getError()).isEqualTo(UmaError.INVALID_REQUEST);
				assertThat(ex.getMessage()).contains(message);
			});
	}

}
