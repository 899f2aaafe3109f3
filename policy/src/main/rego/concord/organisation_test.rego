# Unit tests for organisation.rego: run with `opa test policy/src/main/rego -v`.
package concord.organisation_test

import rego.v1

import data.concord.organisation

permit_input(org_type, category) := {
	"request": {
		"requester": {"organisation": "FA123", "org_type": org_type, "role": "pharmacist"},
		"holder": "RRP",
		"category": category,
		"explicit_consent_category": true,
		"purpose": "direct-care",
		"purpose_of_use": "TREAT",
		"relationship": true,
		"at": "2026-11-25T10:00:00Z",
		"break_glass": false,
	},
	"decision": {"decision": "permit", "reason": "directive-permit", "obligations": [], "directive": "d1"},
}

test_pharmacy_genomic_denied_with_reason if {
	not organisation.allow with input as permit_input("pharmacy", "genomic")
	organisation.reasons == {"pharmacies may not see genomic data"} with input as permit_input("pharmacy", "genomic")
}

test_pharmacy_medications_allowed if {
	organisation.allow with input as permit_input("pharmacy", "medications")
	count(organisation.reasons) == 0 with input as permit_input("pharmacy", "medications")
}

test_gp_genomic_allowed if {
	organisation.allow with input as permit_input("gp", "genomic")
}
