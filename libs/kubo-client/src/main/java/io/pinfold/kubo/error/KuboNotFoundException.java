package io.pinfold.kubo.error;

/**
 * What the call names does not exist on the node: a block, an MFS path, an IPNS record, a key.
 * Kubo reports these as code 0 or 1, so the kind is read from its wording. Not transient.
 */
public sealed class KuboNotFoundException extends KuboException permits KuboNotPinnedException {

    public KuboNotFoundException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
