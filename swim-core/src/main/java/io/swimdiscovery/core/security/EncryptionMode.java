package io.swimdiscovery.core.security;

/** How a node treats encryption of its packets. */
public enum EncryptionMode {
    /**
     * No keys: packets are sent in plaintext (CRC32C-checked) and sealed packets are rejected. Once
     * keys are installed, sealed packets that open are accepted too (still sending plaintext), so
     * encryption can be turned on without losing packets: install the key on every node, then
     * switch them to {@link #ROLLOUT}, then to {@link #REQUIRED}.
     */
    NONE,
    /**
     * Rollout: send sealed, accept both sealed and plaintext. Used while turning encryption on (or
     * off) in a running cluster, one node at a time.
     */
    ROLLOUT,
    /** Send sealed, accept only packets that open with an installed key. */
    REQUIRED
}
