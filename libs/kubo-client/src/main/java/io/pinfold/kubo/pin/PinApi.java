package io.pinfold.kubo.pin;

import io.pinfold.kubo.http.JsonFields;
import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The node's pins: {@code pin add / rm / ls / update / verify}. */
public final class PinApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public PinApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Pins {@code path} (fetching what is missing) and answers the CIDs pinned. */
    public Uni<List<String>> add(String path, PinAddOptions options) {
        return transport.callJson(addRequest(path, options).option("progress", false), limits.timeout(),
                json -> JsonFields.texts(json, "Pins"));
    }

    /**
     * Pins {@code path} and reports progress about every half second; the last item has the pinned
     * CIDs. The deadline covers the first report only, so a large DAG can take as long as it needs,
     * as long as it keeps fetching: Kubo reports every 500 ms even when nothing arrived, so the
     * stream idle timeout counts from the last report with more blocks or bytes than the one before.
     */
    public Multi<PinProgress> addWithProgress(String path, PinAddOptions options) {
        return transport.streamJson(addRequest(path, options).option("progress", true), limits, PinProgress::from,
                PinProgress::advancedFrom);
    }

    private static KuboRequest addRequest(String path, PinAddOptions options) {
        return KuboRequest.command("pin/add").arg(path)
                .option("recursive", options.recursive())
                .optionIfPresent("name", options.name());
    }

    /** Unpins {@code path}; fails with KuboNotPinnedException when it is not pinned that way. */
    public Uni<List<String>> rm(String path, boolean recursive) {
        return transport.callJson(KuboRequest.command("pin/rm").arg(path).option("recursive", recursive), limits.timeout(),
                json -> JsonFields.texts(json, "Pins"));
    }

    /** Lists pins as Kubo finds them, one item per pin, without holding the list in memory. */
    public Multi<PinLsEntry> ls(PinLsOptions options) {
        KuboRequest request = KuboRequest.command("pin/ls")
                .args(options.cids())
                .option("type", options.kuboType())
                .option("stream", true)
                .option("names", options.names());
        return transport.streamJson(request, limits, PinLsEntry::from);
    }

    /** Moves a recursive pin from one root to another, fetching only what differs. */
    public Uni<PinUpdate> update(String from, String to, boolean unpinOld) {
        return transport.callJson(
                KuboRequest.command("pin/update").arg(from).arg(to).option("unpin", unpinOld), limits.timeout(), PinUpdate::from);
    }

    /** Checks every recursive pin's blocks; with {@code includeHealthy} healthy pins are reported too. */
    public Multi<PinVerification> verify(boolean includeHealthy) {
        return transport.streamJson(
                KuboRequest.command("pin/verify").option("verbose", includeHealthy), limits, PinVerification::from);
    }
}
