package io.tierline.testsupport;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS resource class of a service must carry {@code @Cancellable(false)}: Quarkus REST cancels the answer's
 * subscription when the client disconnects, and a transaction cancelled mid-flight has its session closed under a
 * statement still running ("possible non-threadsafe access to session"). Not cancelled, what the server started runs
 * to its end (committed, or rolled back on its own failure) and only the answer is dropped.
 */
public final class UncancellableResources {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName CANCELLABLE = DotName.createSimple("org.jboss.resteasy.reactive.server.Cancellable");

    /** The resource classes under a compiled classes folder that may be cancelled by a client leaving. */
    public static List<String> cancellable(Path classes) {
        Index index = index(classes);
        return index.getAnnotations(PATH).stream()
                .filter(path -> path.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS)
                .map(path -> path.target().asClass())
                .filter(resource -> !runsToItsEnd(resource))
                .map(resource -> resource.name().toString())
                .sorted()
                .toList();
    }

    /** The number of resource classes found, so a check that finds none fails instead of passing. */
    public static int resources(Path classes) {
        return (int) index(classes).getAnnotations(PATH).stream()
                .filter(path -> path.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS).count();
    }

    private static boolean runsToItsEnd(ClassInfo resource) {
        AnnotationInstance cancellable = resource.declaredAnnotation(CANCELLABLE);
        if (cancellable == null) {
            return false;
        }
        AnnotationValue value = cancellable.value();
        return value != null && !value.asBoolean();
    }

    private static Index index(Path classes) {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }

    private UncancellableResources() {
    }
}
