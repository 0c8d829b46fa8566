package io.pinfold.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.validation.InvalidEventException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void aBrokenContractIsTheRecordsFaultWhereverItIsWrapped() {
        assertThat(FailureKind.of(new InvalidEventException("data.cid", "not a CID"))).isEqualTo(FailureKind.RECORDS_FAULT);
        assertThat(FailureKind.of(new CompletionException(new RecordRefusedException("node unknown"))))
                .isEqualTo(FailureKind.RECORDS_FAULT);
    }

    @Test
    void everythingElseIsRetried() {
        assertThat(FailureKind.of(new CompletionException(new ConnectException("Connection refused")))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new IllegalStateException("surprise"))).isEqualTo(FailureKind.TRANSIENT);
    }
}
