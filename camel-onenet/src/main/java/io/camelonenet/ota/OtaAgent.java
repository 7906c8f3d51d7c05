package io.camelonenet.ota;

import io.camelonenet.inbound.LogText;
import io.camelonenet.ota.OtaStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One device's firmware upgrade (docs/current-platform.md, Firmware upgrades), a pass at a time: report the version
 * it runs (at the first pass and after an upgrade), check for a task, download the package (resuming), check its
 * MD5, hand it to the route and report the outcome. Progress is reported at most every 10 %; a task the platform
 * cancelled stops the download. Every change of state is logged and kept in {@link #status()}. A pass that failed on
 * the network throws, and the caller tries again soon: the download resumes where it stopped.
 */
public final class OtaAgent {

    private static final Logger LOG = LoggerFactory.getLogger(OtaAgent.class);

    private final String device;
    private final OtaApi.Device api;
    private final Path directory;
    private final FirmwareVersions versions;
    private final FirmwareHandOff handOff;
    private final long maxBytes;
    private boolean versionReported;
    private volatile OtaStatus status;
    /** The last idle state's detail: a check that finds the same again is not logged again. */
    private String lastIdle;

    /**
     * @param device    the device's name in logs and state ({@code productId/deviceName} for a sub-device)
     * @param directory where its packages go ({@code onenet.ota.dir/<device>})
     * @param maxBytes  the largest package it takes ({@code onenet.ota.max-bytes})
     */
    public OtaAgent(String device, OtaApi.Device api, Path directory, FirmwareVersions versions,
                    FirmwareHandOff handOff, long maxBytes) {
        this.device = device;
        this.api = api;
        this.directory = directory;
        this.versions = versions;
        this.handOff = handOff;
        this.maxBytes = maxBytes;
        this.status = OtaStatus.idle(versions.of(device), "not checked yet");
    }

    public String device() {
        return device;
    }

    public OtaStatus status() {
        return status;
    }

    /** One check and, if a task waits, its upgrade. Throws what should be tried again (the network). */
    public synchronized void pass() throws IOException, InterruptedException {
        String version = versions.of(device);
        if (!versionReported) {
            api.reportVersion(version);
            versionReported = true;
        }
        set(new OtaStatus(State.CHECKING, version, null, -1, 0, "checking"));
        OtaTask task;
        try {
            task = api.check(version);
        } catch (OtaRefusedException none) {
            // a task that ended on the platform while its download was interrupted leaves its part behind
            FirmwareDownload.discardParts(directory);
            // the platform's reason stays visible: "no task", or a refused token
            set(OtaStatus.idle(version, "no task (" + none.getMessage() + ")"));
            return;
        }
        try {
            upgrade(version, task);
        } catch (OtaRefusedException refused) {
            if (refused.code() != OtaRefusedException.TASK_FINISHED) {
                throw new IOException(refused.getMessage(), refused);
            }
            // cancelled (or ended) on the platform meanwhile: nothing more to do for it
            discard(task);
            set(new OtaStatus(State.CANCELLED, version, task.target(), task.tid(), 0,
                    "task ended on the platform: " + refused.getMessage()));
        }
    }

    private void upgrade(String version, OtaTask task) throws IOException, InterruptedException {
        if (task.size() > maxBytes) {
            api.reportStep(task.tid(), OtaSteps.DOWNLOAD_NO_SPACE);
            set(failed(version, task, "the package is " + task.size() + " bytes, over onenet.ota.max-bytes ("
                    + maxBytes + "); reported " + OtaSteps.DOWNLOAD_NO_SPACE));
            return;
        }
        FirmwareDownload download;
        try {
            download = new FirmwareDownload(directory, task);
        } catch (IllegalArgumentException unsafe) {
            api.reportStep(task.tid(), OtaSteps.DOWNLOAD_UNKNOWN);
            set(failed(version, task, unsafe.getMessage() + "; reported " + OtaSteps.DOWNLOAD_UNKNOWN));
            return;
        }
        // a restart after the package was installed and before its outcome was reported: it goes to the route again
        boolean installed = task.status() == OtaTask.UPGRADING && download.installedVerified();
        if (task.status() == OtaTask.UPGRADING && !installed) {
            // reported downloaded, and the package is gone or changed since: the platform takes no progress now
            api.reportStep(task.tid(), OtaSteps.UPGRADE_UNKNOWN);
            set(failed(version, task, "the package downloaded before is no longer in " + directory + "; reported "
                    + OtaSteps.UPGRADE_UNKNOWN));
            return;
        }
        if (!installed && !downloaded(version, task, download)) {
            return;
        }
        set(new OtaStatus(State.APPLYING, version, task.target(), task.tid(), 100, "handed to the route"));
        int outcome = handOff.apply(device, version, task.target(), download.installed());
        if (outcome == OtaSteps.UPGRADED) {
            versions.upgraded(device, task.target());
            api.reportStep(task.tid(), OtaSteps.UPGRADED);
            api.reportVersion(task.target());
            set(new OtaStatus(State.SUCCEEDED, task.target(), task.target(), task.tid(), 100,
                    "upgraded from " + version));
        } else {
            int step = OtaSteps.upgradeFailure(outcome) ? outcome : OtaSteps.UPGRADE_UNKNOWN;
            api.reportStep(task.tid(), step);
            set(failed(version, task, "the route did not apply it; reported " + step));
        }
    }

    /** Downloads (or resumes) and checks the package; false when it must not be handed on. */
    private boolean downloaded(String version, OtaTask task, FirmwareDownload download)
            throws IOException, InterruptedException {
        long have = download.have();
        if (have < task.size()) {
            set(new OtaStatus(State.DOWNLOADING, version, task.target(), task.tid(), download.percent(have),
                    have > 0 ? "resuming at byte " + have : "downloading " + task.size() + " bytes"));
            OtaApi.Download bytes = api.download(task.tid(), have);
            int[] reported = {download.percent(have) / 10 * 10};
            boolean whole;
            try (var in = bytes.bytes()) {
                whole = download.receive(in, bytes.from(), percent -> {
                    status = new OtaStatus(State.DOWNLOADING, version, task.target(), task.tid(), percent,
                            "downloading");
                    int step = percent / 10 * 10;
                    if (step > reported[0] && step < OtaSteps.DOWNLOADED) {
                        reported[0] = step;
                        api.reportStep(task.tid(), step);
                        return !OtaTask.ended(api.status(task.tid(), version));
                    }
                    return true;
                });
            }
            if (!whole) {
                download.discard();
                set(new OtaStatus(State.CANCELLED, version, task.target(), task.tid(), reported[0],
                        "the task was cancelled on the platform; the download stopped"));
                return false;
            }
        }
        if (!download.verified()) {
            download.discard();
            api.reportStep(task.tid(), OtaSteps.UPGRADE_MD5_MISMATCH);
            set(failed(version, task, "the package's MD5 is not the task's; reported "
                    + OtaSteps.UPGRADE_MD5_MISMATCH + ", nothing handed on"));
            return false;
        }
        download.install();
        api.reportStep(task.tid(), OtaSteps.DOWNLOADED);
        return true;
    }

    private void discard(OtaTask task) throws IOException {
        try {
            new FirmwareDownload(directory, task).discard();
        } catch (IllegalArgumentException unsafe) {
            // never written
        }
    }

    private OtaStatus failed(String version, OtaTask task, String why) {
        return new OtaStatus(State.FAILED, version, task.target(), task.tid(), 0, why);
    }

    /** The pass failed and is tried again soon. */
    public void retrying(Exception why) {
        OtaStatus now = status;
        set(new OtaStatus(State.RETRYING, now.version(), now.target(), now.tid(), now.percent(),
                LogText.of(why.getMessage())));
    }

    private void set(OtaStatus next) {
        OtaStatus before = status;
        status = next;
        boolean repeatedIdle = next.state() == State.IDLE && next.detail().equals(lastIdle);
        if (next.state() == State.IDLE) {
            lastIdle = next.detail();
        }
        if (before.state() != next.state() || !java.util.Objects.equals(before.detail(), next.detail())) {
            if (next.state() == State.FAILED || next.state() == State.RETRYING) {
                LOG.warn("Firmware of {}: {} ({}): {}", LogText.of(device), next.state(), where(next), next.detail());
            } else if (next.state() != State.CHECKING && !(next.state() == State.IDLE
                    && before.state() == State.CHECKING && repeatedIdle)) {
                LOG.info("Firmware of {}: {} ({}): {}", LogText.of(device), next.state(), where(next), next.detail());
            }
        }
    }

    /** "version 1.0", and the task when there is one: "version 1.0, task 3 to 1.1". */
    private static String where(OtaStatus status) {
        return "version " + LogText.of(status.version()) + (status.tid() < 0 ? ""
                : ", task " + status.tid() + " to " + LogText.of(status.target()));
    }
}
