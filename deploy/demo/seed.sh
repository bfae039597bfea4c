#!/usr/bin/env bash
# Demo data loaded by ./tierline up: core's follow-the-sun on-call schedule and escalation policy, the demo teams and
# routing rule (escalation-service); every demo person gets a webhook contact method that points at the local webhook
# inbox, so pages show up at $TIERLINE_INBOX_URL/pages; and a demo customer with an integration whose key monitoring
# tools use (kept in $TIERLINE_KEY_DIR/integration.key, printed by ./tierline key).
# Contact methods are configuration: the calls carry an admin token, $TIERLINE_ADMIN_TOKEN (./tierline up issues one;
# by hand: TIERLINE_ADMIN_TOKEN=$(./tierline token admin)).
set -euo pipefail
: "${TIERLINE_NOTIFICATION_URL:?}" "${TIERLINE_INBOX_URL:?}" "${TIERLINE_TICKET_URL:?}" "${TIERLINE_KEY_DIR:?}"
: "${TIERLINE_ESCALATION_URL:?}"
: "${TIERLINE_ADMIN_TOKEN:?an admin bearer token is needed: TIERLINE_ADMIN_TOKEN=\$(./tierline token admin)}"
json_field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/"; }
auth=(-H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" -H 'Content-Type: application/json')

# core's on-call schedule, follow-the-sun in Europe/Berlin time: alice from 08:00 to 20:00, bob through the night.
schedules=$(curl -sf "$TIERLINE_ESCALATION_URL/api/v1/schedules?limit=500" "${auth[@]}") ||
    { echo "  could not read the schedules" >&2; exit 1; }
schedule=$(printf '%s' "$schedules" | grep -oE '"id":"[0-9a-f-]{36}","name":"Core follow-the-sun"' | json_field id || true)
if [ -n "$schedule" ]; then
    echo "  schedule: Core follow-the-sun exists, kept ($schedule)"
else
    schedule=$(curl -sf -X POST "$TIERLINE_ESCALATION_URL/api/v1/schedules" "${auth[@]}" -d '{
      "name":"Core follow-the-sun","timeZone":"Europe/Berlin",
      "layers":[
        {"name":"night","rotation":{"participants":["bob"],"shiftLength":{"amount":1,"unit":"WEEKS"},"start":"2026-01-05T08:00"}},
        {"name":"day","rotation":{"participants":["alice"],"shiftLength":{"amount":1,"unit":"WEEKS"},"start":"2026-01-05T08:00"},
         "restrictions":[{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],"start":"08:00","end":"20:00"}]}]}' |
        json_field id) || { echo "  could not create the schedule Core follow-the-sun" >&2; exit 1; }
    echo "  schedule: Core follow-the-sun ($schedule): alice 08:00-20:00 Berlin time, bob at night"
fi
# core's escalation policy: level 1 whoever the schedule has on call, level 2 erin (the team lead) a minute later.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$TIERLINE_ESCALATION_URL/api/v1/escalation-policies" "${auth[@]}" \
    -d "{\"id\":\"core-default\",\"name\":\"Core default\",\"levels\":[
          {\"targets\":[{\"type\":\"schedule\",\"id\":\"$schedule\"}],\"delay\":\"PT1M\"},
          {\"targets\":[{\"type\":\"person\",\"id\":\"erin\"}],\"delay\":\"PT1M\"}],\"repeats\":0}")
case "$code" in
    201) echo "  escalation policy: core-default (on call now, then erin after 1 minute)" ;;
    409) echo "  escalation policy: core-default exists, kept" ;;
    *) echo "  could not create the escalation policy core-default (HTTP $code)" >&2; exit 1 ;;
esac

# Teams and the routing rule: created once; a team or rule that exists already (409, or a rule of that name) is kept
# as it is, so re-running changes nothing and never undoes an edit made since.
team() { # id name tier members(JSON array) [more JSON members]
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$TIERLINE_ESCALATION_URL/api/v1/teams" \
        -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$1\",\"name\":\"$2\",\"tier\":\"$3\",\"members\":$4${5:+,$5}}")
    case "$code" in
        201) echo "  team: $1 ($3) -> $4" ;;
        409) echo "  team: $1 exists, kept" ;;
        *) echo "  could not create team $1 (HTTP $code)" >&2; exit 1 ;;
    esac
}
team frontline Frontline L1 '["carol"]'
team core Core L2 '["alice","bob","erin"]' "\"escalationPolicyId\":\"core-default\",\"scheduleId\":\"$schedule\""
team engineering Engineering L3 '["dave"]'
rules=$(curl -sf "$TIERLINE_ESCALATION_URL/api/v1/routing-rules" -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN") ||
    { echo "  could not read the routing rules" >&2; exit 1; }
if printf '%s' "$rules" | grep -q '"name":"sev1-sev2-to-l2"'; then
    echo "  routing rule: sev1-sev2-to-l2 exists, kept"
else
    curl -sf -o /dev/null -X POST "$TIERLINE_ESCALATION_URL/api/v1/routing-rules" \
        -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d '{"name":"sev1-sev2-to-l2","conditions":{"severities":["SEV1","SEV2"]},"action":{"tier":"L2","team":"core"}}' ||
        { echo "  could not create the routing rule sev1-sev2-to-l2" >&2; exit 1; }
    echo "  routing rule: sev1-sev2-to-l2 (SEV1, SEV2 -> L2 core)"
fi

for person in alice bob carol dave erin; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$TIERLINE_NOTIFICATION_URL/api/v1/people/$person/contact-methods" \
        -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" \
        -H 'Content-Type: application/json' \
        -d "{\"type\":\"WEBHOOK\",\"address\":\"$TIERLINE_INBOX_URL/hooks/$person\"}")
    case "$code" in
        200|201) echo "  contact method: $person -> $TIERLINE_INBOX_URL/hooks/$person" ;;
        401) echo "  could not register $person's contact method (HTTP 401: the token was refused; was" \
                  "notification-service started with another key than .tierline/keys/public.pem?)" >&2; exit 1 ;;
        403) echo "  could not register $person's contact method (HTTP 403: the token has no admin role)" >&2; exit 1 ;;
        *) echo "  could not register $person's contact method (HTTP $code)" >&2; exit 1 ;;
    esac
done

# The demo integration key: shown once by the API, so it is kept where ./tierline key finds it. A kept key that
# still works is reused (a probe that changes nothing: acknowledging an alert nobody raised).
key_file="$TIERLINE_KEY_DIR/integration.key"
key_works() {
    [ -s "$key_file" ] || return 1
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$TIERLINE_TICKET_URL/api/v1/incidents" \
        -H "X-Tierline-Integration-Key: $(cat "$key_file")" -H 'Content-Type: application/json' \
        -d '{"severity":"SEV4","title":"key check","dedupKey":"tierline-demo-key-check","action":"ACKNOWLEDGE"}')
    [ "$code" = 202 ]
}
if key_works; then
    echo "  integration key: kept (./tierline key prints it)"
    exit 0
fi
# Earlier demo integrations whose keys nobody holds any more (a new key folder, the same database) are revoked, so
# no forgotten key stays valid; the demo customer they served is kept. Active ones list no revokedAt.
earlier=$(curl -sf "$TIERLINE_TICKET_URL/api/v1/integrations" -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" |
    grep -oE '"id":"[0-9a-f-]{36}","name":"Demo monitoring","customerId":"[0-9a-f-]{36}","createdAt":"[^"]*","createdBy":"demo-seed@tierline.local","keys"' ||
    true)
for integration in $(printf '%s\n' "$earlier" | sed -nE 's/^"id":"([0-9a-f-]{36})".*/\1/p'); do
    curl -sf -o /dev/null -X DELETE "$TIERLINE_TICKET_URL/api/v1/integrations/$integration" \
        -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" &&
        echo "  integration key: revoked the earlier demo integration $integration (its key is no longer kept)"
done
customer=$(printf '%s\n' "$earlier" | sed -nE 's/.*"customerId":"([0-9a-f-]{36})".*/\1/p' | head -n 1)
if [ -z "$customer" ]; then
    customer=$(curl -sf -X POST "$TIERLINE_TICKET_URL/api/v1/customers" -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" \
        -H 'Content-Type: application/json' -d '{"name":"Acme Corp (demo monitoring)","plan":"ENTERPRISE"}' |
        json_field id) || { echo "  could not create the demo customer" >&2; exit 1; }
fi
created=$(curl -sf -X POST "$TIERLINE_TICKET_URL/api/v1/integrations" -H "Authorization: Bearer $TIERLINE_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\":\"Demo monitoring\",\"customerId\":\"$customer\"}") ||
    { echo "  could not create the demo integration" >&2; exit 1; }
(umask 077 && printf '%s\n' "$created" | json_field key >"$key_file")
echo "  integration key: created for customer $customer (ENTERPRISE); ./tierline key prints it"
