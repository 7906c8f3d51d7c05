package io.camelonenet.connection;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.paho.PahoConsumer;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * Whether a route's camel-paho consumer still takes messages from a shared client. The consumer knows its client only
 * while it runs (it forgets it when it stops), but it leaves its callback on the client, which it never owned: that is
 * why {@link SharedDeviceClient} asks here before it hands a message on.
 */
final class PahoConsumers {

    private PahoConsumers() {
    }

    /** {@code true} while a paho consumer of {@code context} uses {@code client} and is starting or started. */
    static boolean running(CamelContext context, MqttClient client) {
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof PahoConsumer paho && paho.getClient() == client) {
                return paho.isRunAllowed();
            }
        }
        return false;
    }
}
