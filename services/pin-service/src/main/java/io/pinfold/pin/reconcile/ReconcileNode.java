package io.pinfold.pin.reconcile;

import io.pinfold.events.node.NodeState;
import java.net.URI;

/** A registered node as the reconciler needs it. */
public record ReconcileNode(String id, URI rpcUrl, NodeState state) {
}
