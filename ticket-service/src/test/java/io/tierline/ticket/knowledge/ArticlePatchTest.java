package io.tierline.ticket.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Article;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticlePatchTest {

    private static final Instant CREATED = Instant.parse("2026-11-29T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSetWhatThePatchNamesAndRecordWhoChangedIt() {
        Article article = article();

        boolean changed = patch("""
                {"status":"PUBLISHED","title":"Expired payment keys","tags":["payments","payments","keys"],
                 "components":null}""").applyTo(article, "eve", NOW);

        assertThat(changed).isTrue();
        assertThat(article.status).isEqualTo(Article.Status.PUBLISHED);
        assertThat(article.title).isEqualTo("Expired payment keys");
        assertThat(article.body).isEqualTo("## Symptoms");
        assertThat(article.tags).containsExactly("payments", "keys");
        assertThat(article.components).isEmpty();
        assertThat(article.updatedBy).isEqualTo("eve");
        assertThat(article.updatedAt).isEqualTo(NOW);
    }

    @Test
    void shouldLeaveAnArticleUntouchedWhenThePatchChangesNothing() {
        Article article = article();

        assertThat(patch("{\"kind\":\"RUNBOOK\",\"title\":\"Keys\",\"components\":[\"payments\"]}")
                .applyTo(article, "eve", NOW)).isFalse();
        assertThat(article.updatedBy).isEqualTo("dana");
        assertThat(article.updatedAt).isEqualTo(CREATED);
    }

    @Test
    void shouldRefuseRemovingTitleOrBodyAndFieldsItCannotSet() {
        assertThatThrownBy(() -> patch("""
                {"title":null,"body":" ","kind":"HOWTO","createdBy":"mallory","sourceTicketId":null,"titel":"x"}"""))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("title", "body", "kind", "createdBy", "sourceTicketId", "titel"));
    }

    private static ArticlePatch patch(String json) {
        try {
            return ArticlePatch.parse(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Article article() {
        Article article = new Article();
        article.kind = Article.Kind.RUNBOOK;
        article.status = Article.Status.DRAFT;
        article.title = "Keys";
        article.body = "## Symptoms";
        article.tags = new String[]{"payments"};
        article.components = new String[]{"payments"};
        article.createdBy = "dana";
        article.updatedBy = "dana";
        article.createdAt = CREATED;
        article.updatedAt = CREATED;
        return article;
    }
}
