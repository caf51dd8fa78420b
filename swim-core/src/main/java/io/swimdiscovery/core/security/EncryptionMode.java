package io.swimdiscovery.core.security;

/** How a node treats encryption of its packets. */
public enum EncryptionMode {
    /** No keys: packets are sent in plaintext (CRC32C-checked) and sealed packets are rejected. */
    NONE,
    /**
     * Rollout: send sealed, accept both sealed and plaintext. Used while turning encryption on (or
     * off) in a running cluster, one node at a time.
     */
    ROLLOUT,
    /** Send sealed, accept only packets that open with an installed key. */
    REQUIRED
}
