package io.camelonenet.datapoint;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson's data binding, shared and made on first use. Creating the first {@code ObjectMapper} loads a few hundred
 * classes (about 0.2 s on a small machine, found by profiling the app's start-up); beans that hold one from their
 * constructor put that before the first reading even when no value needs it. A mapper is thread-safe once built.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /** Jackson's defaults. */
    public static ObjectMapper plain() {
        return Plain.MAPPER;
    }

    /** Doubles written with Jackson's fast (Schubfach) writer: see {@link DatapointJsonWriter#fastMapper()}. */
    public static ObjectMapper fast() {
        return Fast.MAPPER;
    }

    // holder classes: the JVM initialises each on first access, once, thread-safely
    private static final class Plain {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final class Fast {
        static final ObjectMapper MAPPER = DatapointJsonWriter.fastMapper();
    }
}
