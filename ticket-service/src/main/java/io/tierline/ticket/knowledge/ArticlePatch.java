package io.tierline.ticket.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.MergePatch.Change;
import io.tierline.ticket.domain.Article;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON merge patch of a knowledge base article (see {@link MergePatch}): kind, status (DRAFT or PUBLISHED, either
 * way), title, body, tags and components. Title and body cannot be removed; {@code null} empties tags or components.
 */
public record ArticlePatch(Change<Article.Kind> kind, Change<Article.Status> status, Change<String> title,
                           Change<String> body, Change<List<String>> tags, Change<List<String>> components) {

    public static final int MAX_TITLE = 300;
    /** Room for a draft from a ticket at its longest (a 20,000-character description and resolution note). */
    public static final int MAX_BODY = 50_000;
    public static final int MAX_TAGS = 30;
    public static final int MAX_TAG_LENGTH = 50;
    public static final int MAX_COMPONENTS = 20;
    public static final int MAX_COMPONENT_LENGTH = 100;

    public static final List<String> EDITABLE = List.of("kind", "status", "title", "body", "tags", "components");
    private static final Map<String, String> READ_ONLY = Map.of("id", "", "sourceTicketId", "", "createdBy", "",
            "updatedBy", "", "createdAt", "", "updatedAt", "");

    /** Reads a merge patch; a 400 problem naming every field at fault when it is not a valid one. */
    public static ArticlePatch parse(JsonNode document) {
        MergePatch patch = MergePatch.of(document, "article");
        ArticlePatch read = new ArticlePatch(
                patch.enumValue("kind", Article.Kind.class),
                patch.enumValue("status", Article.Status.class),
                patch.text("title", MAX_TITLE, true),
                patch.text("body", MAX_BODY, true),
                patch.texts("tags", MAX_TAGS, MAX_TAG_LENGTH, null),
                patch.texts("components", MAX_COMPONENTS, MAX_COMPONENT_LENGTH, null));
        patch.finish(EDITABLE, READ_ONLY);
        return read;
    }

    /**
     * Applies the patch; when it changes anything, the article records {@code by} and {@code now} as its last update
     * (so a patch that changes nothing leaves even the ETag as it was).
     *
     * @return whether anything changed
     */
    public boolean applyTo(Article article, String by, Instant now) {
        boolean changed = false;
        if (kind != null && kind.value() != article.kind) {
            article.kind = kind.value();
            changed = true;
        }
        if (status != null && status.value() != article.status) {
            article.status = status.value();
            changed = true;
        }
        if (title != null && !Objects.equals(title.value(), article.title)) {
            article.title = title.value();
            changed = true;
        }
        if (body != null && !Objects.equals(body.value(), article.body)) {
            article.body = body.value();
            changed = true;
        }
        if (tags != null && !Arrays.asList(article.tags()).equals(tags.value())) {
            article.tags = tags.value().toArray(String[]::new);
            changed = true;
        }
        if (components != null && !Arrays.asList(article.components()).equals(components.value())) {
            article.components = components.value().toArray(String[]::new);
            changed = true;
        }
        if (changed) {
            article.updatedBy = by;
            article.updatedAt = now;
        }
        return changed;
    }
}
