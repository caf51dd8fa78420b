package io.swimdiscovery.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Where a piece of news came from, which decides how far it is believed. Only a member speaks for
 * itself: news that only member X may issue (a new uid, a higher incarnation, a leave) is taken
 * at once only when X itself sent it; from anyone else it is a claim to verify with X first.
 *
 * @param sender the member the message names as its sender, if it names one
 * @param senderOnItsHost whether the packet or connection came from the host the sender
 *     advertises, so news about the sender itself is the sender's own word
 * @param answeredBy the member whose answer to this node's own ping carried the news (the ping
 *     went to its address with a random sequence number, so only the process there could answer)
 * @param sync whether the news is part of a full-state sync (not an independent observation)
 * @param verifiedClaim whether this is a claim {@link ClaimVerifier} has finished checking
 * @param from the packet's source (null for engine-made news): news about the member that
 *     advertises exactly this address (host and port, so it came from that member's own socket)
 *     is that member's word, whatever message carries it
 */
record NewsSource(
        @Nullable MemberId sender,
        boolean senderOnItsHost,
        @Nullable MemberId answeredBy,
        boolean sync,
        boolean verifiedClaim,
        @Nullable Address from) {

    /** News the engine itself decided, or a silent preload. */
    static final NewsSource LOCAL = new NewsSource(null, false, null, false, true, null);

    /** A claim its subject has confirmed. */
    static NewsSource verifiedBy(MemberId subject) {
        return new NewsSource(null, false, subject, false, true, null);
    }

    /** News in a message from {@code from}, naming {@code sender} (or null). */
    static NewsSource of(Address from, @Nullable MemberId sender, boolean sync) {
        return new NewsSource(sender, sender != null && sameHost(from, sender.address()), null, sync, false, from);
    }

    /** News in an answer, from {@code from}, to this node's own ping of {@code pinged}. */
    static NewsSource answerFrom(MemberId pinged, Address from) {
        return new NewsSource(null, false, pinged, false, false, from);
    }

    /** Whether this is the word of the member {@code subject} itself (same name, address host and uid). */
    boolean speaksFor(MemberId subject) {
        if (this.equals(LOCAL)) {
            return true;
        }
        if (answeredBy != null
                && answeredBy.name().equals(subject.name())
                && answeredBy.address().equals(subject.address())) {
            return true;
        }
        if (from != null && from.equals(subject.address())) {
            return true; // sent from the subject's own socket (a datagram; a stream's port is ephemeral)
        }
        return sender != null && senderOnItsHost && sender.equals(subject);
    }

    /**
     * Whether a member this node knows (listed in any status, or remembered as failed: the other
     * side of a healed partition) sent it from its own host: enough to tell this node it was
     * declared dead. A stranger's word on that is only a suspicion.
     */
    boolean fromKnownMember(MemberTable table, FailedMembers failed) {
        MemberId who = answeredBy != null ? answeredBy : (senderOnItsHost ? sender : null);
        if (who == null) {
            return false;
        }
        MemberEntry e = table.get(who.name());
        return (e != null && e.id.equals(who)) || failed.isDead(who);
    }

    /** Whether two hosts may be the same machine; a host name (not an IP literal) cannot be checked here, so it passes. */
    static boolean sameHost(Address a, Address b) {
        String x = a.host();
        String y = b.host();
        return x.equalsIgnoreCase(y) || !isIpLiteral(x) || !isIpLiteral(y);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
