/**
 * The sample service: a live cluster page, a greeting endpoint, and load-balanced calls to other
 * instances found through SWIM discovery. Depends only on the starter and Spring Boot.
 */
@NullMarked
package io.swimdiscovery.sample;

import org.jspecify.annotations.NullMarked;
