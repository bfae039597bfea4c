#!/usr/bin/env bash
# Demo data loaded by ./tierline up: every on-call person of the demo roster gets a webhook contact method that
# points at the local webhook inbox, so pages show up at $TIERLINE_INBOX_URL/pages.
set -euo pipefail
: "${TIERLINE_NOTIFICATION_URL:?}" "${TIERLINE_INBOX_URL:?}"
for person in alice bob carol; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$TIERLINE_NOTIFICATION_URL/api/v1/people/$person/contact-methods" \
        -H 'Content-Type: application/json' \
        -d "{\"type\":\"WEBHOOK\",\"address\":\"$TIERLINE_INBOX_URL/hooks/$person\"}")
    case "$code" in
        200|201) echo "  contact method: $person -> $TIERLINE_INBOX_URL/hooks/$person" ;;
        *) echo "  could not register $person's contact method (HTTP $code)" >&2; exit 1 ;;
    esac
done
