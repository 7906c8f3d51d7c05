package io.camelonenet.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with a OneNET device: see {@link MeterRoutes}. */
@SpringBootApplication
public class MeterApplication {

    public static void main(String[] args) {
        SpringApplication.run(MeterApplication.class, args);
    }
}
