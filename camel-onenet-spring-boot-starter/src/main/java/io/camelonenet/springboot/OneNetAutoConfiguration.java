package io.camelonenet.springboot;

import io.camelonenet.device.OneNetDeviceComponent;
import io.camelonenet.device.OneNetDeviceConfiguration;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code onenet} component of a Spring Boot application, its options bound from {@code camel.component.onenet.*}
 * (Boot's relaxed names: {@code broker-url}, {@code BROKER_URL} in the environment). The options are the component's
 * own class, bound as it is: no second list of them to keep in step, and the configuration processor writes the IDE
 * metadata from it. Camel finds the component as the bean named {@code onenet}; a bean of that name of the
 * application's replaces it. The devices' readiness checks and meters need nothing here: camel-spring-boot's health
 * indicator reads Camel's health checks, and the library binds its meters to every Micrometer registry.
 */
@AutoConfiguration(before = CamelAutoConfiguration.class)
public class OneNetAutoConfiguration {

    /** The prefix of the component's options, as camel-main and Camel's own starters use it. */
    public static final String PREFIX = "camel.component.onenet";

    @Bean
    @ConfigurationProperties(PREFIX)
    @ConditionalOnMissingBean
    public OneNetDeviceConfiguration onenetComponentConfiguration() {
        return new OneNetDeviceConfiguration();
    }

    @Bean(name = "onenet")
    @ConditionalOnMissingBean(name = "onenet")
    public OneNetDeviceComponent onenetComponent(OneNetDeviceConfiguration configuration) {
        OneNetDeviceComponent component = new OneNetDeviceComponent();
        component.setConfiguration(configuration);
        return component;
    }
}
