package io.pinfold.kubo.error;

/**
 * The caller's own content failed while it was being uploaded (its publisher signalled an error);
 * the request was aborted. Not transient as far as Kubo is concerned: the cause says what failed.
 */
public final class KuboUploadFailedException extends KuboException {

    public KuboUploadFailedException(String call, Throwable cause) {
        super(call, "the content to upload failed: " + cause.getMessage(), NO_CODE, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
