package io.camelonenet.connection;

/** Where a device connection stands; every change is logged. */
public enum ConnectionState {
    /** Created, not started. */
    NEW,
    /** Trying to log in. */
    CONNECTING,
    /** CONNACK 0 received: publishing is allowed. */
    CONNECTED,
    /** Lost or refused; a reconnect is scheduled. */
    DISCONNECTED,
    /** Closed on shutdown; never reconnects. */
    CLOSED
}
