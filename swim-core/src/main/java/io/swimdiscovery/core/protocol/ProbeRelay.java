package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay side of an indirect probe (SWIM section 3.1, Lifeguard's nack): on a ping-req, ping
 * the target on the requester's behalf and pass its ack back, or tell the requester in time that
 * the target did not answer.
 *
 * <p>Only a member this node lists as live may ask, from its own host, and only about a member this
 * node lists as live, at the address this node has for it: a ping-req cannot make this node ping an
 * address of the sender's choosing. Answers go to the requester's packet source, never to an address in the packet.
 */
final class ProbeRelay {

    /** A ping this node sends on behalf of another member's ping-req. */
    record Relay(Address requester, long requesterSequence, long sequence) {}

    private final MemberTable table;
    private final Dissemination dissemination;
    private final Timers timers;
    private final EngineCounters counters;
    private final Sequences sequences;
    private final LocalMember local;
    private final boolean lifeguard;
    private final long nackAfterNanos;
    private final long forgetAfterNanos;
    private final Map<Long, Relay> relays = new HashMap<>();

    ProbeRelay(
            SwimSettings settings,
            MemberTable table,
            Dissemination dissemination,
            Timers timers,
            EngineCounters counters,
            Sequences sequences,
            LocalMember local) {
        this.table = table;
        this.dissemination = dissemination;
        this.timers = timers;
        this.counters = counters;
        this.sequences = sequences;
        this.local = local;
        this.lifeguard = settings.lifeguardEnabled();
        long period = settings.protocolPeriod().toNanos();
        long timeout = settings.probeTimeout().toNanos();
        // The requester asks at its probe timeout and waits for nacks until its period ends, so the
        // nack must leave within period - timeout of the ping-req (every member has the same
        // settings); 80% of the shorter of that and the timeout leaves room for the way back.
        this.nackAfterNanos = Math.min(timeout, period - timeout) * 8 / 10;
        this.forgetAfterNanos = period;
    }

    void onPingReq(PingReq req, Address from, long now, List<Directive> out) {
        MemberEntry asker = table.get(req.sender().name());
        MemberEntry target = table.get(req.target().name());
        // The asker must be a live member and the request must come from its host: the uid is no
        // secret (it travels in gossip), so naming a member is not being one.
        if (asker == null
                || !asker.id.equals(req.sender())
                || asker.status.isTerminal()
                || !NewsSource.sameHost(from, asker.id.address())
                || target == null
                || target.id.uid() != req.target().uid()
                || target.status.isTerminal()) {
            counters.reject(NewsRejection.UNKNOWN_RELAY_REQUEST);
            return;
        }
        Relay relay = new Relay(from, req.sequence(), sequences.next());
        relays.put(relay.sequence(), relay);
        out.add(dissemination.send(
                target.id.address(),
                new Ping(local.id().address(), relay.sequence(), target.id.uid(), List.of()),
                target.id));
        if (lifeguard) {
            timers.after(now, nackAfterNanos, new Timers.RelayNack(relay));
        }
        timers.after(now, forgetAfterNanos, new Timers.RelayExpiry(relay));
    }

    /** An ack for one of this node's relayed pings: passed back. Returns whether it was one. */
    boolean onAck(long sequence, List<Directive> out) {
        Relay relay = relays.remove(sequence);
        if (relay == null) {
            return false;
        }
        out.add(dissemination.send(relay.requester(), new Ack(relay.requesterSequence(), List.of()), null));
        return true;
    }

    void onNackDue(Timers.RelayNack t, List<Directive> out) {
        Relay relay = t.relay();
        if (relay.equals(relays.get(relay.sequence()))) {
            out.add(dissemination.send(relay.requester(), new Nack(relay.requesterSequence(), List.of()), null));
        }
    }

    void onExpiry(Timers.RelayExpiry t) {
        relays.remove(t.relay().sequence(), t.relay());
    }

    int inFlight() {
        return relays.size();
    }
}
