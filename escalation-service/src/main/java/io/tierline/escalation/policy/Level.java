package io.tierline.escalation.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One level of an escalation policy: the targets paged together, and how long they have to acknowledge before the
 * next level is paged. Nulls are kept (not thrown on) so that {@link EscalationPolicy#validate} can name them.
 *
 * @param targets paged together, in order; at least one
 * @param delay   time to acknowledge before the escalation climbs; positive (a zero delay would loop at once)
 */
public record Level(List<Target> targets, Duration delay) {

    public Level {
        targets = targets == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(targets));
    }

    public static Level of(Duration delay, Target... targets) {
        return new Level(List.of(targets), delay);
    }
}
