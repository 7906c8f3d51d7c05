package io.camelonenet.emulator;

import java.util.List;

/**
 * An OTA task of the emulator as it stands: its id, device, target version, status (1 waiting, 2 downloading,
 * 3 upgrading, 4 succeeded, 5 failed, 6 cancelled), the steps the device reported (in order), where each download
 * request started (its Range), and how many package bytes were served in all.
 */
public record OtaTaskRecord(long tid, String productId, String deviceName, String target, int status,
                            List<Integer> steps, List<Long> downloadStarts, long bytesServed) {
}
