/**
 * JMH micro benchmarks of the hot paths: packet encoding and decoding, AES-GCM sealing and opening.
 * Run them with {@code -prof gc} for bytes allocated per operation; docs/benchmarks.md has the
 * command and the figures.
 */
@NullMarked
package io.swimdiscovery.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
