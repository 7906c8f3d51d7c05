package io.camelonenet.connection;

/** Where a device connection stands; every change is logged. */
public enum ConnectionState {
    /** Created and not started, or handed over to another cluster instance ({@code suspend()}): not connecting. */
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
