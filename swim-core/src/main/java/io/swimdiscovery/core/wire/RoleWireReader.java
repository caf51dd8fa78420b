package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.Message;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the bodies of the two role messages, {@code RoleHeartbeat} and {@code RoleEcho}
 * (docs/roles.md), with a {@link WireReader}'s bounded primitives. Apart from the reader because
 * these fields (tokens, rounds, base versions, the base's seat names) belong to the role protocol
 * alone; the same bounds apply: a value above 2^63-1, an unknown flag or a base over
 * {@link WireLimits#MAX_ROLE_BASE} seats rejects the packet.
 */
final class RoleWireReader {

    private RoleWireReader() {}

    static Message heartbeat(WireReader r) {
        MemberId sender = r.memberId();
        String group = r.string(WireLimits.MAX_STRING_BYTES, false, "role group");
        long token = nonNegative(r, "role token");
        long round = nonNegative(r, "role round");
        long epoch = nonNegative(r, "role base epoch");
        long seq = nonNegative(r, "role base seq");
        int flags = flags(r, WireFormat.ROLE_RELEASE | WireFormat.ROLE_FORMING);
        return new Message.RoleHeartbeat(
                sender,
                group,
                token,
                round,
                epoch,
                seq,
                base(r),
                (flags & WireFormat.ROLE_RELEASE) != 0,
                (flags & WireFormat.ROLE_FORMING) != 0);
    }

    static Message echo(WireReader r) {
        MemberId sender = r.memberId();
        String group = r.string(WireLimits.MAX_STRING_BYTES, false, "role group");
        long token = nonNegative(r, "role token");
        long round = nonNegative(r, "role round");
        int flags = flags(r, WireFormat.ROLE_ENDORSED);
        long maxToken = nonNegative(r, "role max token");
        long epoch = nonNegative(r, "role base epoch");
        long seq = nonNegative(r, "role base seq");
        return new Message.RoleEcho(
                sender, group, token, round, (flags & WireFormat.ROLE_ENDORSED) != 0, maxToken, epoch, seq, base(r));
    }

    private static long nonNegative(WireReader r, String what) {
        long v = r.varint(what);
        if (v < 0) {
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, what + " above 2^63-1");
        }
        return v;
    }

    private static int flags(WireReader r, int known) {
        int flags = r.u8("role flags");
        if ((flags & ~known) != 0) {
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, String.format("role flags 0x%02x", flags));
        }
        return flags;
    }

    private static List<String> base(WireReader r) {
        int n = r.count(WireLimits.MAX_ROLE_BASE, 2, "role base size");
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = r.string(WireLimits.MAX_STRING_BYTES, false, "role base member");
        }
        return Arrays.asList(names);
    }
}
