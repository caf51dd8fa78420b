package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Takes one peer message apart: merges the gossip it carries, with the {@link NewsSource} that
 * says whose word each piece is, then hands the message itself to the part it is for (a ping to
 * {@link PingAnswers}, an ack or nack to the probe it answers, a ping-req to {@link ProbeRelay}, a
 * sync to {@link AntiEntropy}, a role message to {@link RoleElection}). Apart from
 * {@link SwimInstance} so the façade keeps the checks every input shares, and the routing by
 * message type is in one place.
 */
final class MessageDispatch {

    private final Dissemination dissemination;
    private final Membership membership;
    private final FailureDetector detector;
    private final ProbeRelay relay;
    private final ClaimVerifier verifier;
    private final AntiEntropy antiEntropy;
    private final PingAnswers answers;
    private final RoleElection roles;
    private final LocalMember local;

    MessageDispatch(
            Dissemination dissemination,
            Membership membership,
            FailureDetector detector,
            ProbeRelay relay,
            ClaimVerifier verifier,
            AntiEntropy antiEntropy,
            PingAnswers answers,
            RoleElection roles,
            LocalMember local) {
        this.dissemination = dissemination;
        this.membership = membership;
        this.detector = detector;
        this.relay = relay;
        this.verifier = verifier;
        this.antiEntropy = antiEntropy;
        this.answers = answers;
        this.roles = roles;
        this.local = local;
    }

    /**
     * Merges the message's gossip and acts on the message.
     *
     * @param from where it came from: answers go there
     * @param sender the sender the message names, if it names one
     */
    void dispatch(Address from, Message message, @Nullable MemberId sender, long now, List<Directive> out) {
        NewsSource source = sourceOf(message, from, sender);
        boolean correct = false;
        boolean fullState = message instanceof Sync;
        if (fullState) {
            dissemination.beginSyncMerge(); // a whole view: only part of it is re-gossiped
        }
        try {
            for (Gossip g : message.gossip()) {
                correct |= membership.merge(g, source, true, now, out);
            }
        } finally {
            dissemination.endSyncMerge();
        }
        if (message instanceof Ping ping) {
            answers.answer(ping, from, correct, out);
        } else if (message instanceof Ack ack) {
            if (!detector.onAck(ack.sequence(), now) && !relay.onAck(ack.sequence(), out)) {
                verifier.onAck(ack.sequence(), ack.gossip(), now, out);
            }
        } else if (message instanceof PingReq req) {
            if (!local.isDone()) {
                relay.onPingReq(req, from, now, out);
            }
        } else if (message instanceof Nack nack) {
            if (!detector.onNack(nack.sequence(), from, now, out)) {
                verifier.onNotThere(nack.sequence(), now, out);
            }
        } else if (message instanceof Sync sync) {
            antiEntropy.onSync(sync, from, now, out);
        } else if (message instanceof SyncDigest digest) {
            antiEntropy.onSyncDigest(digest, from, out);
        } else if (message instanceof Message.RoleHeartbeat h) {
            roles.onHeartbeat(from, h, now, out);
        } else if (message instanceof Message.RoleEcho e) {
            roles.onEcho(from, e, now, out);
        }
    }

    private NewsSource sourceOf(Message message, Address from, @Nullable MemberId sender) {
        long sequence;
        if (message instanceof Ack a) {
            sequence = a.sequence();
        } else if (message instanceof Nack n) {
            sequence = n.sequence();
        } else {
            return NewsSource.of(from, sender, message instanceof Sync);
        }
        MemberId answering = detector.answeringTarget(sequence, from);
        if (answering == null) {
            answering = verifier.pingedFor(sequence);
        }
        return answering != null ? NewsSource.answerFrom(answering, from) : NewsSource.of(from, null, false);
    }
}
