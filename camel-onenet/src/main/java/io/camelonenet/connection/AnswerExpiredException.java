package io.camelonenet.connection;

import io.camelonenet.inbound.LogText;

/**
 * An answer to a platform request that was not sent: the platform had stopped waiting for it (its deadline passed
 * while it waited for the connection's rate), or too many answers were waiting already. Sending it late would only be
 * refused by the platform, and would spend the rate that fresher answers and readings need. Nothing was sent.
 */
public class AnswerExpiredException extends RuntimeException implements NothingSent {

    public AnswerExpiredException(String topic, String why) {
        super("answer on " + LogText.of(topic) + " not sent: " + why);
    }
}
