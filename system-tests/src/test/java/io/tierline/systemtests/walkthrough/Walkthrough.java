package io.tierline.systemtests.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walk-through, read from the README itself: the first {@code ```sh} block under the heading
 * {@code ## Walk-through}, cut into steps.
 *
 * <p>A step is a shell command, with the lines it continues on (after a {@code \}, or inside an open quote). The
 * comment lines right after it that start with {@code # ->} say what it answers: each is a pattern the step's answer must contain, where {@code …} stands for
 * any text and {@code <uuid>} for a UUID. For an assignment ({@code TICKET=$(...)}) the answer is the value assigned.
 * Every step must also exit with status 0, and an assignment must assign something. Other comments are prose.
 */
public record Walkthrough(List<Step> steps) {

    public static final String HEADING = "## Walk-through";
    private static final String EXPECTATION = "# ->";
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern WRITE = Pattern.compile("-X\\s*(POST|PUT|PATCH|DELETE)\\b");
    private static final Pattern SLEEP = Pattern.compile("^sleep\\s+\\d+(\\.\\d+)?\\b");
    private static final int LONG_WAIT_SECONDS = 10;

    public Walkthrough {
        steps = List.copyOf(steps);
    }

    /** One command of the walk-through, where it starts in the README, and what it must answer. */
    public record Step(int line, String command, List<Expectation> expectations) {

        public Step {
            expectations = List.copyOf(expectations);
        }

        /** The variable a {@code NAME=$(...)} step assigns. */
        public Optional<String> assigns() {
            Matcher matcher = ASSIGNMENT.matcher(command);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        /** A step that only reads (no sleep, no write request) may be asked again while its answer is not there yet. */
        public boolean repeatable() {
            return !WRITE.matcher(command).find() && !SLEEP.matcher(command).find();
        }

        /** The first line, for messages. */
        public String summary() {
            int end = command.indexOf('\n');
            return "README line " + line + ": " + (end < 0 ? command : command.substring(0, end) + " …");
        }
    }

    /** What a step must answer: the README's text, and the pattern it stands for. */
    public record Expectation(int line, String text, Pattern pattern) {

        static Expectation of(int line, String text) {
            StringBuilder regex = new StringBuilder();
            Matcher placeholders = Pattern.compile("…|<uuid>").matcher(text);
            int last = 0;
            while (placeholders.find()) {
                regex.append(Pattern.quote(text.substring(last, placeholders.start())));
                regex.append(placeholders.group().equals("…")
                        ? ".*?"
                        : "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                last = placeholders.end();
            }
            regex.append(Pattern.quote(text.substring(last)));
            return new Expectation(line, text, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }

        public boolean matches(String answer) {
            return pattern.matcher(answer).find();
        }
    }

    /**
     * The walk-through up to its first long wait (a {@code sleep} of {@value #LONG_WAIT_SECONDS} s or more, where it
     * lets the SLA and escalation timers run): opening a ticket, seeing it routed and paged, and its clock running.
     * Enough to show a restarted stack works, without waiting out its timers again.
     */
    public Walkthrough opening() {
        List<Step> opening = new ArrayList<>();
        for (Step step : steps) {
            Matcher sleep = SLEEP.matcher(step.command());
            if (sleep.find() && Double.parseDouble(sleep.group().substring(5).strip()) >= LONG_WAIT_SECONDS) {
                break;
            }
            opening.add(step);
        }
        return new Walkthrough(opening);
    }

    /** Reads the walk-through out of the README's text; fails when there is none or a step is malformed. */
    public static Walkthrough fromReadme(String readme) {
        List<String> lines = readme.lines().toList();
        int heading = lines.indexOf(HEADING);
        if (heading < 0) {
            throw new IllegalArgumentException("the README has no '" + HEADING + "' heading");
        }
        int start = heading + 1;
        while (start < lines.size() && !lines.get(start).strip().equals("```sh")) {
            if (lines.get(start).startsWith("## ")) {
                throw new IllegalArgumentException("no ```sh block under '" + HEADING + "'");
            }
            start++;
        }
        if (start == lines.size()) {
            throw new IllegalArgumentException("no ```sh block under '" + HEADING + "'");
        }

        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        int commandLine = 0;
        List<Expectation> expectations = new ArrayList<>();
        boolean continued = false;
        int i = start + 1;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.strip().equals("```")) {
                break;
            }
            if (continued) {
                command.append('\n').append(line);
                continued = incomplete(command);
                continue;
            }
            String stripped = line.strip();
            if (stripped.startsWith(EXPECTATION)) {
                if (command == null) {
                    throw new IllegalArgumentException("README line " + number + ": '" + EXPECTATION
                            + "' with no command before it");
                }
                String text = stripped.substring(EXPECTATION.length()).strip();
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("README line " + number + ": '" + EXPECTATION + "' says nothing");
                }
                expectations.add(Expectation.of(number, text));
            } else if (stripped.isEmpty() || stripped.startsWith("#")) {
                // prose between steps
            } else {
                if (command != null) {
                    steps.add(new Step(commandLine, command.toString(), expectations));
                }
                command = new StringBuilder(line);
                commandLine = number;
                expectations = new ArrayList<>();
                continued = incomplete(command);
            }
        }
        if (i == lines.size()) {
            throw new IllegalArgumentException("the ```sh block under '" + HEADING + "' is not closed");
        }
        if (continued) {
            throw new IllegalArgumentException("README line " + commandLine
                    + ": the command does not end (a quote left open, or a last line ending with '\\')");
        }
        if (command != null) {
            steps.add(new Step(commandLine, command.toString(), expectations));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the walk-through has no command");
        }
        return new Walkthrough(steps);
    }

    /**
     * Whether a command goes on to the next line, as bash reads it: a quote is still open, or the last line ends with
     * a backslash outside quotes. A {@code #} that starts a word outside quotes begins a comment.
     */
    static boolean incomplete(CharSequence command) {
        char quote = 0;
        boolean comment = false;
        boolean escaped = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (escaped) {
                escaped = false;
            } else if (quote == '\'') {
                quote = c == '\'' ? 0 : quote;
            } else if (c == '\\') {
                escaped = true;
            } else if (quote == '"') {
                quote = c == '"' ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(command.charAt(i - 1)))) {
                comment = true;
            }
        }
        return quote != 0 || escaped;
    }
}
