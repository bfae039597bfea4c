package io.tierline.systemtests;

import io.tierline.systemtests.walkthrough.LocalStack;
import io.tierline.systemtests.walkthrough.Walkthrough;
import io.tierline.systemtests.walkthrough.WalkthroughRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a newcomer does on a machine without PostgreSQL, and what the README promises them: {@code ./tierline up}
 * with nothing listening on the database port (so the embedded PostgreSQL starts) and a fresh state folder, then the
 * README's walk-through exactly as the README writes it, each step checked against the answer the README shows.
 * Then the same stack is brought up again on the same data, and again after the embedded PostgreSQL was killed with
 * SIGKILL; each time the walk-through's opening (up to where it waits for the SLA and escalation timers) must still
 * hold. A README edit that breaks the walk-through fails here.
 */
class NewcomerWalkthroughIT {

    /** How long a read may take to show what an event changed (routing, pages, the timeline). */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldRunTheReadmeWalkthroughOnAMachineWithoutPostgresqlAndAgainAfterARestartAndAKilledDatabase()
            throws Exception {
        Path repo = TierlineSystem.repositoryRoot();
        Walkthrough walkthrough = Walkthrough.fromReadme(Files.readString(repo.resolve("README.md"), StandardCharsets.UTF_8));
        LocalStack.requireReadmePortsFree();

        Path target = repo.resolve("system-tests/target");
        Files.createDirectories(target);
        Path run = Files.createTempDirectory(target, "newcomer-");
        try (LocalStack stack = new LocalStack(repo, run.resolve("state"), run.resolve("logs"))) {
            assertThat(stack.databaseListening()).as("nothing listens on the database port").isFalse();
            leaveAnUnfinishedUnpack(repo, stack);

            // First start: the embedded PostgreSQL unpacks its binaries over the unfinished unpack and runs initdb.
            LocalStack.Outcome first = stack.tierline("up").requireSuccess();
            assertThat(first.output()).contains("starting an embedded PostgreSQL", "Tierline is up");
            assertThat(stack.log("postgres")).contains("removing the unfinished unpack", "new cluster");
            walk(repo, stack, walkthrough, run.resolve("walk-1"));

            // Restart on the same data.
            stack.tierline("down").requireSuccess();
            assertThat(stack.processes()).as("processes left after ./tierline down").isEmpty();
            LocalStack.Outcome second = stack.tierline("up").requireSuccess();
            assertThat(second.output()).contains("Tierline is up");
            assertThat(stack.log("postgres")).contains("existing cluster").doesNotContain("removing the unfinished unpack");
            walk(repo, stack, walkthrough.opening(), run.resolve("walk-2"));

            // kill -9 of the embedded PostgreSQL: its launcher and its postmaster, with the services still running.
            long launcher = stack.launcherPid().orElseThrow();
            long postmaster = stack.postmasterPid().orElseThrow();
            kill9(launcher);
            kill9(postmaster);
            await().atMost(Duration.ofSeconds(30)).until(() -> !stack.databaseListening());
            LocalStack.Outcome third = stack.tierline("up").requireSuccess();
            assertThat(third.output()).contains("starting an embedded PostgreSQL", "Tierline is up");
            assertThat(stack.log("postgres")).contains("removing " + stack.dataDirectory().resolve("postmaster.pid"));
            walk(repo, stack, walkthrough.opening(), run.resolve("walk-3"));

            stack.tierline("down").requireSuccess();
            assertThat(stack.processes()).as("processes left after ./tierline down").isEmpty();
            assertThat(stack.databaseListening()).isFalse();
        }
    }

    /**
     * The failure the launcher used to have on such machines: an unpack that died half way (it ran out of heap with
     * 64 MB), leaving a partial {@code PG-<digest>} folder that made every later start fail.
     */
    private static void leaveAnUnfinishedUnpack(Path repo, LocalStack stack) throws Exception {
        Path lib = repo.resolve("deploy/local-infra/target/lib");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx64m", "-cp", lib + "/*",
                "io.tierline.localinfra.EmbeddedPostgres", "--port", Integer.toString(stack.databasePort()),
                "--data-dir", stack.dataDirectory().toString(), "--binaries-dir", stack.binariesDirectory().toString())
                .redirectErrorStream(true)
                .redirectOutput(stack.state().resolveSibling("unfinished-unpack.log").toFile());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(unfinishedUnpacks(stack.binariesDirectory()))
                .as("an unpack in 64 MB of heap dies half way, as it did for newcomers")
                .isNotEmpty();
    }

    private static List<Path> unfinishedUnpacks(Path binaries) throws IOException {
        try (Stream<Path> children = Files.list(binaries)) {
            return children.filter(dir -> !Files.exists(dir.resolve(".exists"))).toList();
        }
    }

    private static void walk(Path repo, LocalStack stack, Walkthrough walkthrough, Path scratch) {
        new WalkthroughRunner(repo, stack::configure, scratch, PATIENCE).run(walkthrough);
    }

    private static void kill9(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -9 " + pid).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> gone(pid));
    }

    /** Exited: no such process, or a zombie nobody reaps (a container's init may not). */
    private static boolean gone(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        }
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true; // it went away while being read
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
