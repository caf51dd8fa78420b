/**
 * Packet protection: AES-GCM keyring with the cluster name as authenticated data, key rotation and rollout mode. Pure JDK crypto; no Netty or Spring.
 */
@NullMarked
package io.swimdiscovery.core.security;

import org.jspecify.annotations.NullMarked;
