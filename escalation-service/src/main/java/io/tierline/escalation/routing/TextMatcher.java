package io.tierline.escalation.routing;

import io.tierline.escalation.routing.RoutingRules.TextCondition;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@link TextCondition} compiled once, when its rule set is built, and evaluated against a bounded text.
 *
 * <p>Rules come from people editing them through an API, so a pattern may be slow to match: the pattern length
 * is capped ({@link RoutingRules#MAX_PATTERN_LENGTH}, enforced by {@link RuleValidation}), the text is capped
 * ({@link TicketFacts#text()}), and, because even a short pattern on a bounded text can backtrack for a very long
 * time, the matcher reads the text through a counter and gives up after {@link #DEFAULT_BUDGET} character reads.
 * A rule that gives up does not match, and its explanation says so: a mis-routed ticket is visible and fixable, a
 * routing thread stuck in a regex is neither.
 */
final class TextMatcher {

    /**
     * Character reads allowed per evaluation. A quadratic pattern such as {@code .*db} over the whole 10,000
     * characters needs about 150 million (a fraction of a second); exponential backtracking needs far more.
     */
    static final long DEFAULT_BUDGET = 200_000_000L;

    enum Outcome {
        MATCHED, NOT_MATCHED, GAVE_UP
    }

    private final TextCondition condition;
    private final Pattern pattern;
    private final String needle;
    private final long budget;

    private TextMatcher(TextCondition condition, Pattern pattern, String needle, long budget) {
        this.condition = condition;
        this.pattern = pattern;
        this.needle = needle;
        this.budget = budget;
    }

    /** @throws java.util.regex.PatternSyntaxException when a regular expression does not compile */
    static TextMatcher compile(TextCondition condition) {
        return compile(condition, DEFAULT_BUDGET);
    }

    static TextMatcher compile(TextCondition condition, long budget) {
        return switch (condition.mode()) {
            case CONTAINS -> new TextMatcher(condition, null, condition.value().toLowerCase(Locale.ROOT), budget);
            case REGEX -> new TextMatcher(condition, Pattern.compile(condition.value()), null, budget);
            case REGEX_IGNORE_CASE -> new TextMatcher(condition,
                    Pattern.compile(condition.value(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), null, budget);
        };
    }

    Outcome test(String text) {
        if (pattern == null) {
            return text.toLowerCase(Locale.ROOT).contains(needle) ? Outcome.MATCHED : Outcome.NOT_MATCHED;
        }
        try {
            return pattern.matcher(new Budgeted(text, budget)).find() ? Outcome.MATCHED : Outcome.NOT_MATCHED;
        } catch (OverBudget e) {
            return Outcome.GAVE_UP;
        }
    }

    String shown() {
        return condition.shown();
    }

    String verb(boolean held) {
        if (pattern == null) {
            return held ? "contains" : "does not contain";
        }
        return held ? "matches" : "does not match";
    }

    long budget() {
        return budget;
    }

    /** The text as the regex engine sees it, counting every character it reads. */
    private static final class Budgeted implements CharSequence {

        private final String text;
        private final int start;
        private final int end;
        private final long[] reads; // shared with sub-sequences: the budget is per evaluation
        private final long budget;

        Budgeted(String text, long budget) {
            this(text, 0, text.length(), new long[1], budget);
        }

        private Budgeted(String text, int start, int end, long[] reads, long budget) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.reads = reads;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > budget) {
                throw OverBudget.INSTANCE;
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Budgeted(text, start + from, start + to, reads, budget);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }

    /** Thrown out of the regex engine to stop it; carries no stack trace since nobody reads it. */
    private static final class OverBudget extends RuntimeException {

        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("text match over budget", null, false, false);
        }
    }
}
