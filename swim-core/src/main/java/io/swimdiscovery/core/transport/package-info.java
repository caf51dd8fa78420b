/**
 * Netty transport: UDP datagrams for probes and gossip, TCP streams for full-state sync and large messages, and a fault-injecting decorator for tests. Knows bytes and addresses, not the protocol.
 */
@NullMarked
package io.swimdiscovery.core.transport;

import org.jspecify.annotations.NullMarked;
