#!/usr/bin/env bash
# Demo data loaded by ./tierline up: every on-call person of the demo roster gets a webhook contact method that
# points at the local webhook inbox, so pages show up at $TIERLINE_INBOX_URL/pages.
# Contact methods are configuration: the calls carry an admin token, $TIERLINE_ADMIN_TOKEN (./tierline up issues one;
# by hand: TIERLINE_ADMIN_TOKEN=$(./tierline token admin)).
set -euo pipefail
: "${TIERLINE_NOTIFICATION_URL:?}" "${TIERLINE_INBOX_URL:?}"
: "${TIERLINE_ADMIN_TOKEN:?an admin bearer token is needed: TIERLINE_ADMIN_TOKEN=\$(./tierline token admin)}"
for person in alice bob carol; do
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
