package io.tierline.testsupport.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a fuzz run sent and what it found; {@link #describe()} is the failure message, enough to reproduce it. */
public record FuzzReport(String service, long seed, int requests, List<String> operations,
                         Map<String, Map<Integer, Integer>> answers, List<Failure> failures,
                         List<String> changedTables, Duration took) {

    /** A request answered wrongly: the request as sent, the answer, what is wrong with it. */
    public record Failure(String request, int status, String answer, String problem) {
    }

    private static final int SHOWN_FAILURES = 12;

    public boolean passed() {
        return failures.isEmpty() && changedTables.isEmpty();
    }

    /** Operations every request to which was refused at the door (401/403): the fuzz never reached their code. */
    public List<String> operationsNeverPastAuthentication() {
        return operations.stream().filter(operation -> answers.getOrDefault(operation, Map.of()).keySet().stream()
                .allMatch(status -> status == 401 || status == 403)).toList();
    }

    public String summary() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.values().forEach(byStatus -> byStatus.forEach((status, count) -> statuses.merge(status, count,
                Integer::sum)));
        return String.format("API fuzz of %s: %d requests to %d operations in %.1f s (seed %d); answers %s; %d wrong;"
                        + " %s", service, requests, operations.size(), took.toMillis() / 1000.0, seed,
                statuses.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(" ")),
                failures.size(), changedTables.isEmpty() ? "no table changed" : changedTables.size() + " tables changed");
    }

    public String describe() {
        StringBuilder out = new StringBuilder(summary()).append('\n');
        out.append("Reproduce with -D").append(ApiFuzzer.SEED_PROPERTY).append('=').append(seed).append(" -D")
                .append(ApiFuzzer.REQUESTS_PROPERTY).append('=').append(requests).append('\n');
        if (!failures.isEmpty()) {
            Map<String, Long> byProblem = failures.stream()
                    .collect(Collectors.groupingBy(Failure::problem, TreeMap::new, Collectors.counting()));
            out.append(failures.size()).append(" requests answered wrongly: ").append(byProblem).append('\n');
            for (Failure failure : failures.subList(0, Math.min(SHOWN_FAILURES, failures.size()))) {
                out.append("--- ").append(failure.problem()).append('\n').append(failure.request())
                        .append("  → ").append(failure.status() == 0 ? "" : failure.status() + " ")
                        .append(failure.answer()).append('\n');
            }
            if (failures.size() > SHOWN_FAILURES) {
                out.append("... and ").append(failures.size() - SHOWN_FAILURES).append(" more\n");
            }
        }
        if (!changedTables.isEmpty()) {
            out.append("Tables whose content changed though every request was to be refused or only read:\n");
            changedTables.forEach(change -> out.append("    ").append(change).append('\n'));
        }
        List<String> unreached = operationsNeverPastAuthentication();
        if (!unreached.isEmpty()) {
            out.append("Operations the fuzz never got past authentication: ").append(unreached).append('\n');
        }
        return out.toString();
    }
}
