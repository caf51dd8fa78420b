package io.swimdiscovery.core.wire;

/**
 * Why a packet was dropped. Each value is counted under its {@link #label()} (metrics, node
 * statistics); docs/wire-format.md section 8 lists the causes.
 */
public enum RejectReason {
    TRUNCATED("truncated"),
    TOO_LARGE("too-large"),
    BAD_MAGIC("bad-magic"),
    UNKNOWN_VERSION("unknown-version"),
    UNKNOWN_FLAGS("unknown-flags"),
    UNKNOWN_TYPE("unknown-type"),
    BAD_CRC("bad-crc"),
    CLUSTER_MISMATCH("cluster-mismatch"),
    PLAINTEXT_REFUSED("plaintext-refused"),
    SEALED_REFUSED("sealed-refused"),
    DECRYPT_FAILED("decrypt-failed"),
    BAD_VARINT("bad-varint"),
    BAD_STRING("bad-string"),
    LIMIT_EXCEEDED("limit-exceeded"),
    INVALID_FIELD("invalid-field"),
    TRAILING_BYTES("trailing-bytes"),
    /**
     * An unexpected exception inside the decoder, caught so it never reaches the event loop. A
     * bug in the codec: the fuzz test fails on it.
     */
    CODEC_BUG("codec-bug");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** Kebab-case name used as a metric tag and in logs, e.g. {@code bad-crc}. */
    public String label() {
        return label;
    }
}
