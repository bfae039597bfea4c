package io.tierline.ticket.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.contracts.Plan;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.MergePatch.Change;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A JSON merge patch of a customer (see {@link MergePatch}): name, plan, time zone and contacts. */
public record CustomerPatch(Change<String> name, Change<Plan> plan, Change<ZoneId> timeZone,
                            Change<List<String>> contacts) {

    public static final List<String> EDITABLE = List.of("name", "plan", "timeZone", "contacts");
    private static final Map<String, String> READ_ONLY = Map.of("id", "", "createdAt", "");

    public static CustomerPatch parse(JsonNode document) {
        MergePatch patch = MergePatch.of(document, "customer");
        CustomerPatch read = new CustomerPatch(
                patch.text("name", 200, true),
                patch.enumValue("plan", Plan.class),
                patch.parsed("timeZone", 64, true, CustomerProfile::zone,
                        "must be an IANA time zone such as Europe/Berlin or America/New_York"),
                patch.texts("contacts", CustomerProfile.MAX_CONTACTS, CustomerProfile.MAX_ADDRESS,
                        CustomerProfile::addressProblem));
        patch.finish(EDITABLE, READ_ONLY);
        return read;
    }
}
