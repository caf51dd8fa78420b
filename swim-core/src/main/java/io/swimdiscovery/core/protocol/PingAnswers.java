package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How this member answers a ping: an ack to the datagram's source (or, for a stream ping, over a
 * stream to the prober's port on the connection's own host), a "not me" nack when the ping is for
 * another uid, and in either case first the news the prober most needs: this member's own record
 * if the ping carried other news about it, or its death if the prober is a uid this member holds
 * dead.
 */
final class PingAnswers {

    private final LocalMember local;
    private final FailedMembers failed;
    private final Dissemination dissemination;
    private final EngineCounters counters;

    PingAnswers(LocalMember local, FailedMembers failed, Dissemination dissemination, EngineCounters counters) {
        this.local = local;
        this.failed = failed;
        this.dissemination = dissemination;
        this.counters = counters;
    }

    /**
     * @param correct whether the ping carried news about this member that differs from its record
     */
    void answer(Ping ping, Address from, boolean correct, List<Directive> out) {
        if (local.isDone()) {
            return;
        }
        if (ping.targetUid() != local.id().uid()) {
            // Meant for another process: a previous start of ours, or a member that used to have this
            // address. "Not me", from this address: the prober learns that uid is gone at once. Our
            // own record goes along only if the ping carried gossip, so a spoofed source gets no more
            // bytes than it sent.
            boolean fits = !ping.gossip().isEmpty();
            reply(ping, from, new Nack(ping.sequence(), fits ? List.of(local.record()) : List.of()), out);
            return;
        }
        @Nullable Gossip first = correct ? local.record() : null;
        MemberId deadPinger = first == null ? failed.candidateAt(from) : null;
        if (deadPinger != null) {
            // A uid this node holds dead probes it: it is alive behind a healed partition and has not
            // heard. Tell it first thing, so it rejoins instead of waiting for a sync across.
            first = new Gossip(deadPinger, MemberStatus.DEAD, 0, Map.of(), null);
        }
        reply(ping, from, dissemination.piggyback(new Ack(ping.sequence(), List.of()), null, first), out);
    }

    private void reply(Ping ping, Address from, Message answer, List<Directive> out) {
        if (!ping.reliable()) {
            out.add(new Directive.Send(from, answer));
        } else if (NewsSource.sameHost(from, ping.replyTo())) {
            out.add(new Directive.SendReliable(ping.replyTo(), answer));
        } else {
            counters.reject(NewsRejection.REPLY_HOST_MISMATCH);
        }
    }
}
