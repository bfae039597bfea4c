package io.tierline.escalation.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open stretch of time [start, end), as the engine's internal currency between windows and shifts. */
record Span(Instant start, Instant end) {

    boolean isEmpty() {
        return !start.isBefore(end);
    }

    boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    /** This span cut down to [from, to); may come out empty. */
    Span clip(Instant from, Instant to) {
        return new Span(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end);
    }

    /** The union of the spans as sorted, disjoint, non-adjacent, non-empty spans. */
    static List<Span> union(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.removeIf(Span::isEmpty);
        sorted.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && !span.start().isAfter(merged.get(last).end())) {
                Span previous = merged.get(last);
                if (span.end().isAfter(previous.end())) {
                    merged.set(last, new Span(previous.start(), span.end()));
                }
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
