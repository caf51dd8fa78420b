/**
 * The binary wire format (docs/wire-format.md): message codec with strictly bounded decoding,
 * CRC32C, compound packets, stream framing, the exact packet sizer the engine fills datagrams with,
 * and {@code PacketCodec}, the one seam the node runtime uses, which adds sealing per the
 * encryption mode. Pure: depends on the protocol and security packages and the JDK, never on
 * Netty, Spring or the runtime packages.
 */
@NullMarked
package io.swimdiscovery.core.wire;

import org.jspecify.annotations.NullMarked;
