package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberLeft;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberRecovered;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberUnreachable;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberUpdated;
import java.util.List;

/** The event a user sees for each change of an entry, in the order the engine decided it. */
final class MembershipEvents {

    private MembershipEvents() {}

    /**
     * Publishes what changed of {@code e}: a status change from {@code previous}, and a metadata
     * change when the member is still live.
     *
     * @param selfName this node's name: a suspicion whose origin it is was raised here
     */
    static void announce(
            MemberEntry e,
            MemberStatus previous,
            boolean metadataChanged,
            Member before,
            String selfName,
            List<Directive> out) {
        Member now = e.snapshot();
        MemberStatus status = e.status;
        if (status == previous) {
            if (metadataChanged && !status.isTerminal()) {
                out.add(publish(new MemberUpdated(now, before)));
            }
            return;
        }
        if (previous.isTerminal()) {
            return; // dead and left are final: a later status of that uid is never shown (see Precedence)
        }
        switch (status) {
            case ALIVE -> {
                out.add(publish(new MemberRecovered(now)));
                if (metadataChanged) {
                    out.add(publish(new MemberUpdated(now, before)));
                }
            }
            case SUSPECT -> {
                String origin = e.suspicion == null ? null : e.suspicion.origin();
                out.add(publish(new MemberSuspected(now, selfName.equals(origin))));
            }
            case UNREACHABLE -> out.add(publish(new MemberUnreachable(now)));
            case DEAD -> out.add(publish(new MemberFailed(now)));
            case LEFT -> out.add(publish(new MemberLeft(now)));
        }
    }

    /** The event for a member this node now lists for the first time (under this uid). */
    static Directive joined(MemberEntry e) {
        return publish(new MemberJoined(e.snapshot()));
    }

    private static Directive publish(MembershipEvent event) {
        return new Directive.Publish(event);
    }
}
