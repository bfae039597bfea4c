package io.tierline.systemtests.walkthrough;

import io.tierline.systemtests.walkthrough.Walkthrough.Step;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalkthroughTest {

    private static final String README = """
            # Something

            ## Walk-through
            Prose.

            ```sh
            TOKEN=$(./tierline token admin)   # a token
            # -> eyJ…

            # prose between steps
            curl -s -X POST localhost:8081/api/v1/things -H "Authorization: Bearer $TOKEN" \\
              -d '{"name":"x"}'
            # -> {"id":"<uuid>","name":"x"}
            sleep 2
            curl -s localhost:8081/api/v1/things   # the list
            # -> "name":"x"
            # -> "count":1
            ```

            ## Next
            ```sh
            not part of it
            ```
            """;

    @Test
    void shouldCutTheBlockUnderTheHeadingIntoStepsWithTheirExpectedAnswers() {
        Walkthrough walkthrough = Walkthrough.fromReadme(README);

        assertThat(walkthrough.steps()).extracting(Step::line).containsExactly(7, 11, 14, 15);
        Step post = walkthrough.steps().get(1);
        assertThat(post.command()).isEqualTo("""
                curl -s -X POST localhost:8081/api/v1/things -H "Authorization: Bearer $TOKEN" \\
                  -d '{"name":"x"}'""");
        assertThat(post.expectations()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(13));
        assertThat(walkthrough.steps().get(3).expectations()).hasSize(2);
        assertThat(walkthrough.steps().get(2).expectations()).isEmpty();
    }

    @Test
    void shouldKnowAssignmentsAndWhichStepsMayBeAskedAgain() {
        Walkthrough walkthrough = Walkthrough.fromReadme(README);

        assertThat(walkthrough.steps().get(0).assigns()).contains("TOKEN");
        assertThat(walkthrough.steps().get(1).assigns()).isEmpty();
        assertThat(walkthrough.steps()).extracting(Step::repeatable).containsExactly(true, false, false, true);
    }

    @Test
    void shouldOpenWithTheStepsBeforeTheFirstLongWait() {
        Walkthrough walkthrough = Walkthrough.fromReadme(README.replace("curl -s localhost:8081/api/v1/things   #",
                "sleep 35\ncurl -s localhost:8081/api/v1/things   #"));

        assertThat(walkthrough.steps()).hasSize(5);
        // a short sleep is part of the opening, the first long one ends it
        assertThat(walkthrough.opening().steps()).extracting(Step::line).containsExactly(7, 11, 14);
        assertThat(Walkthrough.fromReadme(README).opening().steps()).hasSize(4);
    }

    @Test
    void shouldMatchAnEllipsisAsAnyTextAndUuidAsAnId() {
        Step post = Walkthrough.fromReadme(README).steps().get(1);
        var expectation = post.expectations().get(0);

        assertThat(expectation.matches("{\"id\":\"0b0e3a55-2c51-4d7e-9d38-2a3b1d1b7d11\",\"name\":\"x\"}")).isTrue();
        assertThat(expectation.matches("{\"id\":\"not-an-id\",\"name\":\"x\"}")).isFalse();
        assertThat(Walkthrough.fromReadme(README).steps().get(0).expectations().get(0).matches("eyJhbGciOi.x.y")).isTrue();
        var ordered = Walkthrough.Expectation.of(1, "\"a\"…\"b\"");
        assertThat(ordered.matches("[\"a\",\"x\",\"b\"]")).isTrue();
        assertThat(ordered.matches("[\"b\",\"a\"]")).isFalse();
        assertThat(Walkthrough.Expectation.of(1, "a.b (c)").matches("a.b (c)")).isTrue();
        assertThat(Walkthrough.Expectation.of(1, "a.b (c)").matches("axb (c)")).isFalse();
    }

    @Test
    void shouldGoOnToTheNextLineWhileAQuoteIsOpenOrALineEndsWithABackslash() {
        assertThat(Walkthrough.incomplete("curl -d '{\"a\":")).isTrue();
        assertThat(Walkthrough.incomplete("curl -d '{\"a\":\n 1}'")).isFalse();
        assertThat(Walkthrough.incomplete("curl \\")).isTrue();
        assertThat(Walkthrough.incomplete("X=$(curl | sed 's/a/b/')   # alice's page")).isFalse();
        assertThat(Walkthrough.incomplete("echo \"it's \\\" fine\"")).isFalse();
        assertThat(Walkthrough.incomplete("echo \"open")).isTrue();
        assertThat(Walkthrough.incomplete("echo a#b 'c")).isTrue();

        Walkthrough walkthrough = Walkthrough.fromReadme("""
                ## Walk-through
                ```sh
                curl -d '{"steps":"1. x",
                  "more":"y"}'   # it's one step
                # -> ok
                echo done
                ```
                """);
        assertThat(walkthrough.steps()).extracting(Step::line).containsExactly(3, 6);
        assertThat(walkthrough.steps().get(0).expectations()).hasSize(1);
    }

    @Test
    void shouldRefuseAnExpectationWithoutACommandAndAMissingBlock() {
        assertThatThrownBy(() -> Walkthrough.fromReadme("## Walk-through\n```sh\n# -> x\n```\n"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> Walkthrough.fromReadme("## Walk-through\nno block\n## Next\n"))
                .hasMessageContaining("no ```sh block");
        assertThatThrownBy(() -> Walkthrough.fromReadme("# nothing\n")).hasMessageContaining("no '## Walk-through'");
        assertThatThrownBy(() -> Walkthrough.fromReadme("## Walk-through\n```sh\necho a \\\n```\n"))
                .hasMessageContaining("does not end");
        assertThatThrownBy(() -> Walkthrough.fromReadme("## Walk-through\n```sh\necho 'a\n```\n"))
                .hasMessageContaining("does not end");
    }

    @Test
    void shouldReadTheProjectReadmeWithAnExpectedAnswerForEveryRequest() throws Exception {
        Path readme = Path.of(System.getProperty("tierline.repo", "..")).resolve("README.md");
        Walkthrough walkthrough = Walkthrough.fromReadme(Files.readString(readme, StandardCharsets.UTF_8));

        assertThat(walkthrough.steps())
                .filteredOn(step -> step.command().contains("curl"))
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step.expectations()).as(step.summary()).isNotEmpty());
    }
}
