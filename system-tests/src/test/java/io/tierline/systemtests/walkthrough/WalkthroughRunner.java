package io.tierline.systemtests.walkthrough;

import io.tierline.systemtests.walkthrough.Walkthrough.Expectation;
import io.tierline.systemtests.walkthrough.Walkthrough.Step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@link Walkthrough} step by step with bash, in the repository root, as a reader pasting it into a terminal
 * would: the variables a step assigns are there for the next ones. Each step is checked before the next one runs;
 * a read whose answer is not there yet (events take a moment to travel) is asked again for up to {@code patience}.
 */
public final class WalkthroughRunner {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final int SHOWN = 3000;

    private final Path workingDirectory;
    private final Consumer<Map<String, String>> environment;
    private final Path scratch;
    private final Duration patience;

    /**
     * @param environment adjusts the environment every step's shell gets (this process's, to begin with)
     * @param scratch     a folder for the shell variables and each step's answer
     */
    public WalkthroughRunner(Path workingDirectory, Consumer<Map<String, String>> environment, Path scratch,
            Duration patience) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.scratch = scratch;
        this.patience = patience;
    }

    /** Runs every step; throws an {@link AssertionError} naming the README line of the first step that fails. */
    public void run(Walkthrough walkthrough) {
        try {
            Files.createDirectories(scratch);
            Path variables = scratch.resolve("variables.sh");
            Files.writeString(variables, "");
            for (Step step : walkthrough.steps()) {
                runStep(step, variables);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runStep(Step step, Path variables) throws IOException {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            Answer answer = execute(step, variables);
            String failure = check(step, answer);
            if (failure == null) {
                return;
            }
            if (!step.repeatable() || Instant.now().isAfter(giveUp)) {
                throw new AssertionError(step.summary() + "\n  " + failure + "\n  exit status " + answer.status()
                        + "\n  answer: " + shown(answer.output()) + "\n  stderr: " + shown(answer.errors()));
            }
            pause();
        }
    }

    private static String check(Step step, Answer answer) {
        if (answer.status() != 0) {
            return "exited with status " + answer.status();
        }
        if (step.assigns().isPresent() && answer.output().isBlank()) {
            return step.assigns().get() + " was assigned nothing";
        }
        for (Expectation expectation : step.expectations()) {
            if (!expectation.matches(answer.output())) {
                return "does not answer what README line " + expectation.line() + " says: " + expectation.text();
            }
        }
        return null;
    }

    private record Answer(int status, String output, String errors) {
    }

    /** The step runs in a fresh bash that first loads the variables of the steps before it and saves the one it sets. */
    private Answer execute(Step step, Path variables) throws IOException {
        Path out = scratch.resolve("answer.out");
        Path err = scratch.resolve("answer.err");
        String saveVariable = step.assigns()
                .map(name -> "declare -p " + name + " >>'" + variables + "'\nprintf '%s' \"$" + name + "\" >'" + out + "'\n")
                .orElse("");
        String script = "source '" + variables + "'\n"
                + "{\n" + step.command() + "\n} >'" + out + "' 2>'" + err + "'\n"
                + "status=$?\n"
                + saveVariable
                + "exit $status\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(workingDirectory.toFile());
        environment.accept(builder.environment());
        builder.redirectErrorStream(true).redirectOutput(scratch.resolve("shell.log").toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(step.summary() + "\n  did not finish within " + STEP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running " + step.summary(), e);
        }
        return new Answer(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + " …(" + text.length() + " characters)";
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
