package io.camelonenet.health;

import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.gateway.GatewayStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster instance serves the meters it shares with a gateway under the same names, read from its devices. */
class ClusterMetersTest {

    @Test
    void should_serve_the_devices_refused_the_requests_refused_and_the_answers_dropped_as_a_gateway_does() {
        GatewayStatus owned = new GatewayStatus() {
            @Override
            public int configured() {
                return 3;
            }

            @Override
            public long online() {
                return 2;
            }

            @Override
            public List<String> deviceIds() {
                return List.of("d1", "d2", "d3");
            }

            @Override
            public boolean isConnected(String deviceId) {
                return !deviceId.equals("d3");
            }

            @Override
            public List<String> refused() {
                return List.of("d3");
            }

            @Override
            public long commandsRefused() {
                return 4;
            }

            @Override
            public long answersDropped() {
                return 5;
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMeters(owned, new ClusterStatus()).bindTo(registry);

        assertThat(registry.get("onenet.cluster.devices.owned").gauge().value()).isEqualTo(3);
        assertThat(registry.get("onenet.gateway.devices.online").gauge().value()).isEqualTo(2);
        assertThat(registry.get("onenet.gateway.devices.refused").gauge().value()).isEqualTo(1);
        assertThat(registry.get("onenet.gateway.commands.refused").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("onenet.answers.dropped").functionCounter().count()).isEqualTo(5);
    }
}
