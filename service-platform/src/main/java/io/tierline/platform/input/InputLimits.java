package io.tierline.platform.input;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on what a request body may contain, checked while it is parsed (before any field is bound), so an
 * adversarial body costs little. The body size itself is {@code tierline.http.max-body-size}; fields set
 * tighter limits of their own with Bean Validation ({@code @Size}).
 * <p>
 * Static-init safe: Hibernate builds the application's {@code ObjectMapper} (and so reads these) while the
 * application starts, before the runtime configuration exists; properties, system properties and environment
 * variables are read all the same.
 */
@StaticInitSafe
@ConfigMapping(prefix = "tierline.platform.input")
public interface InputLimits {

    /** Deepest nesting of objects and arrays. */
    @WithDefault("32")
    int maxNestingDepth();

    /** Longest string value, in characters. */
    @WithDefault("65536")
    int maxStringLength();

    /** Longest number literal, in characters. */
    @WithDefault("64")
    int maxNumberLength();

    /** Longest property name, in characters. */
    @WithDefault("256")
    int maxNameLength();
}
