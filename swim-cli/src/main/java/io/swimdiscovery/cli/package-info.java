/**
 * The standalone node: {@code swim-node run} runs one SwimNode as its own process and prints its
 * membership events as JSON lines; {@code members}, {@code keys} and {@code encryption} talk to a
 * running node's loopback-only control endpoint.
 */
@NullMarked
package io.swimdiscovery.cli;

import org.jspecify.annotations.NullMarked;
