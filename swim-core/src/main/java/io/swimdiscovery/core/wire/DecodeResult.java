package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Message;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of decoding one packet: the messages it held, or why it was dropped. Decoding never
 * throws, so the event loop handles bad input as an ordinary, countable value.
 */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /** The packet was well formed; {@code messages} is never empty (one, or a compound's). */
    record Decoded(List<Message> messages) implements DecodeResult {
        public Decoded {
            messages = List.copyOf(messages);
        }
    }

    /** The packet was dropped; {@code detail} says what was wrong, for a debug log line. */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
