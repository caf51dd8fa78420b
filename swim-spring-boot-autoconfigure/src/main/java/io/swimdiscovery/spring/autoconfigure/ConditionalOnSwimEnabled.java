package io.swimdiscovery.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code swim.enabled} is {@code false}: the one switch that turns every part of the
 * SWIM integration off.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnBooleanProperty(name = ConditionalOnSwimEnabled.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnSwimEnabled {

    /** The property that switches the integration on or off. */
    String PROPERTY = "swim.enabled";
}
