/**
 * The legacy {@code $dp} wire format, all seven types: {@link io.camelonenet.dp.DpCodec} over
 * {@link io.camelonenet.dp.DpEncoder} and {@link io.camelonenet.dp.DpDecoder}, sizes checked before anything is
 * allocated. No Camel, no MQTT (the data format is {@code io.camelonenet.route.OneNetDpDataFormat}).
 */
package io.camelonenet.dp;
