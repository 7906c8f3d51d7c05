package io.camelonenet.field;

import java.nio.file.Path;

/** The points file cannot be used as it is: the message names the file, the entry and the problem. */
public class InvalidPointsFileException extends RuntimeException {

    public InvalidPointsFileException(Path file, String problem) {
        super("points file " + file + " " + problem);
    }
}
