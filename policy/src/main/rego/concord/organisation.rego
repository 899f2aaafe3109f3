# Concord organisation policy (example), evaluated by OpaOrganisationPolicy through OPA's Data API:
#   POST <opa>/v1/data/concord/organisation   {"input": {"request": {...}, "decision": {...}}}
#   -> {"result": {"allow": <bool>, "reasons": [<text>, ...], ...}}
#
# It is only ever asked about PERMITS of Concord's consent decision engine and can only narrow them to a
# deny (reason "organisation-policy"); a consent deny is never sent here. Reasons are shown to the citizen,
# so write them in plain English. See docs/consent-model.md, "Organisation policy (OPA)".
package concord.organisation

import rego.v1

default allow := false

# Allow exactly when no rule below gives a reason to deny.
allow if count(reasons) == 0

# Example local rule: pharmacies dispense medicines and have no need for genomic test data, even when the
# citizen's own directive would allow it.
reasons contains "pharmacies may not see genomic data" if {
	input.request.requester.org_type == "pharmacy"
	input.request.category == "genomic"
}
