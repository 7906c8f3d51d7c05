/**
 * The beans the YAML routes call, as thin adapters from exchanges to the parts that do the work: the sensor, the
 * datapoint JSON and {@code $dp} framing, the command acceptor, the downlink's admission, the dead letters, the
 * current platform's posts and thing model; and the {@code onenet-dp} data format.
 */
package io.camelonenet.route;
