package io.swimdiscovery.core.protocol;

/**
 * This node's promise as an endorser (docs/roles.md): it endorses at most one claimant at a time,
 * and once it endorsed one it endorses no other until {@code holdNanos} after its last answer to
 * that one, on its own clock. The hold is longer than any claim can last after the round it
 * answered, whatever the drift between the two clocks, so the endorsement a claim counts on can
 * never count for another claim at the same instant.
 *
 * <p>Tokens only grow: a claimant with a token this node already endorsed (or a lower one) is
 * refused, except the same claimant renewing its own token after a lapse, which no one else can
 * have got in between (it would have needed a higher token).
 */
final class RoleEndorsement {

    private final long holdNanos;
    // A fresh process knows nothing of the endorsements an earlier process under its name gave:
    // it waits one hold before it endorses anyone, so the seat cannot count for two claims.
    private final long firstEndorsementAt;
    private long boundUid;
    private long boundToken;
    private long boundUntil = Long.MIN_VALUE;
    private long maxToken;
    private long lastEndorsedUid;
    // The claimant this node last endorsed, until it is released or seen gone: while it may be
    // alive, only it may claim again.
    private long lastPrimary;

    RoleEndorsement(long holdNanos, long startedAt) {
        this.holdNanos = holdNanos;
        this.firstEndorsementAt = Timers.plus(startedAt, holdNanos);
    }

    /** Whether this node is bound to no claimant other than {@code self}. */
    boolean isFree(long self, long now) {
        return now >= firstEndorsementAt && (boundUid == 0 || boundUid == self || now >= boundUntil);
    }

    /** When the current binding (or the first hold of a fresh process) runs out. */
    long freeAt() {
        return Math.max(boundUntil, firstEndorsementAt);
    }

    /** Endorses {@code uid}'s claim of {@code token} if the promise allows; returns whether it did. */
    boolean tryEndorse(long uid, long token, long now) {
        boolean bound = boundUid != 0 && now < boundUntil;
        boolean allowed;
        if (now < firstEndorsementAt) {
            allowed = false;
        } else if (bound && boundUid == uid && boundToken == token) {
            allowed = true; // renewal
        } else if (bound && boundUid != uid) {
            allowed = false; // promised to another until the hold runs out
        } else {
            allowed = token > maxToken || (token == maxToken && uid == lastEndorsedUid);
        }
        if (allowed) {
            boundUid = uid;
            boundToken = token;
            boundUntil = Timers.plus(now, holdNanos);
            maxToken = Math.max(maxToken, token);
            lastEndorsedUid = uid;
            lastPrimary = uid;
        }
        return allowed;
    }

    /** This node ended its own claim: its own endorsement needs no hold (it knows it is not acting). */
    void releaseSelf(long self) {
        if (boundUid == self) {
            boundUid = 0;
            boundUntil = Long.MIN_VALUE;
        }
    }

    /**
     * {@code uid} gave up its claim of {@code token} (a graceful hand-over): it ended the claim
     * before it said so, so this node is free at once. A release of another token (a delayed
     * packet of an older claim) frees nothing.
     */
    void released(long uid, long token) {
        if (boundUid == uid && boundToken == token) {
            boundUid = 0;
            boundUntil = Long.MIN_VALUE;
        }
        if (lastPrimary == uid && lastEndorsedUid == uid && boundUid != uid) {
            lastPrimary = 0;
        }
    }

    /** The claimant this node endorses now, or 0. */
    long currentPrimary(long now) {
        return boundUid != 0 && now < boundUntil ? boundUid : 0;
    }

    long token() {
        return boundToken;
    }

    long maxToken() {
        return maxToken;
    }

    long lastPrimary() {
        return lastPrimary;
    }
}
