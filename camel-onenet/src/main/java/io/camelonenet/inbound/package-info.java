/**
 * What comes in from outside before it is trusted: requests of the platform, records from Kafka, files an operator
 * wrote. {@link io.camelonenet.inbound.InboundBudget} bounds the work waiting for a worker in bytes (the parsed size,
 * {@link io.camelonenet.inbound.ParsedSize}) as well as in count, so that a burst is refused at once instead of
 * exhausting the heap; {@link io.camelonenet.inbound.LogText} makes such text safe to log or repeat in an error; and
 * {@link io.camelonenet.inbound.RepeatedWarning} logs a refusal that repeats once per interval, with a count.
 */
package io.camelonenet.inbound;
