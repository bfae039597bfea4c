package io.tierline.platform.ratelimit;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * On a resource method: the method limits itself (e.g. by integration key and severity after reading the body), so
 * the global per-caller filter skips it.
 */
@Target(METHOD)
@Retention(RUNTIME)
public @interface LimitsItsOwnRate {
}
