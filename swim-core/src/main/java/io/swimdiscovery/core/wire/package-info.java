/**
 * The binary wire format: message codec with strictly bounded decoding, CRC32C, compound packets. Pure: depends on the protocol package and the JDK, never on Netty, Spring or the runtime packages.
 */
@NullMarked
package io.swimdiscovery.core.wire;

import org.jspecify.annotations.NullMarked;
