package io.swimdiscovery.core.wire;

/**
 * Internal signal from deep inside the decoder; always caught at the codec's entry point and
 * turned into {@link DecodeResult.Rejected}. Carries no stack trace: bad packets are routine
 * (scans, other clusters) and must stay cheap.
 */
final class MalformedPacketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    MalformedPacketException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    DecodeResult.Rejected toResult() {
        String detail = getMessage();
        return new DecodeResult.Rejected(reason, detail == null ? "" : detail);
    }
}
