package io.camelonenet.gateway;

import java.nio.file.Path;

/** The devices file cannot be used as it is: the message names the file, the entry and the problem. */
public class InvalidDevicesFileException extends RuntimeException {

    public InvalidDevicesFileException(Path file, String problem) {
        super("devices file " + file + " " + problem);
    }
}
