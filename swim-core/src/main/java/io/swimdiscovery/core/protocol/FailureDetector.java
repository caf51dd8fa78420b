package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The probe cycle (SWIM section 3.1, Lifeguard IV.A): one member per protocol period, taken from a
 * shuffled round-robin order, pinged; no ack by the probe timeout, ask k others to ping it (and
 * ping it once more over a stream); no ack by the end of the period, suspect it. Probe timeout and
 * period are scaled by the local health multiplier.
 *
 * <p>Two answers end a probe early with the stronger kind of evidence, that the process is gone:
 * another process answers at the target's address (a nack from the address itself: "not me"), or
 * the target's host refuses the stream ping and no relay acks the probe within a short grace. The
 * suspicion this raises ends after {@link SwimSettings#goneSuspicionTimeout()} at this node
 * instead of the pause-tolerant silence timeout (see {@link Suspicions}). A relay's ack always wins:
 * a refusal never beats an ack of the same probe.
 */
final class FailureDetector {

    /** The probe of the current protocol period. */
    private static final class Probe {
        final MemberId target;
        final long sequence;
        final long sentAt;
        final long timeoutAt;
        boolean indirectSent;
        boolean acked;
        /** Suspected before the period ended, on evidence that the process is gone. */
        boolean suspected;

        long refusedAt = -1;
        int expectedNacks;
        int nacks;

        Probe(MemberId target, long sequence, long sentAt, long timeoutAt) {
            this.target = target;
            this.sequence = sequence;
            this.sentAt = sentAt;
            this.timeoutAt = timeoutAt;
        }
    }

    private final SwimSettings settings;
    private final MemberTable table;
    private final ProbeSchedule schedule;
    private final Dissemination dissemination;
    private final Membership membership;
    private final Suspicions suspicions;
    private final LocalHealth health;
    private final EngineCounters counters;
    private final Sequences sequences;
    private final LocalMember local;
    private final RandomGenerator random;
    private final long periodNanos;
    private final long probeTimeoutNanos;
    private final long refusalGraceNanos;
    private @Nullable Probe probe;
    private long nextProbeAt;

    FailureDetector(
            SwimSettings settings,
            MemberTable table,
            ProbeSchedule schedule,
            Dissemination dissemination,
            Membership membership,
            Suspicions suspicions,
            LocalHealth health,
            EngineCounters counters,
            Sequences sequences,
            LocalMember local,
            RandomGenerator random) {
        this.settings = settings;
        this.table = table;
        this.schedule = schedule;
        this.dissemination = dissemination;
        this.membership = membership;
        this.suspicions = suspicions;
        this.health = health;
        this.counters = counters;
        this.sequences = sequences;
        this.local = local;
        this.random = random;
        this.periodNanos = settings.protocolPeriod().toNanos();
        this.probeTimeoutNanos = settings.probeTimeout().toNanos();
        // After a refusal, relays' acks could still come: they ping at our timeout and answer within a
        // few round trips. Half the time left after the timeout is ample on any network the timeout fits.
        this.refusalGraceNanos = (periodNanos - probeTimeoutNanos) / 2;
    }

    /** Starts the cycle with a random offset, so members started together do not probe in step. */
    void start(long now) {
        nextProbeAt = now + (periodNanos <= 1 ? 0 : random.nextLong(periodNanos));
    }

    void stop() {
        probe = null;
        nextProbeAt = Long.MAX_VALUE;
    }

    void tick(long now, List<Directive> out) {
        Probe p = probe;
        if (p != null && !p.acked && !p.indirectSent && now >= p.timeoutAt) {
            sendIndirect(p, out);
        }
        if (p != null) {
            concludeRefusal(p, now, out);
        }
        if (now < nextProbeAt) {
            return;
        }
        if (p != null && !p.acked) {
            failed(p, now, out);
        }
        probe = null;
        MemberEntry target = schedule.next(this::isProbeable);
        if (target != null) {
            long sequence = sequences.next();
            probe = new Probe(target.id, sequence, now, Timers.plus(now, health.scale(probeTimeoutNanos)));
            counters.probes++;
            out.add(dissemination.send(
                    target.id.address(),
                    new Ping(local.id().address(), sequence, target.id.uid(), List.of()),
                    target.id));
        }
        nextProbeAt = Timers.plus(now, health.scale(periodNanos));
    }

    private boolean isProbeable(MemberEntry e) {
        // An entry replaced by a newer uid's entry is no longer in the table.
        return !e.status.isTerminal() && table.get(e.id.name()) == e;
    }

    private void sendIndirect(Probe p, List<Directive> out) {
        p.indirectSent = true;
        // Beside the relays, a ping over a stream (memberlist does the same): the stream retransmits
        // what a lossy link drops, so a live target on a bad link still answers. It carries the
        // suspicion if there is one (buddy system) and its answer carries gossip, as a datagram's would.
        Ping reliable = new Ping(local.id().address(), p.sequence, p.target.uid(), List.of(), true);
        out.add(new Directive.SendReliable(p.target.address(), dissemination.piggyback(reliable, p.target, null)));
        List<MemberEntry> chosen = table.randomLive(settings.indirectProbes() + 1, p.target.name(), random);
        int asked = 0;
        for (MemberEntry relay : chosen) {
            if (asked == settings.indirectProbes()) {
                break;
            }
            if (relay.status != MemberStatus.ALIVE) {
                continue; // a suspect relay would likely not answer; its silence proves nothing
            }
            out.add(dissemination.send(
                    relay.id.address(), new PingReq(local.id(), p.sequence, p.target, List.of()), null));
            asked++;
        }
        p.expectedNacks = settings.lifeguardEnabled() ? asked : 0;
    }

    private void failed(Probe p, long now, List<Directive> out) {
        counters.probesFailed++;
        // Lifeguard: if relays were asked and answered with nacks, the target is the problem, not
        // us. Missing nacks (or no relays at all) point at our own network or CPU.
        if (p.expectedNacks > 0) {
            health.apply(LocalHealth.Event.MISSED_NACK, p.expectedNacks - Math.min(p.nacks, p.expectedNacks));
        } else {
            health.apply(LocalHealth.Event.FAILED_PROBE);
        }
        if (!p.suspected) {
            suspect(p, false, now, out);
        }
    }

    /** Raises the suspicion a failed probe means (a confirmation if the target is suspect already). */
    private void suspect(Probe p, boolean gone, long now, List<Directive> out) {
        MemberEntry e = table.get(p.target.name());
        if (e == null || !e.id.equals(p.target) || e.status.isTerminal()) {
            return;
        }
        if (e.status == MemberStatus.ALIVE) {
            counters.suspicionsRaised++;
        }
        membership.merge(
                new Gossip(e.id, MemberStatus.SUSPECT, e.incarnation, e.metadata, local.name()),
                NewsSource.LOCAL,
                true,
                now,
                out);
        if (gone) {
            suspicions.processGone(e, now);
        }
    }

    /** The target of this period's probe, if {@code sequence} is its and the answer came from its host. */
    @Nullable
    MemberId answeringTarget(long sequence, Address from) {
        Probe p = probe;
        return p != null && p.sequence == sequence && NewsSource.sameHost(from, p.target.address()) ? p.target : null;
    }

    /** An ack of this period's probe, direct or relayed. Returns whether it was one. */
    boolean onAck(long sequence, long now) {
        Probe p = probe;
        if (p == null || sequence != p.sequence) {
            return false;
        }
        if (!p.acked) {
            p.acked = true;
            if (!p.indirectSent) {
                // No relay was asked yet, so the answer can only be the target's own.
                counters.probesAcked++;
                counters.lastProbeRttNanos = now - p.sentAt;
                counters.probeRttTotalNanos += counters.lastProbeRttNanos;
            } else {
                counters.probesAckedIndirectly++;
            }
            health.apply(LocalHealth.Event.SUCCESSFUL_PROBE);
        }
        return true;
    }

    /**
     * A nack for this period's probe: from a relay, Lifeguard's word that it is alive; from the
     * target's own address, another process answering there (the target's uid is gone).
     */
    boolean onNack(long sequence, Address from, long now, List<Directive> out) {
        Probe p = probe;
        if (p == null || sequence != p.sequence) {
            return false;
        }
        if (from.equals(p.target.address())) {
            if (!p.acked && !p.suspected) {
                p.suspected = true;
                suspect(p, true, now, out);
            }
        } else {
            p.nacks++;
            counters.nacksReceived++;
            concludeRefusal(p, now, out);
        }
        return true;
    }

    /** The stream ping of this period's probe was refused: nothing listens at the target's port. */
    void onRefused(Message message, long now, List<Directive> out) {
        Probe p = probe;
        if (message instanceof Ping ping
                && ping.reliable()
                && p != null
                && ping.sequence() == p.sequence
                && p.refusedAt < 0) {
            p.refusedAt = now;
            concludeRefusal(p, now, out);
        }
    }

    /** After a refusal: suspect once every relay has nacked, or the grace for their acks is over. */
    private void concludeRefusal(Probe p, long now, List<Directive> out) {
        if (p.refusedAt >= 0
                && !p.acked
                && !p.suspected
                && (p.nacks >= p.expectedNacks || now >= p.refusedAt + refusalGraceNanos)) {
            p.suspected = true;
            suspect(p, true, now, out);
        }
    }

    long nextDueAt() {
        long next = nextProbeAt;
        Probe p = probe;
        if (p != null && !p.acked) {
            if (!p.indirectSent) {
                next = Math.min(next, p.timeoutAt);
            }
            if (p.refusedAt >= 0 && !p.suspected) {
                next = Math.min(next, p.refusedAt + refusalGraceNanos);
            }
        }
        return next;
    }
}
