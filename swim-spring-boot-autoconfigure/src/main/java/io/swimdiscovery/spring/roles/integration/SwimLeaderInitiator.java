package io.swimdiscovery.spring.roles.integration;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.roles.SwimRoles;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * A leader initiator for Spring Integration's {@link Candidate} SPI on SWIM roles, in the place of
 * its ZooKeeper, Hazelcast or Kubernetes initiators: when this instance becomes primary of its
 * role group, every candidate's {@code onGranted} is called and an {@code OnGrantedEvent}
 * published; when it gives the role up, {@code onRevoked} and an {@code OnRevokedEvent}.
 *
 * <p>The candidates' callbacks run on a thread of their own ({@code swim-leader}), one at a time
 * and in the node's order, so a slow {@code onGranted} holds up neither the protocol nor other
 * membership events. All candidates follow this instance's one role group, whatever their
 * {@link Candidate#getRole() role} names: the role is passed through to the events unchanged.
 */
public class SwimLeaderInitiator implements MembershipListener, DisposableBean {

    private static final Log logger = LogFactory.getLog(SwimLeaderInitiator.class);

    private final SwimRoles roles;

    private final List<Candidate> candidates;

    private final LeaderEventPublisher publisher;

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "swim-leader");
        thread.setDaemon(true);
        return thread;
    });

    /** How long a yielding node claims nothing: long enough for the next in line to take over. */
    static final java.time.Duration YIELD_HOLD_OFF = java.time.Duration.ofSeconds(30);

    // Written on the callback thread only: the contexts of the grant in force, one per candidate.
    private volatile @Nullable List<SwimLeaderContext> granted;

    /**
     * @param roles this instance's role
     * @param candidates the candidates to drive
     * @param publisher where the leader events go
     */
    public SwimLeaderInitiator(SwimRoles roles, List<Candidate> candidates, LeaderEventPublisher publisher) {
        this.roles = roles;
        this.candidates = List.copyOf(candidates);
        this.publisher = publisher;
    }

    @Override
    public void onEvent(MembershipEvent event) {
        if (event instanceof MembershipEvent.PrimaryGranted grant) {
            submit(() -> granted(grant.token(), grant.member().id()));
        } else if (event instanceof MembershipEvent.PrimaryRevoked) {
            submit(this::revoked);
        }
    }

    private void submit(Runnable task) {
        try {
            this.callbacks.execute(task);
        } catch (RejectedExecutionException ex) {
            // Closing: the candidates were revoked when the callbacks stopped.
        }
    }

    private void granted(long token, MemberId holder) {
        revoked(); // a grant without the revocation of the one before it (a missed event) ends that one first
        List<SwimLeaderContext> contexts = this.candidates.stream()
                .map((candidate) -> new SwimLeaderContext(this.roles, candidate.getRole(), token, holder, this))
                .toList();
        this.granted = contexts;
        for (int i = 0; i < this.candidates.size(); i++) {
            Candidate candidate = this.candidates.get(i);
            SwimLeaderContext context = contexts.get(i);
            try {
                candidate.onGranted(context);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                logger.warn("Candidate " + candidate.getId() + " failed in onGranted: " + ex, ex);
            }
            this.publisher.publishOnGranted(this, context, candidate.getRole());
        }
    }

    private void revoked() {
        List<SwimLeaderContext> contexts = this.granted;
        if (contexts == null) {
            return;
        }
        this.granted = null;
        for (int i = 0; i < this.candidates.size(); i++) {
            Candidate candidate = this.candidates.get(i);
            SwimLeaderContext context = contexts.get(i);
            try {
                candidate.onRevoked(context);
            } catch (RuntimeException ex) {
                logger.warn("Candidate " + candidate.getId() + " failed in onRevoked: " + ex, ex);
            }
            this.publisher.publishOnRevoked(this, context, candidate.getRole());
        }
    }

    /**
     * Gives up the grant {@code token} (a candidate called {@code Context.yield()}): the node ends
     * its claim at once and claims nothing for one step-down period plus a hold, so the next member
     * in line takes over; the node stays in the cluster and in discovery. The revocation reaches the
     * candidates through the usual {@code PrimaryRevoked} event.
     */
    void yieldLeadership(long token) {
        if (this.roles.fencingToken() == token) {
            logger.info("A candidate yielded the primary role (token " + token + ")");
            this.roles.yieldRole(YIELD_HOLD_OFF);
        }
    }

    /** Whether a grant is in force for the candidates (their {@code onGranted} was called, not yet revoked). */
    public boolean isGranted() {
        return this.granted != null;
    }

    @Override
    public void destroy() throws InterruptedException {
        submit(this::revoked);
        this.callbacks.shutdown();
        this.callbacks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
