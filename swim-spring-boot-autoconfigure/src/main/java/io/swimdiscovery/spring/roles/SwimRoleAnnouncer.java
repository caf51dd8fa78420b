package io.swimdiscovery.spring.roles;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Announces this instance's role as metadata ({@link SwimMetadata#ROLE} = {@code primary} or
 * {@code secondary}, with {@link SwimMetadata#ROLE_TOKEN}), so clients can route to the primary.
 *
 * <p>New metadata raises the incarnation and waits for the protocol thread to take it, so it is
 * written on a thread of its own ({@code swim-role-metadata}), never on the node's listener thread:
 * later events are not held up. Changes that come faster than they are written are coalesced;
 * the last one wins.
 */
public class SwimRoleAnnouncer implements MembershipListener, DisposableBean {

    private static final Log logger = LogFactory.getLog(SwimRoleAnnouncer.class);

    private record Role(String name, long token) {}

    private final SwimRegistration registration;

    private final AtomicReference<@Nullable Role> pending = new AtomicReference<>();

    private final ExecutorService writer = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "swim-role-metadata");
        thread.setDaemon(true);
        return thread;
    });

    /** @param registration this instance; each new node starts it as secondary ({@code SwimNodeFactory}) */
    public SwimRoleAnnouncer(SwimRegistration registration) {
        this.registration = registration;
    }

    @Override
    public void onEvent(MembershipEvent event) {
        if (event instanceof MembershipEvent.PrimaryGranted granted) {
            announce(new Role(SwimMetadata.ROLE_PRIMARY, granted.token()));
        } else if (event instanceof MembershipEvent.PrimaryRevoked) {
            announce(new Role(SwimMetadata.ROLE_SECONDARY, 0));
        }
    }

    private void announce(Role role) {
        if (this.pending.getAndSet(role) != null) {
            return; // a write is queued already and will take this one
        }
        try {
            this.writer.execute(this::write);
        } catch (RejectedExecutionException ex) {
            // Shutting down: the node leaves, and its metadata with it.
        }
    }

    private void write() {
        Role role = this.pending.getAndSet(null);
        if (role == null) {
            return;
        }
        try {
            this.registration.setRole(role.name(), role.token());
        } catch (RuntimeException ex) {
            logger.warn("Could not announce role " + role.name() + " in the SWIM metadata: " + ex.getMessage());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        this.writer.shutdown();
        this.writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
