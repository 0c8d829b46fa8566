package io.pinfold.kubo.error;

/** What the call names does not exist on the node: a block, an MFS path, an IPNS record, a key. */
public class KuboNotFoundException extends KuboException {

    public KuboNotFoundException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }
}
