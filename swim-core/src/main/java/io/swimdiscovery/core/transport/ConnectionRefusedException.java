package io.swimdiscovery.core.transport;

import java.io.IOException;

/**
 * A stream could not be opened because nothing listens at the address: the peer's host answered
 * and refused the connection. Unlike a timeout, which a lossy or congested network also causes,
 * this says the process is not there, so the engine may act on it at once.
 */
public final class ConnectionRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ConnectionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
