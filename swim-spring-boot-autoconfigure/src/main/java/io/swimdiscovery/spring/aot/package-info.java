/**
 * Ahead-of-time and native-image support: the reflection the starter needs that Spring's own AOT
 * processing does not infer. Registered through {@code META-INF/spring/aot.factories}.
 */
@NullMarked
package io.swimdiscovery.spring.aot;

import org.jspecify.annotations.NullMarked;
