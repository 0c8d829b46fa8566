package io.pinfold.kubo.error;

/** Kubo rejected an argument or option: a malformed CID or path, an unknown option value. */
public class KuboInvalidRequestException extends KuboException {

    public KuboInvalidRequestException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }
}
