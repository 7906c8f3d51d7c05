package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionStore;

/**
 * One broker's services, taken while its extension starts. HiveMQ's extension SDK hands them out through one static
 * class ({@link Services}), which the broker that started last fills: an emulator that asked it later would reach
 * another emulator's broker once several run in one JVM. Brokers start one at a time ({@link EmbeddedBroker}), so
 * the services read during a start are that broker's.
 */
record BrokerServices(PublishService publish, ClientService clients, SubscriptionStore subscriptions) {

    static BrokerServices current() {
        return new BrokerServices(Services.publishService(), Services.clientService(), Services.subscriptionStore());
    }
}
