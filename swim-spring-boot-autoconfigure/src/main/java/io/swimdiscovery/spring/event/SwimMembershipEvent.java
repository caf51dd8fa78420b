package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;
import org.springframework.context.ApplicationEvent;

/**
 * Base of the membership events published as Spring application events, in the order the node
 * decided them, from the node's listener thread (never its protocol thread). A slow
 * {@code @EventListener} delays later events, not the protocol.
 */
public abstract class SwimMembershipEvent extends ApplicationEvent {

    private final SwimMember member;

    private final transient MembershipEvent nodeEvent;

    protected SwimMembershipEvent(Object source, MembershipEvent nodeEvent) {
        super(source);
        this.member = SwimMember.of(nodeEvent.member());
        this.nodeEvent = nodeEvent;
    }

    /** The member after the change. */
    public SwimMember getMember() {
        return this.member;
    }

    /** The engine's event, for what the view leaves out (uid, engine time). */
    public MembershipEvent getNodeEvent() {
        return this.nodeEvent;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.member.name() + " " + this.member.status() + "]";
    }
}
